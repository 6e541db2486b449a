// @ts-check
// The list's assignee tabs (Mine, Unassigned, All), each with its count.

import { arrowKeysBetweenTabs, h, replaceChildren } from "./dom.js";
import { gettext } from "./i18n.js";

const TABS = [
  ["me", gettext("Mine"), "mine_count"],
  ["unassigned", gettext("Unassigned"), "unassigned_count"],
  ["all", gettext("All"), "all_count"],
];

/**
 * @param {(assigneeType: string) => void} onSelect
 * @returns {{element: HTMLElement, update: (selected: string, meta: Record<string, number>) => void}}
 */
export function createFilterTabs(onSelect) {
  const element = h("div", { class: "tabs", role: "tablist", "aria-label": gettext("Assignee") });
  arrowKeysBetweenTabs(element);

  /**
   * Redrawn on every list change: the keyboard focus stays on the same tab.
   * @param {string} selected the assignee type shown
   * @param {Record<string, number>} meta the counts
   */
  function update(selected, meta) {
    const focused = [...element.children].indexOf(/** @type {Element} */ (document.activeElement));
    replaceChildren(
      element,
      TABS.map(([value, label, countKey]) =>
        h(
          "button",
          {
            type: "button",
            role: "tab",
            class: "tab",
            "aria-selected": String(selected === value),
            tabindex: selected === value ? "0" : "-1",
            onclick: () => onSelect(value),
          },
          label,
          h("span", { class: "count" }, String(meta[countKey] ?? 0)),
        ),
      ),
    );
    if (focused >= 0) /** @type {HTMLElement} */ (element.children[focused]).focus();
  }

  return { element, update };
}
