// @ts-check
// The list's assignee tabs (Mine, Unassigned, All), each with its count.

import { arrowKeysBetweenTabs, h } from "./dom.js";
import { gettext } from "./i18n.js";

const TABS = [
  ["me", gettext("Mine"), "mine_count"],
  ["unassigned", gettext("Unassigned"), "unassigned_count"],
  ["all", gettext("All"), "all_count"],
];

/**
 * The tabs are drawn once and changed in place, so a count arriving while the
 * agent clicks never swaps the button under the pointer (the click is lost).
 * @param {(assigneeType: string) => void} onSelect
 * @returns {{element: HTMLElement, update: (selected: string, meta: Record<string, number>) => void}}
 */
export function createFilterTabs(onSelect) {
  const counts = TABS.map(() => h("span", { class: "count" }, "0"));
  const buttons = TABS.map(([value, label], index) => h("button", { type: "button", role: "tab", class: "tab", "aria-selected": "false", tabindex: "-1", onclick: () => onSelect(value) }, label, counts[index]));
  const element = h("div", { class: "tabs", role: "tablist", "aria-label": gettext("Assignee") }, buttons);
  arrowKeysBetweenTabs(element);

  /**
   * @param {string} selected the assignee type shown
   * @param {Record<string, number>} meta the counts
   */
  function update(selected, meta) {
    TABS.forEach(([value, , countKey], index) => {
      buttons[index].setAttribute("aria-selected", String(selected === value));
      buttons[index].tabIndex = selected === value ? 0 : -1;
      counts[index].textContent = String(meta[countKey] ?? 0);
    });
  }

  return { element, update };
}
