// @ts-check
// The list's orders (Chatwoot's `sort_by` values, as conversations/selectors.py
// SORTS runs them) and the same order for the live list, so an event moves a
// conversation where a reload would put it.

import { gettext } from "./i18n.js";

/** @typedef {import("../kit/wire.js").Conversation} Conversation */

export const DEFAULT_SORT = "last_activity_at_desc";

/** The sort choices the list offers, in the order shown. */
export const SORT_OPTIONS = [
  { value: "last_activity_at_desc", label: gettext("Last activity") },
  { value: "created_at_desc", label: gettext("Newest created") },
  { value: "created_at_asc", label: gettext("Oldest created") },
  { value: "priority_desc", label: gettext("Priority: highest first") },
  { value: "waiting_since_asc", label: gettext("Waiting longest") },
];

/** A priority's rank: none lowest, urgent highest. */
export const PRIORITY_RANK = { low: 1, medium: 2, high: 3, urgent: 4 };

/**
 * Each order as keys read from a conversation, `-1` for descending.
 * @type {Record<string, [(c: Conversation, now: number) => number, 1 | -1][]>}
 */
const ORDERS = {
  last_activity_at_desc: [[(c) => c.last_activity_at || 0, -1]],
  last_activity_at_asc: [[(c) => c.last_activity_at || 0, 1]],
  created_at_desc: [[(c) => c.created_at || 0, -1]],
  created_at_asc: [[(c) => c.created_at || 0, 1]],
  priority_desc: [[priorityRank, -1], [(c) => c.last_activity_at || 0, -1]],
  priority_asc: [[priorityRank, 1], [(c) => c.last_activity_at || 0, 1]],
  // Nobody waiting counts as waiting from now, so it comes last.
  waiting_since_asc: [[(c, now) => c.waiting_since || now, 1], [(c) => c.created_at || 0, 1]],
  waiting_since_desc: [[(c, now) => c.waiting_since || now, -1], [(c) => c.created_at || 0, -1]],
};

/** @param {Conversation} c */
function priorityRank(c) {
  return PRIORITY_RANK[/** @type {keyof typeof PRIORITY_RANK} */ (c.priority || "")] || 0;
}

/**
 * A comparator putting conversations in `sortBy`'s order; ties go by id,
 * in the order's last direction, as the server's pages do.
 * @param {string} sortBy one of ORDERS' names; anything else is the default
 * @param {number} [now] epoch seconds
 * @returns {(a: Conversation, b: Conversation) => number}
 */
export function compareBy(sortBy, now = Date.now() / 1000) {
  const keys = ORDERS[sortBy] || ORDERS[DEFAULT_SORT];
  const lastDirection = keys[keys.length - 1][1];
  return (a, b) => {
    for (const [key, direction] of keys) {
      const difference = key(a, now) - key(b, now);
      if (difference) return difference * direction;
    }
    return (a.id - b.id) * lastDirection;
  };
}
