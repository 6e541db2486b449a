// @ts-check
// The report pages: the sub-navigation of /app/accounts/<id>/reports/<key>.
// Each entry is a page of its own (reports.js draws all but csat, whose page
// is the CSAT surveys').

import { h, replaceChildren } from "./dom.js";
import { gettext } from "./i18n.js";

/**
 * @typedef {object} ReportSection
 * @property {string} key
 * @property {string} path under the account's dashboard path
 * @property {string} label
 */

/** @type {ReportSection[]} */
export const REPORT_SECTIONS = [
  { key: "overview", path: "reports/overview", label: gettext("Overview") },
  { key: "conversations", path: "reports/conversations", label: gettext("Conversations") },
  { key: "agents", path: "reports/agents", label: gettext("Agents") },
  { key: "inboxes", path: "reports/inboxes", label: gettext("Inboxes") },
  { key: "teams", path: "reports/teams", label: gettext("Teams") },
  { key: "labels", path: "reports/labels", label: gettext("Labels") },
  { key: "csat", path: "reports/csat", label: gettext("CSAT") },
];

/**
 * Draw the reports' frame in `main`: the sub-navigation with `section`
 * current, and the section's content element, returned empty.
 * @param {import("./context.js").DashboardContext} ctx
 * @param {HTMLElement} main
 * @param {string} section
 * @returns {HTMLElement}
 */
export function reportFrame(ctx, main, section) {
  const content = h("section", { class: "settings-content reports-page", "aria-labelledby": "reports-title" });
  replaceChildren(
    main,
    h(
      "div",
      { class: "settings-layout" },
      h(
        "nav",
        { class: "settings-nav", "aria-label": gettext("Reports") },
        REPORT_SECTIONS.map((entry) => h("a", { href: `${ctx.base}/${entry.path}`, "aria-current": entry.key === section ? "page" : null }, entry.label)),
      ),
      content,
    ),
  );
  return content;
}
