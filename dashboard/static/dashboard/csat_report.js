// @ts-check
// The CSAT report (reports/csat): the survey figures, how the ratings spread,
// and the responses, filtered by agent, inbox, team and date range, with the
// same filters' CSV download. Administrators only, as the API.

import { listOf } from "../kit/http.js";
import { formatDateTime, h, reasonOf, replaceChildren, toast } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";
import { reportFrame } from "./reports_nav.js";

/**
 * A response (csat/serializers.py `CsatSurveyResponseSerializer`).
 * @typedef {object} CsatResponse
 * @property {number} id
 * @property {number} rating
 * @property {string} feedback_message
 * @property {number} conversation_id
 * @property {number} created_at
 * @property {{id: number, name: string, email?: string | null}} contact
 * @property {{id: number, available_name: string} | null} assigned_agent
 */

/**
 * The figures (csat/serializers.py `CsatMetricsSerializer`).
 * @typedef {object} CsatMetrics
 * @property {number} total_count
 * @property {Record<string, number>} ratings_count
 * @property {number} total_sent_messages_count
 * @property {number} response_rate
 */

const RATINGS = [5, 4, 3, 2, 1];
const PAGE_SIZE = 25;

/**
 * A rating as five stars, and its words for screen readers.
 * @param {number} rating
 * @returns {HTMLElement}
 */
export function ratingStars(rating) {
  const stars = h("span", { class: "csat-stars" }, "★".repeat(rating) + "☆".repeat(5 - rating));
  stars.setAttribute("role", "img");
  stars.setAttribute("aria-label", interpolate(gettext("%(rating)s out of 5"), { rating }));
  return stars;
}

/**
 * The filters' query string ("" without any), dates as epoch seconds.
 * @param {HTMLFormElement} form
 * @param {number} [page]
 * @returns {string}
 */
export function csatQuery(form, page) {
  const data = new FormData(form);
  const query = new URLSearchParams();
  const agent = String(data.get("agent") || "");
  if (agent) query.append("user_ids[]", agent);
  for (const name of ["inbox_id", "team_id", "rating"]) {
    const value = String(data.get(name) || "");
    if (value) query.set(name, value);
  }
  const since = String(data.get("since") || "");
  const until = String(data.get("until") || "");
  if (since) query.set("since", String(Math.floor(new Date(`${since}T00:00:00`).getTime() / 1000)));
  if (until) query.set("until", String(Math.floor(new Date(`${until}T23:59:59`).getTime() / 1000)));
  if (page && page > 1) query.set("page", String(page));
  const text = query.toString();
  return text ? `?${text}` : "";
}

/**
 * A labelled select of `items`, "All" first.
 * @param {string} name
 * @param {string} label
 * @param {{id: number, name?: string, available_name?: string}[]} items
 * @returns {HTMLElement}
 */
function choice(name, label, items) {
  const id = `csat-filter-${name}`;
  const options = items.map((item) => h("option", { value: String(item.id) }, item.available_name || item.name || ""));
  return h("div", { class: "field" }, h("label", { for: id }, label), h("select", { id, name }, h("option", { value: "" }, gettext("All")), options));
}

/**
 * The figures' cards and the ratings' bars.
 * @param {CsatMetrics} metrics
 * @returns {HTMLElement[]}
 */
function figures(metrics) {
  const total = metrics.total_count;
  const satisfied = (metrics.ratings_count["4"] || 0) + (metrics.ratings_count["5"] || 0);
  /** @param {string} label @param {string} value */
  const card = (label, value) => h("div", { class: "csat-card" }, h("span", { class: "csat-card-label" }, label), h("strong", {}, value));
  const cards = h(
    "div",
    { class: "csat-cards" },
    card(gettext("Responses"), String(total)),
    card(gettext("Surveys sent"), String(metrics.total_sent_messages_count)),
    card(gettext("Response rate"), `${metrics.response_rate}%`),
    card(gettext("Satisfaction score"), total ? `${Math.round((satisfied * 100) / total)}%` : "–"),
  );
  const bars = h(
    "ul",
    { class: "csat-bars", "aria-label": gettext("Ratings") },
    RATINGS.map((rating) => {
      const count = metrics.ratings_count[String(rating)] || 0;
      const share = total ? Math.round((count * 100) / total) : 0;
      const bar = h("span", { class: "csat-bar" }, h("span", { class: "csat-bar-fill", style: `width: ${share}%` }));
      return h("li", {}, ratingStars(rating), bar, h("span", { class: "csat-bar-count" }, interpolate(gettext("%(count)s (%(share)s)"), { count, share: `${share}%` })));
    }),
  );
  return [cards, bars];
}

/**
 * The responses' table, each conversation a link.
 * @param {string} base the account's dashboard path
 * @param {CsatResponse[]} rows
 * @returns {HTMLElement}
 */
function responsesTable(base, rows) {
  if (!rows.length) return h("p", { class: "muted" }, gettext("No responses match these filters."));
  const head = [gettext("Rating"), gettext("Feedback"), gettext("Contact"), gettext("Agent"), gettext("Conversation"), gettext("Recorded at")];
  return h(
    "table",
    { class: "csat-table" },
    h("thead", {}, h("tr", {}, head.map((words) => h("th", { scope: "col" }, words)))),
    h(
      "tbody",
      {},
      rows.map((row) =>
        h(
          "tr",
          {},
          h("td", {}, ratingStars(row.rating)),
          h("td", { class: "csat-feedback" }, row.feedback_message || ""),
          h("td", {}, row.contact ? row.contact.name || row.contact.email || "" : ""),
          h("td", {}, row.assigned_agent ? row.assigned_agent.available_name : "–"),
          h("td", {}, h("a", { href: `${base}/conversations/${row.conversation_id}` }, `#${row.conversation_id}`)),
          h("td", {}, formatDateTime(row.created_at)),
        ),
      ),
    ),
  );
}

/**
 * The filters' form, its lists filled from the account's agents, inboxes and teams.
 * @param {import("./context.js").DashboardContext} ctx
 * @returns {Promise<HTMLFormElement>}
 */
async function filterForm(ctx) {
  const [agents, inboxes, teams] = await Promise.all(["agents", "inboxes", "teams"].map((path) => ctx.api.get(path).then(listOf)));
  /** @param {string} name @param {string} label */
  const day = (name, label) => h("div", { class: "field" }, h("label", { for: `csat-filter-${name}` }, label), h("input", { type: "date", id: `csat-filter-${name}`, name }));
  const ratings = RATINGS.map((rating) => ({ id: rating, name: interpolate(gettext("%(rating)s out of 5"), { rating }) }));
  return /** @type {HTMLFormElement} */ (
    h(
      "form",
      { class: "csat-filters", "aria-label": gettext("Filters") },
      choice("agent", gettext("Agent"), agents),
      choice("inbox_id", gettext("Inbox"), inboxes),
      choice("team_id", gettext("Team"), teams),
      choice("rating", gettext("Rating"), ratings),
      day("since", gettext("From")),
      day("until", gettext("To")),
    )
  );
}

/**
 * Draw the report in `main`.
 * @param {import("./context.js").DashboardContext} ctx
 * @param {HTMLElement} main
 */
export async function mount(ctx, main) {
  const summary = h("section", { class: "csat-summary", "aria-live": "polite" });
  const table = h("section", { class: "csat-responses" });
  const pager = h("nav", { class: "csat-pager", "aria-label": gettext("Pages") });
  const download = h("a", { class: "button", download: "" }, gettext("Download CSV"));
  let page = 1;
  /** @type {HTMLFormElement} */
  let form;
  try {
    form = await filterForm(ctx);
  } catch (error) {
    toast(interpolate(gettext("Could not load the report: %(reason)s"), reasonOf(error)));
    return;
  }
  const path = `/api/v1/accounts/${ctx.config.account.id}/csat_survey_responses`;
  async function read() {
    const query = csatQuery(form);
    download.setAttribute("href", `${path}/download${query}`);
    try {
      const [metrics, rows] = await Promise.all([ctx.api.get(`csat_survey_responses/metrics${query}`), ctx.api.get(`csat_survey_responses${csatQuery(form, page)}`)]);
      replaceChildren(summary, ...figures(metrics));
      replaceChildren(table, responsesTable(ctx.base, rows));
      drawPager(rows.length);
    } catch (error) {
      toast(interpolate(gettext("Could not load the report: %(reason)s"), reasonOf(error)));
    }
  }
  /** @param {number} count rows on this page */
  function drawPager(count) {
    /** @param {string} words @param {number} to @param {boolean} off */
    const go = (words, to, off) => h("button", { type: "button", class: "button small", disabled: off, onclick: () => ((page = to), read()) }, words);
    replaceChildren(pager, go(gettext("Previous"), page - 1, page <= 1), h("span", {}, interpolate(gettext("Page %(page)s"), { page })), go(gettext("Next"), page + 1, count < PAGE_SIZE));
  }
  form.addEventListener("change", () => {
    page = 1;
    read();
  });
  replaceChildren(
    reportFrame(ctx, main, "csat"),
    h("div", { class: "csat-report" }, h("div", { class: "csat-report-head" }, h("h1", { id: "reports-title" }, gettext("CSAT report")), download), form, summary, table, pager),
  );
  await read();
}
