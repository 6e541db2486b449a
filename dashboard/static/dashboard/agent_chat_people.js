// @ts-check
// Team chat's people picker: the other agents of the account, several may be
// chosen; a visible label, and a hint when there is nobody to choose.

import { h } from "./dom.js";
import { gettext } from "./i18n.js";

/** @typedef {import("./context.js").Agent} Agent */

/**
 * @param {Agent[]} agents the account's agents but the signed-in one
 * @returns {{element: HTMLElement, selectedIds: () => number[]}}
 */
export function createPeoplePicker(agents) {
  // Nobody else in the account: say so, rather than show an empty box.
  const hint = agents.length ? null : h("p", { id: "agent-chat-who-hint", class: "muted small" }, gettext("No agents yet."));
  const select = h(
    "select",
    { id: "agent-chat-who", multiple: true, class: "agent-chat-who", "aria-describedby": hint ? hint.id : null },
    agents.map((a) => h("option", { value: a.id }, a.available_name || a.name)),
  );
  const element = h("div", { class: "agent-chat-people" }, h("label", { for: select.id }, gettext("Agents to chat with")), select, hint);
  return { element, selectedIds: () => [...select.selectedOptions].map((o) => Number(o.value)) };
}
