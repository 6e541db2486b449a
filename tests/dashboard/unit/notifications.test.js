// @ts-check
// The bell's state, its list items and the tab title, in a jsdom page.
import "../../js/page.js";

import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { wants } from "../../../dashboard/static/dashboard/notification_alerts.js";
import { notificationItem, snoozeEnd } from "../../../dashboard/static/dashboard/notification_item.js";
import { showUnread } from "../../../dashboard/static/dashboard/tab_title.js";
import { applyNotificationEvent, createNotificationState, markAllRead, markConversationRead, setNotifications, sortedNotifications } from "../../../dashboard/static/dashboard/notification_state.js";

/** @typedef {import("../../../dashboard/static/dashboard/notification_state.js").AgentNotification} AgentNotification */

const ACCOUNT = 1;

/**
 * @param {number} id
 * @param {Partial<AgentNotification>} [fields]
 * @returns {AgentNotification}
 */
function notification(id, fields = {}) {
  return {
    id,
    notification_type: "conversation_assignment",
    push_message_title: `Conversation #${id} was assigned to you`,
    push_message_body: "",
    primary_actor_id: id,
    read_at: null,
    snoozed_until: null,
    last_activity_at: 100 + id,
    account_id: ACCOUNT,
    ...fields,
  };
}

/**
 * @param {AgentNotification} item
 * @param {number} unread
 */
function event(item, unread) {
  return { notification: item, unread_count: unread, count: 5, account_id: item.account_id };
}

describe("notification state", () => {
  it("lists newest activity first and takes the counts of each event", () => {
    const state = createNotificationState();
    setNotifications(state, { meta: { unread_count: 1, count: 2 }, payload: [notification(1), notification(2, { read_at: "2026-01-01T00:00:00Z" })] });
    assert.deepEqual(sortedNotifications(state).map((item) => item.id), [2, 1]);
    const created = applyNotificationEvent(state, "notification.created", event(notification(3), 2), ACCOUNT);
    assert.equal(created.news?.id, 3);
    assert.equal(state.unread, 2);
    assert.deepEqual(sortedNotifications(state).map((item) => item.id), [3, 2, 1]);
  });

  it("tells news only for unread, new activity", () => {
    const state = createNotificationState();
    applyNotificationEvent(state, "notification.created", event(notification(1), 1), ACCOUNT);
    const read = applyNotificationEvent(state, "notification.updated", event(notification(1, { read_at: "2026-01-01T00:00:00Z" }), 0), ACCOUNT);
    assert.equal(read.news, null);
    const again = applyNotificationEvent(state, "notification.updated", event(notification(1, { last_activity_at: 900 }), 1), ACCOUNT);
    assert.equal(again.news?.id, 1);
  });

  it("drops snoozed and deleted ones, and ignores other accounts and events", () => {
    const state = createNotificationState();
    applyNotificationEvent(state, "notification.created", event(notification(1), 1), ACCOUNT);
    const later = new Date(Date.now() + 3_600_000).toISOString();
    applyNotificationEvent(state, "notification.updated", event(notification(1, { snoozed_until: later }), 0), ACCOUNT);
    assert.equal(state.items.size, 0);
    applyNotificationEvent(state, "notification.created", event(notification(2), 1), ACCOUNT);
    applyNotificationEvent(state, "notification.deleted", { notification: { id: 2 }, unread_count: 0, count: 0, account_id: ACCOUNT }, ACCOUNT);
    assert.equal(state.items.size, 0);
    const elsewhere = applyNotificationEvent(state, "notification.created", event(notification(3, { account_id: 2 }), 7), ACCOUNT);
    assert.equal(elsewhere.changed, false);
    assert.equal(applyNotificationEvent(state, "message.created", {}, ACCOUNT).changed, false);
    assert.equal(state.unread, 0);
  });

  it("marks all read", () => {
    const state = createNotificationState();
    setNotifications(state, { meta: { unread_count: 2, count: 2 }, payload: [notification(1), notification(2)] });
    markAllRead(state);
    assert.equal(state.unread, 0);
    assert.ok(sortedNotifications(state).every((item) => item.read_at));
  });

  it("marks one conversation's notifications read when it is opened", () => {
    const state = createNotificationState();
    const items = [notification(1), notification(2), notification(3, { primary_actor_id: 1 })];
    setNotifications(state, { meta: { unread_count: 3, count: 3 }, payload: items });
    assert.equal(markConversationRead(state, 1), true);
    assert.equal(state.unread, 1);
    assert.deepEqual(sortedNotifications(state).filter((item) => !item.read_at).map((item) => item.id), [2]);
    assert.equal(markConversationRead(state, 1), false);
    assert.equal(state.unread, 1);
  });
});

describe("tab title", () => {
  it("shows the sum of the parts' unread counts in front, none at zero", () => {
    document.title = "Acme · OneChat";
    showUnread("conversations", 2);
    assert.equal(document.title, "(2) Acme · OneChat");
    showUnread("notifications", 3);
    assert.equal(document.title, "(5) Acme · OneChat");
    showUnread("conversations", 0);
    showUnread("notifications", 0);
    assert.equal(document.title, "Acme · OneChat");
  });
});

describe("notification item", () => {
  it("shows markup as text and offers the actions", () => {
    /** @type {string[]} */
    const done = [];
    const item = notification(1, { push_message_body: "<img src=x onerror=alert(1)>" });
    const li = notificationItem(item, {
      onOpen: () => done.push("open"),
      onToggleRead: () => done.push("read"),
      onSnooze: () => done.push("snooze"),
      onDelete: () => done.push("delete"),
    });
    assert.equal(li.querySelector("img"), null);
    assert.equal(li.querySelector(".notification-body")?.textContent, "<img src=x onerror=alert(1)>");
    assert.ok(li.classList.contains("unread"));
    /** @type {HTMLButtonElement} */ (li.querySelector(".notification-open")).click();
    const select = /** @type {HTMLSelectElement} */ (li.querySelector("select"));
    select.value = "hour";
    select.dispatchEvent(new Event("change"));
    for (const button of li.querySelectorAll(".notification-actions button")) /** @type {HTMLButtonElement} */ (button).click();
    assert.deepEqual(done, ["open", "snooze", "read", "delete"]);
  });

  it("snoozes for an hour, or until 9:00 of a later day", () => {
    const now = new Date(2026, 0, 5, 15, 30);
    assert.equal(snoozeEnd("hour", now).getHours(), 16);
    const tomorrow = snoozeEnd("tomorrow", now);
    assert.deepEqual([tomorrow.getDate(), tomorrow.getHours()], [6, 9]);
    assert.equal(snoozeEnd("week", now).getDate(), 12);
  });
});

describe("settings flags", () => {
  it("reads a channel's flags", () => {
    const settings = { selected_email_flags: ["email_conversation_mention"], selected_push_flags: [], selected_in_app_flags: [], selected_sound_flags: ["sound_conversation_assignment"] };
    assert.equal(wants(settings, "email", "conversation_mention"), true);
    assert.equal(wants(settings, "push", "conversation_mention"), false);
    assert.equal(wants(settings, "sound", "conversation_assignment"), true);
    assert.equal(wants(null, "sound", "conversation_assignment"), false);
  });
});
