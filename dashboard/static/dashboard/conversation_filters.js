// @ts-check
// The list's search and its status, inbox and team filters.

import { CONVERSATION_STATUS } from "../kit/wire.js";
import { debounce, h, replaceChildren, statusName } from "./dom.js";
import { gettext } from "./i18n.js";

const { OPEN, PENDING, SNOOZED, RESOLVED } = CONVERSATION_STATUS;
const STATUSES = [OPEN, PENDING, SNOOZED, RESOLVED, "all"];

/**
 * @typedef {object} ListFilterControls
 * @property {HTMLInputElement} search
 * @property {HTMLElement} selects the status, inbox and team filters
 * @property {(inboxes: {id: number, name: string}[], teams: {id: number, name: string}[]) => void} setLookups
 */

/**
 * @param {string} status the status chosen at first
 * @param {(key: "status" | "inbox_id" | "team_id" | "q", value: string) => void} onFilter
 * @returns {ListFilterControls}
 */
export function createListFilters(status, onFilter) {
  const statusSelect = h(
    "select",
    { id: "status-filter", "aria-label": gettext("Filter by status"), onchange: () => onFilter("status", statusSelect.value) },
    STATUSES.map((s) => h("option", { value: s, selected: s === status }, s === "all" ? gettext("All statuses") : statusName(s))),
  );
  const inboxSelect = h("select", { "aria-label": gettext("Filter by inbox"), onchange: () => onFilter("inbox_id", inboxSelect.value) });
  const teamSelect = h("select", { "aria-label": gettext("Filter by team"), onchange: () => onFilter("team_id", teamSelect.value) });
  const search = h("input", {
    type: "search",
    placeholder: gettext("Search conversations"),
    "aria-label": gettext("Search conversations"),
    oninput: debounce(() => onFilter("q", search.value.trim()), 300),
  });
  return {
    search,
    selects: h("div", { class: "filters" }, statusSelect, inboxSelect, teamSelect),
    setLookups(inboxes, teams) {
      replaceChildren(inboxSelect, h("option", { value: "" }, gettext("All inboxes")), inboxes.map((i) => h("option", { value: i.id }, i.name)));
      replaceChildren(teamSelect, h("option", { value: "" }, gettext("All teams")), teams.map((t) => h("option", { value: t.id }, t.name)));
    },
  };
}
