// @ts-check
// The list's sidebar of views: the agent's saved filters (open, rename,
// delete), the account's labels with their colours, and the priorities; each
// shows the list under a filter query.

import { listOf } from "../kit/http.js";
import { PRIORITIES, priorityName } from "./conversation_priority.js";
import { equalsQuery } from "./conversation_query.js";
import { h, reasonOf, replaceChildren, toast } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";
import { swatch } from "./label_picker.js";

/** @typedef {import("./conversation_state.js").AdvancedFilter} AdvancedFilter */

/**
 * A saved filter as the custom_filters API gives it.
 * @typedef {{id: number, name: string, query: any}} SavedFilter
 */

/**
 * @typedef {object} ViewsSidebar
 * @property {HTMLElement} element
 * @property {() => Promise<void>} reload the saved filters, again
 * @property {(shown: AdvancedFilter | null) => void} update mark the view shown; draw the labels anew
 */

/**
 * @param {import("./context.js").DashboardContext} ctx
 * @param {{lookups: import("./context.js").Lookups, onOpen: (filter: AdvancedFilter) => void, onDeleted: (id: number) => void, onRenamed: (saved: SavedFilter) => void}} options
 * @returns {ViewsSidebar}
 */
export function createViewsSidebar(ctx, { lookups, onOpen, onDeleted, onRenamed }) {
  /** @type {SavedFilter[]} */
  let saved = [];
  /** @type {AdvancedFilter | null} */
  let shown = null;
  const savedList = h("ul", { class: "views-list saved-views", "aria-label": gettext("Saved views") });
  const labelList = h("ul", { class: "views-list label-views", "aria-label": gettext("Labels") });
  const priorityList = h("ul", { class: "views-list priority-views", "aria-label": gettext("Priority") });
  const element = h(
    "details",
    // Folded on a phone, where the list needs the height.
    { class: "views-sidebar", open: !matchMedia("(max-width: 720px)").matches },
    h("summary", {}, gettext("Views")),
    h("h3", {}, gettext("Saved views")),
    savedList,
    h("h3", {}, gettext("Labels")),
    labelList,
    h("h3", {}, gettext("Priority")),
    priorityList,
  );

  /**
   * A view's button; `aria-current` marks the one shown.
   * @param {AdvancedFilter} filter
   * @param {(string | HTMLElement)[]} content
   */
  function viewButton(filter, content) {
    const current = Boolean(shown && (filter.id ? shown.id === filter.id : !shown.id && JSON.stringify(shown.query) === JSON.stringify(filter.query)));
    return h("button", { type: "button", class: "view-open", "aria-current": current ? "true" : null, onclick: () => onOpen(filter) }, ...content);
  }

  /** @param {SavedFilter} view */
  function renameForm(view) {
    const input = h("input", { type: "text", value: view.name, maxlength: "255", "aria-label": interpolate(gettext("New name for %(name)s"), { name: view.name }) });
    const form = h("form", { class: "view-rename" }, input, h("button", { type: "submit", class: "button small" }, gettext("Save")));
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const name = input.value.trim();
      if (!name) return;
      try {
        const changed = await ctx.api.patch(`custom_filters/${view.id}`, { name });
        Object.assign(view, changed);
        onRenamed(view);
      } catch (error) {
        toast(interpolate(gettext("Could not rename the view: %(reason)s"), reasonOf(error)));
      }
      draw();
    });
    input.addEventListener("keydown", (event) => event.key === "Escape" && draw());
    return form;
  }

  /** @param {SavedFilter} view */
  async function remove(view) {
    if (!confirm(interpolate(gettext("Delete the view %(name)s?"), { name: view.name }))) return;
    try {
      await ctx.api.delete(`custom_filters/${view.id}`);
    } catch (error) {
      toast(interpolate(gettext("Could not delete the view: %(reason)s"), reasonOf(error)));
      return;
    }
    saved = saved.filter((s) => s.id !== view.id);
    onDeleted(view.id);
    draw();
  }

  /** @param {SavedFilter} view */
  function savedItem(view) {
    const item = h("li", { class: "saved-view" });
    const rename = h("button", { type: "button", class: "button small", "aria-label": interpolate(gettext("Rename %(name)s"), { name: view.name }), onclick: () => replaceChildren(item, renameForm(view)) }, gettext("Rename"));
    const del = h("button", { type: "button", class: "button small", "aria-label": interpolate(gettext("Delete %(name)s"), { name: view.name }), onclick: () => remove(view) }, gettext("Delete"));
    replaceChildren(item, viewButton({ id: view.id, name: view.name, query: view.query }, [view.name]), rename, del);
    return item;
  }

  function draw() {
    replaceChildren(savedList, saved.length ? saved.map(savedItem) : h("li", { class: "muted small" }, gettext("No saved views yet.")));
    const labels = (lookups.labels || []).filter((label) => label.title);
    replaceChildren(
      labelList,
      labels.length ? null : h("li", { class: "muted small" }, gettext("No labels yet.")),
      labels.flatMap((/** @type {{title?: string, color?: string}} */ label) => {
        const title = label.title;
        if (!title) return [];
        return [h("li", {}, viewButton({ name: title, query: equalsQuery("labels", title) }, [swatch(label.color), title]))];
      }),
    );
    replaceChildren(
      priorityList,
      PRIORITIES.map((p) => h("li", {}, viewButton({ name: priorityName(p), query: equalsQuery("priority", p) }, [priorityName(p)]))),
    );
  }

  async function reload() {
    try {
      saved = listOf(await ctx.api.get("custom_filters?filter_type=conversation"));
    } catch (error) {
      toast(interpolate(gettext("Could not load saved views: %(reason)s"), reasonOf(error)));
    }
    draw();
  }

  return {
    element,
    reload,
    update(next) {
      shown = next;
      draw();
    },
  };
}
