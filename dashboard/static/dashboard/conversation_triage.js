// @ts-check
// Triage above the conversation list: the sort, the filter builder, the
// sidebar of views and the bar naming the filter query shown. Under a filter
// query the list's own filters (search, status, inbox, team, tabs) step aside.

import { listOf } from "../kit/http.js";
import { SORT_OPTIONS } from "./conversation_order.js";
import { createFilterBuilder } from "./conversation_filter_builder.js";
import { attributesWith, conditionsOf } from "./conversation_query.js";
import { createViewsSidebar } from "./conversation_views.js";
import { h, reasonOf, toast } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";

/** @typedef {import("./conversation_state.js").AdvancedFilter} AdvancedFilter */

/**
 * @typedef {object} Triage
 * @property {HTMLElement} toolbar the sort, the filter button and the bar
 * @property {HTMLElement} builder
 * @property {HTMLElement} sidebar
 * @property {() => void} lookupsChanged the labels arrived
 */

/**
 * @param {import("./context.js").DashboardContext} ctx
 * @param {{state: import("./conversation_state.js").ListState, reload: () => void, basic: HTMLElement[]}} options
 *   `reload` reads the list anew; `basic` are the list's own filters
 * @returns {Triage}
 */
export function createTriage(ctx, { state, reload, basic }) {
  const shownName = h("strong", { class: "filter-shown-name" });
  const bar = h(
    "div",
    { class: "filter-shown", role: "status", hidden: true },
    gettext("Showing:"),
    " ",
    shownName,
    h("button", { type: "button", class: "button small filter-clear", onclick: () => show(null) }, gettext("Clear filter")),
  );

  /** @param {AdvancedFilter | null} filter */
  function show(filter) {
    state.advanced = filter;
    shownName.textContent = filter ? filter.name : "";
    bar.hidden = !filter;
    for (const element of basic) element.hidden = Boolean(filter);
    sidebar.update(filter);
    reload();
  }

  const builder = createFilterBuilder({
    lookups: state.lookups,
    onApply: (query) => show({ query, name: gettext("Custom filter") }),
    async onSave(name, query) {
      const open = state.advanced && state.advanced.id;
      const body = { name, filter_type: "conversation", query };
      try {
        const saved = await (open ? ctx.api.patch(`custom_filters/${open}`, body) : ctx.api.post("custom_filters", body));
        await sidebar.reload();
        show({ id: saved.id, name: saved.name, query: saved.query });
        return true;
      } catch (error) {
        toast(interpolate(gettext("Could not save the view: %(reason)s"), reasonOf(error)));
        return false;
      }
    },
  });

  const sidebar = createViewsSidebar(ctx, {
    lookups: state.lookups,
    onOpen: show,
    onDeleted: (id) => state.advanced && state.advanced.id === id && show(null),
    onRenamed(view) {
      if (!state.advanced || state.advanced.id !== view.id) return;
      state.advanced.name = shownName.textContent = view.name;
    },
  });

  const sort = h(
    "select",
    { class: "sort-select", "aria-label": gettext("Sort conversations") },
    SORT_OPTIONS.map((o) => h("option", { value: o.value, selected: o.value === state.filters.sort_by }, o.label)),
  );
  sort.addEventListener("change", () => {
    state.filters.sort_by = sort.value;
    reload();
  });
  function openBuilder() {
    const shown = state.advanced;
    builder.open(conditionsOf(shown && shown.query), shown && shown.id ? shown.name : "", Boolean(shown && shown.id));
  }

  const filterButton = h(
    "button",
    { type: "button", class: "button small filter-open", onclick: openBuilder },
    gettext("Filter"),
  );

  sidebar.reload();
  ctx.api
    .get("custom_attribute_definitions?attribute_model=conversation_attribute")
    .then((definitions) => builder.setAttributes(attributesWith(listOf(definitions))))
    .catch(() => {
      // The standard attributes remain.
    });
  return {
    toolbar: h("div", { class: "triage-toolbar" }, filterButton, sort, bar),
    builder: builder.element,
    sidebar: sidebar.element,
    lookupsChanged() {
      sidebar.update(state.advanced);
      builder.lookupsChanged();
    },
  };
}

