// @ts-check
// The reports page's controls (range, grouping, business hours, the agent,
// inbox, team or label to report on) and its table of summaries per agent,
// inbox, team or label, with the CSV download.

import { h, replaceChildren } from "./dom.js";
import { gettext } from "./i18n.js";
import { formatDuration } from "./reports_format.js";

/**
 * @typedef {object} ReportFilters
 * @property {{days: number | null, from: string, to: string}} range
 * @property {string} groupBy
 * @property {boolean} businessHours
 * @property {number | null} memberId
 */

/**
 * A row of GET summary_reports/<dimension>.
 * @typedef {object} MemberSummary
 * @property {number} id
 * @property {string} name
 * @property {number} conversations_count
 * @property {number} resolved_conversations_count
 * @property {number} avg_first_response_time
 * @property {number} avg_resolution_time
 * @property {number} avg_reply_time
 */

/** @type {Record<string, () => string>} */
const ALL_OF = {
  agent: () => gettext("All agents"),
  inbox: () => gettext("All inboxes"),
  team: () => gettext("All teams"),
  label: () => gettext("All labels"),
};
/** @type {Record<string, () => string>} */
const NAME_OF = {
  agent: () => gettext("Agent"),
  inbox: () => gettext("Inbox"),
  team: () => gettext("Team"),
  label: () => gettext("Label"),
};

/**
 * @param {string} label
 * @param {HTMLElement} control
 */
function field(label, control) {
  return h("label", { class: "reports-field" }, h("span", { class: "small muted" }, label), control);
}

/**
 * The controls; `onChange` runs after each change.
 * @param {{dimension: string | null, onChange: () => void}} options
 * @returns {{element: HTMLElement, filters: () => ReportFilters, setMembers: (members: {id: number, name: string}[]) => void}}
 */
export function reportToolbar({ dimension, onChange }) {
  const range = /** @type {HTMLSelectElement} */ (
    h(
      "select",
      { name: "range" },
      h("option", { value: "7" }, gettext("Last 7 days")),
      h("option", { value: "30" }, gettext("Last 30 days")),
      h("option", { value: "90" }, gettext("Last 90 days")),
      h("option", { value: "custom" }, gettext("Custom range")),
    )
  );
  const from = /** @type {HTMLInputElement} */ (h("input", { type: "date", name: "from" }));
  const to = /** @type {HTMLInputElement} */ (h("input", { type: "date", name: "to" }));
  const custom = h("span", { class: "reports-custom", hidden: true }, field(gettext("From"), from), field(gettext("To"), to));
  const groupBy = /** @type {HTMLSelectElement} */ (
    h("select", { name: "group_by" }, h("option", { value: "day" }, gettext("By day")), h("option", { value: "week" }, gettext("By week")), h("option", { value: "month" }, gettext("By month")))
  );
  const businessHours = /** @type {HTMLInputElement} */ (h("input", { type: "checkbox", name: "business_hours" }));
  const member = /** @type {HTMLSelectElement} */ (h("select", { name: "member" }, h("option", { value: "" }, dimension ? ALL_OF[dimension]() : "")));
  const element = h(
    "div",
    { class: "reports-toolbar", role: "group", "aria-label": gettext("Report options") },
    field(gettext("Range"), range),
    custom,
    field(gettext("Group by"), groupBy),
    h("label", { class: "reports-check" }, businessHours, gettext("Business hours only")),
    dimension ? field(NAME_OF[dimension](), member) : null,
  );
  range.addEventListener("change", () => {
    custom.hidden = range.value !== "custom";
    if (range.value !== "custom" || (from.value && to.value)) onChange();
  });
  for (const control of [from, to]) control.addEventListener("change", () => from.value && to.value && from.value <= to.value && onChange());
  for (const control of [groupBy, businessHours, member]) control.addEventListener("change", onChange);
  return {
    element,
    filters: () => ({
      range: { days: range.value === "custom" ? null : Number(range.value), from: from.value, to: to.value },
      groupBy: groupBy.value,
      businessHours: businessHours.checked,
      memberId: member.value ? Number(member.value) : null,
    }),
    setMembers: (members) => replaceChildren(member, h("option", { value: "" }, dimension ? ALL_OF[dimension]() : ""), members.map((one) => h("option", { value: String(one.id) }, one.name))),
  };
}

/**
 * The summaries per agent (inbox, team, label) and the link to their CSV.
 * @param {string} dimension
 * @param {MemberSummary[]} rows
 * @param {string} csvUrl
 * @returns {HTMLElement}
 */
export function membersTable(dimension, rows, csvUrl) {
  const headings = [NAME_OF[dimension](), gettext("Conversations"), gettext("Resolved"), gettext("First response time"), gettext("Resolution time"), gettext("Reply time")];
  return h(
    "section",
    { class: "reports-members", "aria-labelledby": "reports-members-title" },
    h("div", { class: "reports-members-head" }, h("h2", { id: "reports-members-title" }, gettext("Details")), h("a", { class: "button", href: csvUrl, download: "" }, gettext("Download CSV"))),
    h(
      "table",
      { class: "table reports-table", "aria-labelledby": "reports-members-title" },
      h("thead", {}, h("tr", {}, headings.map((heading) => h("th", { scope: "col" }, heading)))),
      h(
        "tbody",
        {},
        rows.map((row) =>
          h(
            "tr",
            { dataset: { memberId: String(row.id) } },
            h("th", { scope: "row" }, row.name),
            h("td", {}, String(row.conversations_count)),
            h("td", {}, String(row.resolved_conversations_count)),
            h("td", {}, formatDuration(row.avg_first_response_time)),
            h("td", {}, formatDuration(row.avg_resolution_time)),
            h("td", {}, formatDuration(row.avg_reply_time)),
          ),
        ),
        rows.length ? null : h("tr", {}, h("td", { colspan: "6", class: "muted" }, gettext("Nothing to report in this range."))),
      ),
    ),
  );
}
