// @ts-check
// The inbox a settings section edits: a select of the account's inboxes.

import { listOf } from "../kit/http.js";
import { h, replaceChildren } from "./dom.js";
import { gettext } from "./i18n.js";

/** @typedef {import("./context.js").DashboardContext} DashboardContext */

/**
 * Load the inboxes `keep` accepts and draw the chosen one with `show` (the
 * first at once, another on each change of the select).
 * @template {{id: number, name: string}} T
 * @param {DashboardContext} ctx
 * @param {{keep?: (inbox: T) => boolean, show: (inbox: T) => void, empty: string}} options
 * @returns {Promise<HTMLElement>} the select's field, or the `empty` line
 */
export async function inboxPicker(ctx, { keep = () => true, show, empty }) {
  /** @type {T[]} */
  const inboxes = listOf(await ctx.api.get("inboxes")).filter(keep);
  if (!inboxes.length) return h("p", { class: "muted" }, empty);
  const select = /** @type {HTMLSelectElement} */ (h("select", { id: "settings-inbox" }, inboxes.map((inbox) => h("option", { value: String(inbox.id) }, inbox.name))));
  select.addEventListener("change", () => {
    const inbox = inboxes.find((each) => String(each.id) === select.value);
    if (inbox) show(inbox);
  });
  show(inboxes[0]);
  const picker = h("div", { class: "field settings-inbox-picker" });
  replaceChildren(picker, h("label", { for: "settings-inbox" }, gettext("Inbox")), select);
  return picker;
}
