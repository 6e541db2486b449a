// @ts-check
// The report pages: the sub-navigation of /app/accounts/<id>/reports/<key>.
// Each entry is a page of its own (reports.js draws all but csat, whose page
// is the CSAT surveys').

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
