// @ts-check
// Settings: the account's audit log, newest first, a page at a time,
// narrowed by action, person, kind and dates; each entry in the reader's
// language (audit_words.js).

import { listOf } from "../kit/http.js";
import { actionNames, changeLines, kindNames, sentenceOf } from "./audit_words.js";
import { formatDateTime, h, reasonOf, replaceChildren, toast } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";

/** @typedef {import("./context.js").DashboardContext} DashboardContext */
/** @typedef {import("./context.js").Agent} Agent */
/** @typedef {import("./audit_words.js").AuditEntry} AuditEntry */
/**
 * @typedef {{audit_logs: AuditEntry[], current_page: number, per_page: number,
 *   total_entries: number}} AuditPage
 */

/**
 * A labelled select of `choices` (value, words), "All" first.
 * @param {string} label
 * @param {string} name
 * @param {[string, string][]} choices
 * @returns {HTMLElement}
 */
function choice(label, name, choices) {
  const id = `audit-${name}`;
  const options = [["", gettext("All")], ...choices].map(([value, words]) => h("option", { value }, words));
  return h("div", { class: "field" }, h("label", { for: id }, label), h("select", { id, name }, options));
}

/**
 * The filters' form.
 * @param {Agent[]} agents
 * @param {(event: Event) => void} onchange
 * @returns {HTMLFormElement}
 */
function filterForm(agents, onchange) {
  const date = (/** @type {string} */ label, /** @type {string} */ name) =>
    h("div", { class: "field" }, h("label", { for: `audit-${name}` }, label), h("input", { type: "date", id: `audit-${name}`, name }));
  return /** @type {HTMLFormElement} */ (
    h(
      "form",
      { class: "audit-filters row", onchange, onsubmit: (/** @type {Event} */ event) => event.preventDefault() },
      choice(gettext("Action"), "action", Object.entries(actionNames())),
      choice(
        gettext("Person"),
        "user_id",
        agents.map((agent) => [String(agent.id), agent.name]),
      ),
      choice(gettext("Kind"), "auditable_type", Object.entries(kindNames())),
      date(gettext("From"), "since"),
      date(gettext("Until"), "until"),
    )
  );
}

/**
 * The query of the form's filters and `page`.
 * @param {HTMLFormElement} form
 * @param {number} page
 * @returns {string}
 */
export function auditQuery(form, page) {
  const query = new URLSearchParams({ page: String(page) });
  for (const [name, value] of new FormData(form)) {
    if (!value) continue;
    if (name === "since" || name === "until") {
      const day = new Date(`${value}T00:00:00`);
      if (name === "until") day.setDate(day.getDate() + 1);
      query.set(name, day.toISOString());
    } else query.set(name, String(value));
  }
  return query.toString();
}

/**
 * One entry's row: when, the sentence with its changes, the address.
 * @param {AuditEntry} entry
 * @returns {HTMLElement}
 */
function entryRow(entry) {
  const lines = changeLines(entry);
  return h(
    "tr",
    { dataset: { entry: String(entry.id) } },
    h("td", { class: "muted small" }, formatDateTime(entry.created_at)),
    h(
      "td",
      {},
      h("div", { class: "audit-sentence" }, sentenceOf(entry)),
      lines.length ? h("ul", { class: "audit-changes" }, lines.map((line) => h("li", {}, line))) : null,
    ),
    h("td", { class: "muted small" }, entry.remote_address || ""),
  );
}

/**
 * The audit log section.
 * @param {DashboardContext} ctx
 * @param {HTMLElement} content
 */
export function auditSettings(ctx, content) {
  const table = h("table", { class: "audit-table" });
  const pager = h("div", { class: "audit-pager row" });
  let page = 1;
  /** @type {HTMLFormElement} */
  let form = filterForm([], () => load(1));
  replaceChildren(content, h("h1", { id: "settings-title" }, gettext("Audit log")), form, table, pager);

  /** @param {AuditPage} found */
  function draw(found) {
    const headings = [gettext("When"), gettext("What"), gettext("Address")];
    replaceChildren(
      table,
      h("thead", {}, h("tr", {}, headings.map((words) => h("th", { scope: "col" }, words)))),
      h(
        "tbody",
        {},
        found.audit_logs.map(entryRow),
        found.audit_logs.length ? null : h("tr", {}, h("td", { colspan: "3", class: "muted" }, gettext("Nothing recorded."))),
      ),
    );
    const pages = Math.max(1, Math.ceil(found.total_entries / found.per_page));
    replaceChildren(
      pager,
      h("button", { type: "button", class: "button small", disabled: page <= 1, onclick: () => load(page - 1) }, gettext("Newer")),
      h("span", { class: "muted small" }, interpolate(gettext("Page %(page)s of %(pages)s"), { page, pages })),
      h("button", { type: "button", class: "button small", disabled: page >= pages, onclick: () => load(page + 1) }, gettext("Older")),
    );
  }

  /** @param {number} wanted */
  async function load(wanted) {
    try {
      const found = /** @type {AuditPage} */ (await ctx.api.get(`audit_logs?${auditQuery(form, wanted)}`));
      page = found.current_page;
      draw(found);
    } catch (error) {
      toast(interpolate(gettext("Could not load the audit log: %(reason)s"), reasonOf(error)));
    }
  }

  async function start() {
    /** @type {Agent[]} */
    const agents = listOf(await ctx.api.get("agents"));
    const filters = filterForm(agents, () => load(1));
    form.replaceWith(filters);
    form = filters;
    await load(1);
  }

  start().catch((error) => toast(interpolate(gettext("Could not load the audit log: %(reason)s"), reasonOf(error))));
}
