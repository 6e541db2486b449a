// @ts-check
// The open conversation's "Macros" menu: the macros the agent sees, one
// click runs one on the conversation (automation/api: macros/<id>/execute).

import { listOf } from "../kit/http.js";
import { h, reasonOf, replaceChildren, toast } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";

/** @typedef {{id: number, name: string}} Macro */

/**
 * The menu's maker for a header: the macros are loaded once, when the first
 * menu is drawn; `control(c)` is the menu for conversation `c`.
 * @param {import("./context.js").DashboardContext} ctx
 * @returns {{control: (conversationId: number) => HTMLSelectElement}}
 */
export function createMacroMenu(ctx) {
  /** @type {Promise<Macro[]> | null} */
  let loading = null;

  /** @param {HTMLSelectElement} select */
  function fill(select) {
    loading = loading || ctx.api.get("macros").then(listOf, () => []);
    loading.then((macros) =>
      replaceChildren(
        select,
        h("option", { value: "" }, gettext("Macros…")),
        macros.map((macro) => h("option", { value: String(macro.id) }, macro.name)),
        macros.length ? null : h("option", { value: "", disabled: true }, gettext("No macros yet.")),
      ),
    );
  }

  /**
   * @param {number} conversationId the display id
   * @param {Macro} macro
   */
  async function run(conversationId, macro) {
    try {
      const answer = await ctx.api.post(`macros/${macro.id}/execute`, { conversation_ids: [conversationId] });
      const [result] = listOf(answer);
      if (result && result.error) toast(interpolate(gettext("The macro stopped: %(error)s"), { error: result.error }));
      else toast(interpolate(gettext("Macro %(name)s done."), { name: macro.name }));
    } catch (error) {
      toast(interpolate(gettext("Could not run the macro: %(reason)s"), reasonOf(error)));
    }
  }

  return {
    control(conversationId) {
      const select = h("select", { class: "macro-menu", "aria-label": gettext("Run a macro") }, h("option", { value: "" }, gettext("Macros…")));
      fill(select);
      select.addEventListener("change", () => {
        const option = select.selectedOptions[0];
        if (select.value && option) run(conversationId, { id: Number(select.value), name: option.textContent || "" });
        select.value = "";
      });
      return select;
    },
  };
}
