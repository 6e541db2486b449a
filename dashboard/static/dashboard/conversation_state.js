// @ts-check
// What the conversations page holds beside its store: the filters, the page
// of results, the tab counts, the search's hits and the open conversation.

import { CONVERSATION_STATUS } from "../kit/wire.js";
import { DEFAULT_SORT } from "./conversation_order.js";

/** @typedef {import("../kit/wire.js").Conversation} Conversation */

/**
 * @typedef {object} ListFilters
 * @property {"me" | "unassigned" | "all" | string} assignee_type
 * @property {string} status one of CONVERSATION_STATUS, or "all"
 * @property {string} inbox_id "" for every inbox
 * @property {string} team_id "" for every team
 * @property {string} q a search, "" for none
 * @property {string} sort_by one of conversation_order.js SORT_OPTIONS
 */

/**
 * A filter query the list shows instead of its filters: built, saved (with
 * the saved filter's `id`), or a label or priority chosen in the sidebar.
 * @typedef {object} AdvancedFilter
 * @property {import("./conversation_query.js").FilterQuery} query
 * @property {string} name what the list's heading calls it
 * @property {number} [id] the saved filter's id
 */

/**
 * @typedef {object} ListState
 * @property {ListFilters} filters
 * @property {number} page the last page read
 * @property {boolean} hasMore whether another page may follow
 * @property {Record<string, number>} meta the tabs' counts (`mine_count`…)
 * @property {Set<number> | null} searchIds what the search found, null with no search
 * @property {AdvancedFilter | null} advanced the filter query shown, if any
 * @property {Set<number>} matchIds what the filter query last matched
 * @property {number | null} openId the conversation open beside the list
 * @property {import("./context.js").Lookups} lookups
 */

/** @returns {ListState} */
export function createListState() {
  return {
    filters: { assignee_type: "me", status: CONVERSATION_STATUS.OPEN, inbox_id: "", team_id: "", q: "", sort_by: DEFAULT_SORT },
    page: 1,
    hasMore: false,
    meta: {},
    searchIds: null,
    advanced: null,
    matchIds: new Set(),
    openId: null,
    lookups: {},
  };
}

/**
 * Whether the list, as filtered, shows `c`. Under a filter query the server
 * decides: the list shows what its last run matched (conversation_feed.js
 * runs it again after each change).
 * @param {Conversation} c
 * @param {ListState} state
 * @param {number} userId the signed-in agent
 * @returns {boolean}
 */
export function matchesFilters(c, state, userId) {
  const { filters } = state;
  if (state.advanced) return state.matchIds.has(c.id);
  if (filters.status !== "all" && c.status !== filters.status) return false;
  const assignee = c.meta && c.meta.assignee;
  if (filters.assignee_type === "me" && (!assignee || assignee.id !== userId)) return false;
  if (filters.assignee_type === "unassigned" && assignee) return false;
  if (filters.inbox_id && String(c.inbox_id) !== String(filters.inbox_id)) return false;
  const team = c.meta && c.meta.team;
  if (filters.team_id && (!team || String(team.id) !== String(filters.team_id))) return false;
  if (state.searchIds && !state.searchIds.has(c.id)) return false;
  return true;
}
