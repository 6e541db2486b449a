// @ts-check
// An inbox's holidays: dated closures, each named, optionally every year.

import { h, replaceChildren } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";

/**
 * A holiday as the inbox API carries it.
 * @typedef {{date: string, name: string, recurring: boolean}} Holiday
 */

/**
 * The holidays' editable rows and an "Add a holiday" button.
 * @param {Holiday[]} initial
 * @returns {{element: HTMLElement, value: () => Holiday[]}}
 */
export function holidayEditor(initial) {
  const rows = h("ul", { class: "holiday-list", id: "holidays" });
  /** @type {{read: () => Holiday, row: HTMLElement}[]} */
  let entries = [];

  /** @param {Holiday} holiday */
  function add(holiday) {
    const index = entries.length + 1;
    const date = /** @type {HTMLInputElement} */ (h("input", { type: "date", value: holiday.date, required: true, "aria-label": interpolate(gettext("Date of holiday %(number)s"), { number: index }) }));
    const name = /** @type {HTMLInputElement} */ (h("input", { type: "text", value: holiday.name, required: true, maxlength: "255", "aria-label": interpolate(gettext("Name of holiday %(number)s"), { number: index }) }));
    const recurring = /** @type {HTMLInputElement} */ (h("input", { type: "checkbox", checked: holiday.recurring }));
    const entry = {
      read: () => ({ date: date.value, name: name.value, recurring: recurring.checked }),
      row: h(
        "li",
        { class: "holiday-row" },
        date,
        name,
        h("label", { class: "check" }, recurring, gettext("Every year")),
        h("button", { type: "button", class: "button small", onclick: () => { entries = entries.filter((other) => other !== entry); entry.row.remove(); } }, gettext("Remove")),
      ),
    };
    entries.push(entry);
    rows.append(entry.row);
    return date;
  }

  replaceChildren(rows);
  initial.forEach(add);
  const element = h(
    "fieldset",
    { class: "stack" },
    h("legend", {}, gettext("Holidays")),
    h("p", { class: "muted small" }, gettext("Closed all day on these dates, in the inbox's time zone.")),
    rows,
    h("button", { type: "button", class: "button small", id: "add-holiday", onclick: () => add({ date: "", name: "", recurring: false }).focus() }, gettext("Add a holiday")),
  );
  return { element, value: () => entries.map((entry) => entry.read()) };
}
