// @ts-check
// The reports page: a section of reports_nav.js (overview, conversations,
// agents, inboxes, teams, labels) over a range (last 7/30/90 days or chosen
// days), grouped by day, week or month, in all or business hours only:
// summary cards against the previous period, uPlot charts, per-agent (inbox,
// team, label) tables with their CSV, and the live view.

import { h, reasonOf, replaceChildren, toast } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";
import { drawChart } from "./reports_chart.js";
import { formatChange, formatDuration, queryOf, rangeOf } from "./reports_format.js";
import { mountLive } from "./reports_live.js";
import { REPORT_SECTIONS, reportFrame } from "./reports_nav.js";
import { membersTable, reportToolbar } from "./reports_parts.js";

/** @typedef {import("./context.js").DashboardContext} DashboardContext */
/** @typedef {import("./reports_parts.js").ReportFilters} ReportFilters */

// The section's dimension (API `type`) for sections of one.
/** @type {Record<string, string>} */
const DIMENSIONS = { agents: "agent", inboxes: "inbox", teams: "team", labels: "label" };

/** @returns {Record<string, {label: string, duration: boolean}>} */
function metrics() {
  return {
    conversations_count: { label: gettext("Conversations"), duration: false },
    incoming_messages_count: { label: gettext("Incoming messages"), duration: false },
    outgoing_messages_count: { label: gettext("Outgoing messages"), duration: false },
    resolutions_count: { label: gettext("Resolutions"), duration: false },
    avg_first_response_time: { label: gettext("First response time"), duration: true },
    avg_resolution_time: { label: gettext("Resolution time"), duration: true },
    reply_time: { label: gettext("Reply time"), duration: true },
    avg_queue_wait_time: { label: gettext("Time in the queue"), duration: true },
    reopens_count: { label: gettext("Reopened"), duration: false },
    handoffs_count: { label: gettext("Handed to another agent"), duration: false },
  };
}

const CARDS = ["conversations_count", "resolutions_count", "avg_first_response_time", "avg_resolution_time", "reply_time", "avg_queue_wait_time", "incoming_messages_count", "outgoing_messages_count", "reopens_count", "handoffs_count"];
/** @type {Record<string, string[]>} */
const CHARTS = {
  overview: ["conversations_count", "resolutions_count", "avg_first_response_time", "avg_resolution_time"],
  conversations: ["conversations_count", "incoming_messages_count", "outgoing_messages_count", "resolutions_count"],
  dimension: ["conversations_count", "avg_first_response_time", "avg_resolution_time", "reply_time"],
};

/**
 * The summary cards: each figure and its change from the previous period.
 * @param {Record<string, any>} summary
 * @returns {HTMLElement[]}
 */
function summaryCards(summary) {
  const known = metrics();
  return CARDS.map((key) => {
    const { label, duration } = known[key];
    const value = Number(summary[key]);
    const change = formatChange(value, Number(summary.previous[key]));
    return h(
      "div",
      { class: "card reports-card", dataset: { metric: key } },
      h("span", { class: "reports-card-label" }, label),
      h("strong", { class: "reports-card-value" }, duration ? formatDuration(value) : String(value)),
      change ? h("span", { class: "small muted", title: gettext("Change from the previous period") }, change) : null,
    );
  });
}

/**
 * Draw the section of the page's config in `main`.
 * @param {DashboardContext} ctx
 * @param {HTMLElement} main
 */
export function mount(ctx, main) {
  const section = ctx.config.section || "overview";
  const dimension = DIMENSIONS[section] || null;
  const api = `/api/v2/accounts/${ctx.config.account.id}`;
  const current = REPORT_SECTIONS.find((entry) => entry.key === section);
  const content = reportFrame(ctx, main, section);
  const live = h("div", {});
  const cards = h("div", { class: "reports-cards", "aria-live": "polite" });
  const charts = h("div", { class: "reports-charts" });
  const table = h("div", {});
  /** @type {{destroy: () => void}[]} */
  let drawn = [];
  // The agents (inboxes, teams, labels) to choose from, once known.
  let membersShown = false;
  const toolbar = reportToolbar({ dimension, onChange: load });
  content.append(h("h1", { id: "reports-title" }, interpolate(gettext("Reports: %(section)s"), { section: current ? current.label : "" })), toolbar.element, live, cards, charts, table);
  if (section === "overview" || section === "conversations") mountLive(ctx, live, section === "conversations");

  /** @param {ReportFilters} filters */
  function paramsOf(filters) {
    const { since, until } = rangeOf(filters.range);
    const memberId = dimension && filters.memberId ? filters.memberId : null;
    return {
      since,
      until,
      business_hours: filters.businessHours,
      timezone_offset: -new Date().getTimezoneOffset() / 60,
      type: memberId ? dimension : null,
      id: memberId,
    };
  }

  async function load() {
    const filters = toolbar.filters();
    const params = paramsOf(filters);
    const chosen = CHARTS[dimension ? "dimension" : section];
    try {
      const [summary, series, rows] = await Promise.all([
        ctx.api.get(`${api}/reports/summary?${queryOf(params)}`),
        Promise.all(chosen.map((metric) => ctx.api.get(`${api}/reports?${queryOf({ ...params, metric, group_by: filters.groupBy })}`))),
        dimension ? ctx.api.get(`${api}/summary_reports/${dimension}?${queryOf({ ...params, type: null, id: null })}`) : Promise.resolve(null),
      ]);
      replaceChildren(cards, summaryCards(summary));
      drawn.forEach((chart) => chart.destroy());
      replaceChildren(charts);
      const known = metrics();
      drawn = chosen.map((metric, index) => drawChart(charts, { title: known[metric].label, points: series[index], duration: known[metric].duration }));
      if (dimension && rows) {
        if (!membersShown) {
          membersShown = true;
          toolbar.setMembers(rows.map((/** @type {{id: number, name: string}} */ row) => ({ id: row.id, name: row.name })));
        }
        const csv = `${api}/reports/${section}?${queryOf({ ...params, type: null, id: null })}`;
        replaceChildren(table, membersTable(dimension, rows, csv));
      }
    } catch (error) {
      toast(interpolate(gettext("Could not load the report: %(reason)s"), reasonOf(error)));
    }
  }
  load();
}
