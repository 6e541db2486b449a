// @ts-check
// Settings: macros, actions an agent runs on a conversation with one click
// from its header; add, change, delete.

import { listOf, newestOnly, STALE } from "../kit/http.js";
import { createActionsEditor, loadLookups } from "./automation_actions.js";
import { h, reasonOf, replaceChildren, toast } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";
import { field } from "./settings_form.js";

/** @typedef {import("./context.js").DashboardContext} DashboardContext */
/** @typedef {{id: number, name: string, visibility: string, actions: import("./automation_actions.js").Action[]}} Macro */

/** @param {string} visibility */
function visibilityName(visibility) {
  return visibility === "global" ? gettext("Everyone") : gettext("Only me");
}

/**
 * The macros, and a form to add one or change the one picked.
 * @param {DashboardContext} ctx
 * @param {HTMLElement} content
 */
export function macroSettings(ctx, content) {
  /** @type {Macro | null} */
  let editing = null;
  /** @type {import("./context.js").Lookups} */
  const lookups = {};
  const list = h("table", { class: "macro-table" });
  const form = h("form", { class: "card stack macro-form", onsubmit: submit });
  const actions = createActionsEditor({ lookups, macro: true });
  replaceChildren(content, h("h1", { id: "settings-title" }, gettext("Macros")), h("div", { class: "settings-grid" }, h("div", {}, list), form));

  function drawForm() {
    const macro = editing;
    actions.set(macro ? macro.actions : []);
    const visibility = field(gettext("Visible to"), "visibility", { options: [["global", visibilityName("global")], ["personal", visibilityName("personal")]] });
    const select = visibility.querySelector("select");
    if (select) select.value = macro ? macro.visibility : "global";
    replaceChildren(
      form,
      h("h2", {}, macro ? interpolate(gettext("Edit macro %(name)s"), { name: macro.name }) : gettext("New macro")),
      field(gettext("Macro name"), "name", { required: true, maxlength: "255", value: macro ? macro.name : "" }),
      visibility,
      actions.element,
      h(
        "div",
        { class: "row" },
        h("button", { type: "submit", class: "button primary" }, macro ? gettext("Save macro") : gettext("Create macro")),
        macro ? h("button", { type: "button", class: "button", onclick: () => edit(null) }, gettext("Cancel")) : null,
      ),
    );
  }

  /** @param {Macro[]} macros */
  function drawList(macros) {
    replaceChildren(
      list,
      h("thead", {}, h("tr", {}, [gettext("Macro"), gettext("Visible to"), ""].map((words) => h("th", { scope: "col" }, words)))),
      h(
        "tbody",
        {},
        macros.map((macro) => {
          const named = { name: macro.name };
          return h(
            "tr",
            { dataset: { macro: String(macro.id) } },
            h("td", {}, macro.name),
            h("td", {}, visibilityName(macro.visibility)),
            h(
              "td",
              {},
              h(
                "span",
                { class: "row" },
                h("button", { type: "button", class: "button small", "aria-label": interpolate(gettext("Edit macro %(name)s"), named), onclick: () => edit(macro) }, gettext("Edit")),
                h("button", { type: "button", class: "button small danger", "aria-label": interpolate(gettext("Delete macro %(name)s"), named), onclick: () => remove(macro) }, gettext("Delete")),
              ),
            ),
          );
        }),
        macros.length ? null : h("tr", {}, h("td", { colspan: "3", class: "muted" }, gettext("No macros yet."))),
      ),
    );
  }

  /** @param {Macro | null} macro */
  function edit(macro) {
    editing = macro;
    drawForm();
  }

  const newest = newestOnly();
  async function load() {
    const found = await newest(ctx.api.get("macros"));
    if (found !== STALE) drawList(listOf(found));
  }

  /** @param {SubmitEvent} event */
  async function submit(event) {
    event.preventDefault();
    const data = new FormData(form);
    const body = { name: data.get("name"), visibility: data.get("visibility"), actions: actions.value() };
    try {
      if (editing) await ctx.api.patch(`macros/${editing.id}`, body);
      else await ctx.api.post("macros", body);
      toast(editing ? gettext("Macro saved.") : gettext("Macro created."));
      edit(null);
      await load();
    } catch (error) {
      toast(interpolate(gettext("Could not save the macro: %(reason)s"), reasonOf(error)));
    }
  }

  /** @param {Macro} macro */
  async function remove(macro) {
    if (!confirm(interpolate(gettext("Delete the macro %(name)s?"), { name: macro.name }))) return;
    try {
      await ctx.api.request("DELETE", `macros/${macro.id}`);
      if (editing && editing.id === macro.id) edit(null);
      await load();
    } catch (error) {
      toast(interpolate(gettext("Could not delete the macro: %(reason)s"), reasonOf(error)));
    }
  }

  drawForm();
  // The agents, teams and labels offered fill in once they arrive.
  loadLookups(ctx.api, listOf).then((found) => (Object.assign(lookups, found), actions.redraw()), () => {});
  load().catch((error) => toast(interpolate(gettext("Could not load the macros: %(reason)s"), reasonOf(error))));
}
