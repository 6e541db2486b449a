// @ts-check
// The signed-in agent's notifications as the bell shows them: the list (newest
// activity first), the counts, and how each notification.* event changes them.

import { EVENT } from "../kit/wire.js";

/**
 * A notification (`GET notifications`, `notification.*` events).
 * @typedef {object} AgentNotification
 * @property {number} id
 * @property {string} notification_type
 * @property {string} push_message_title
 * @property {string} push_message_body
 * @property {number} primary_actor_id the conversation's display id
 * @property {string | null} read_at
 * @property {string | null} snoozed_until
 * @property {number} last_activity_at
 * @property {number} account_id
 * @property {Record<string, unknown>} [meta]
 */

/**
 * @typedef {object} NotificationState
 * @property {Map<number, AgentNotification>} items the ones listed (not snoozed)
 * @property {number} unread
 * @property {number} count
 */

/** @returns {NotificationState} */
export function createNotificationState() {
  return { items: new Map(), unread: 0, count: 0 };
}

/**
 * Take a page of `GET notifications` (`{data: {meta, payload}}`'s `data`).
 * @param {NotificationState} state
 * @param {{meta: {unread_count: number, count: number}, payload: AgentNotification[]}} data
 */
export function setNotifications(state, data) {
  state.items = new Map(data.payload.map((item) => [item.id, item]));
  state.unread = data.meta.unread_count;
  state.count = data.meta.count;
}

/**
 * @param {AgentNotification} item
 * @param {number} now epoch milliseconds
 */
function isSnoozed(item, now) {
  return Boolean(item.snoozed_until) && Date.parse(String(item.snoozed_until)) > now;
}

/**
 * Apply a /cable event of the account. Returns whether anything changed and,
 * for news worth a sound or a desktop notification (a new unread one, or one
 * brought back by new activity or the end of its snooze), that notification.
 * @param {NotificationState} state
 * @param {string} name
 * @param {any} data
 * @param {number} accountId
 * @param {number} [now]
 * @returns {{changed: boolean, news: AgentNotification | null}}
 */
export function applyNotificationEvent(state, name, data, accountId, now = Date.now()) {
  /** @type {string[]} */
  const names = [EVENT.NOTIFICATION_CREATED, EVENT.NOTIFICATION_UPDATED, EVENT.NOTIFICATION_DELETED];
  if (!names.includes(name) || !data || data.account_id !== accountId) return { changed: false, news: null };
  state.unread = data.unread_count;
  state.count = data.count;
  /** @type {AgentNotification} */
  const item = data.notification;
  const before = state.items.get(item.id);
  if (name === EVENT.NOTIFICATION_DELETED || isSnoozed(item, now)) {
    state.items.delete(item.id);
    return { changed: true, news: null };
  }
  state.items.set(item.id, item);
  const fresh = !before || item.last_activity_at > before.last_activity_at;
  return { changed: true, news: fresh && !item.read_at ? item : null };
}

/**
 * The listed notifications, newest activity first.
 * @param {NotificationState} state
 * @returns {AgentNotification[]}
 */
export function sortedNotifications(state) {
  return [...state.items.values()].sort((a, b) => b.last_activity_at - a.last_activity_at || b.id - a.id);
}

/**
 * Mark every listed notification read (after `read_all`).
 * @param {NotificationState} state
 */
export function markAllRead(state) {
  const now = new Date().toISOString();
  for (const item of state.items.values()) if (!item.read_at) item.read_at = now;
  state.unread = 0;
}

/**
 * Mark the listed notifications of one conversation read (after `read_all`
 * for that conversation). Returns whether any was unread.
 * @param {NotificationState} state
 * @param {number} conversationId the conversation's display id
 * @returns {boolean}
 */
export function markConversationRead(state, conversationId) {
  const now = new Date().toISOString();
  let marked = 0;
  for (const item of state.items.values()) {
    if (item.primary_actor_id === conversationId && !item.read_at) {
      item.read_at = now;
      marked += 1;
    }
  }
  state.unread = Math.max(0, state.unread - marked);
  return marked > 0;
}
