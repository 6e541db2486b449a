// @ts-check
// A conversation's priority: its badge in the list and its control in the
// thread header (urgent, high, medium, low or none, through toggle_priority).

import { h } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";

/** The priorities, highest first. */
export const PRIORITIES = ["urgent", "high", "medium", "low"];

/**
 * A priority's name as people read it.
 * @param {string | null | undefined} priority
 * @returns {string}
 */
export function priorityName(priority) {
  /** @type {Record<string, string>} */
  const names = { urgent: gettext("Urgent"), high: gettext("High"), medium: gettext("Medium"), low: gettext("Low") };
  return (priority && names[priority]) || gettext("No priority");
}

/** Bars filled per priority, as a signal-strength mark. */
const MARKS = { urgent: "!!!", high: "▲▲", medium: "▲", low: "▽" };

/**
 * The list item's priority badge; null for no priority.
 * @param {import("../kit/wire.js").Conversation} c
 * @returns {HTMLElement | null}
 */
export function priorityBadge(c) {
  const priority = c.priority || "";
  if (!PRIORITIES.includes(priority)) return null;
  const label = interpolate(gettext("Priority: %(priority)s"), { priority: priorityName(priority) });
  return h("span", { class: `priority-badge priority-${priority}`, role: "img", "aria-label": label, title: label }, MARKS[/** @type {keyof typeof MARKS} */ (priority)]);
}

/**
 * The header's priority select; choosing posts toggle_priority.
 * @param {import("../kit/wire.js").Conversation} c
 * @param {(action: string, body: Record<string, unknown>) => void} perform
 * @returns {HTMLSelectElement}
 */
export function priorityControl(c, perform) {
  const select = h(
    "select",
    { "aria-label": gettext("Priority"), class: `priority-select priority-${c.priority || "none"}`, "data-capability": "update_attributes" },
    h("option", { value: "", selected: !c.priority }, gettext("No priority")),
    PRIORITIES.map((p) => h("option", { value: p, selected: c.priority === p }, priorityName(p))),
  );
  select.addEventListener("change", () => perform("toggle_priority", { priority: select.value || null }));
  return select;
}
