// @ts-check
// Settings: an inbox's business hours (time zone, each weekday, the away
// message) and its holidays. Outside them the widget says the team is away.

import { h, reasonOf, replaceChildren, toast } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";
import { holidayEditor } from "./settings_holidays.js";
import { inboxPicker } from "./settings_inbox_picker.js";

/** @typedef {import("./context.js").DashboardContext} DashboardContext */
/** @typedef {import("./settings_holidays.js").Holiday} Holiday */

/**
 * One day as the inbox API carries it (day_of_week 0 is Sunday).
 * @typedef {{day_of_week: number, closed_all_day?: boolean, open_all_day?: boolean,
 *   open_hour?: number, open_minutes?: number, close_hour?: number, close_minutes?: number}} WorkingDay
 */

/**
 * @typedef {{id: number, name: string, working_hours_enabled: boolean, timezone: string,
 *   working_hours: WorkingDay[], out_of_office_message: string, holidays: Holiday[]}} HoursInbox
 */

// Monday first; Chatwoot counts Sunday as 0.
const WEEK = [1, 2, 3, 4, 5, 6, 0];

/** @param {number} number */
const pad = (number) => String(number).padStart(2, "0");

/**
 * The weekday's name in the page's language (2023-01-01 was a Sunday).
 * @param {number} dayOfWeek
 */
function dayName(dayOfWeek) {
  return new Date(Date.UTC(2023, 0, 1 + dayOfWeek)).toLocaleDateString(document.documentElement.lang || undefined, { weekday: "long", timeZone: "UTC" });
}

/**
 * A weekday's row: open with times, closed, or open all day.
 * @param {WorkingDay | undefined} day
 * @param {number} dayOfWeek
 * @returns {{row: HTMLElement, read: () => WorkingDay}}
 */
function dayRow(day, dayOfWeek) {
  const name = dayName(dayOfWeek);
  const state = day?.closed_all_day || !day ? "closed" : day.open_all_day ? "all_day" : "open";
  const select = /** @type {HTMLSelectElement} */ (h("select", { "aria-label": interpolate(gettext("%(day)s: open or closed"), { day: name }) }, [["open", gettext("Open at these hours")], ["closed", gettext("Closed all day")], ["all_day", gettext("Open all day")]].map(([value, text]) => h("option", { value, selected: value === state }, text))));
  const time = (/** @type {string} */ label, /** @type {number} */ hour, /** @type {number} */ minutes) => /** @type {HTMLInputElement} */ (h("input", { type: "time", value: `${pad(hour)}:${pad(minutes)}`, "aria-label": interpolate(label, { day: name }) }));
  const opens = time(gettext("%(day)s opens at"), day?.open_hour ?? 9, day?.open_minutes ?? 0);
  const closes = time(gettext("%(day)s closes at"), day?.close_hour ?? 17, day?.close_minutes ?? 0);
  const sync = () => { opens.disabled = closes.disabled = select.value !== "open"; };
  select.addEventListener("change", sync);
  sync();
  const read = () => {
    const [openHour, openMinutes] = opens.value.split(":").map(Number);
    const [closeHour, closeMinutes] = closes.value.split(":").map(Number);
    return { day_of_week: dayOfWeek, closed_all_day: select.value === "closed", open_all_day: select.value === "all_day", open_hour: openHour || 0, open_minutes: openMinutes || 0, close_hour: closeHour || 0, close_minutes: closeMinutes || 0 };
  };
  return { row: h("tr", {}, h("th", { scope: "row" }, name), h("td", {}, select), h("td", {}, opens), h("td", {}, closes)), read };
}

/**
 * The IANA zones the browser knows, with UTC and the inbox's own.
 * @param {string} current
 */
function zones(current) {
  const known = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return [...new Set(["UTC", current, ...known])].sort();
}

/**
 * The business-hours form of one inbox.
 * @param {DashboardContext} ctx
 * @param {HoursInbox} inbox
 * @returns {HTMLElement}
 */
function hoursForm(ctx, inbox) {
  const enabled = /** @type {HTMLInputElement} */ (h("input", { type: "checkbox", id: "hours-enabled", checked: inbox.working_hours_enabled }));
  const zone = /** @type {HTMLSelectElement} */ (h("select", { id: "hours-timezone" }, zones(inbox.timezone).map((name) => h("option", { value: name, selected: name === inbox.timezone }, name))));
  const days = WEEK.map((dayOfWeek) => dayRow(inbox.working_hours.find((day) => day.day_of_week === dayOfWeek), dayOfWeek));
  const away = /** @type {HTMLTextAreaElement} */ (h("textarea", { id: "hours-away", rows: "3", maxlength: "10000" }, inbox.out_of_office_message));
  const holidays = holidayEditor(inbox.holidays || []);
  /** @param {SubmitEvent} event */
  async function save(event) {
    event.preventDefault();
    try {
      const saved = await ctx.api.patch(`inboxes/${inbox.id}`, { working_hours_enabled: enabled.checked, timezone: zone.value, working_hours: days.map((day) => day.read()), out_of_office_message: away.value, holidays: holidays.value() });
      Object.assign(inbox, saved);
      toast(interpolate(gettext("Business hours of “%(name)s” saved."), { name: inbox.name }));
    } catch (error) {
      toast(interpolate(gettext("Could not save the business hours: %(reason)s"), reasonOf(error)));
    }
  }
  return h(
    "form",
    { class: "card stack hours-form", onsubmit: save },
    h("label", { class: "check" }, enabled, gettext("Keep business hours")),
    h("div", { class: "field" }, h("label", { for: "hours-timezone" }, gettext("Time zone")), zone),
    h("table", { class: "table hours-table" }, h("thead", {}, h("tr", {}, h("th", {}, gettext("Day")), h("th", {}, gettext("Status")), h("th", {}, gettext("Opens")), h("th", {}, gettext("Closes")))), h("tbody", {}, days.map((day) => day.row))),
    h("div", { class: "field" }, h("label", { for: "hours-away" }, gettext("Away message")), away, h("p", { class: "muted small" }, gettext("Sent once per conversation to a visitor who writes while the inbox is closed."))),
    holidays.element,
    h("button", { type: "submit", class: "button primary" }, gettext("Save business hours")),
  );
}

/**
 * The business hours of the inbox chosen in the picker.
 * @param {DashboardContext} ctx
 * @param {HTMLElement} content
 */
export function hoursSettings(ctx, content) {
  const form = h("div", {});
  replaceChildren(content, h("h1", { id: "settings-title" }, gettext("Business hours")), h("p", { class: "muted" }, gettext("Loading…")), form);
  inboxPicker(ctx, { show: (/** @type {HoursInbox} */ inbox) => replaceChildren(form, hoursForm(ctx, inbox)), empty: gettext("No inboxes yet.") })
    .then((picker) => content.children[1].replaceWith(picker))
    .catch((error) => toast(interpolate(gettext("Could not load inboxes: %(reason)s"), reasonOf(error))));
}
