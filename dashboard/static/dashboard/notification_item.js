// @ts-check
// One notification in the bell's list: its title and words (as text), when,
// and what can be done with it (open, read or unread, snooze, delete).

import { formatTime, h } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";

/** @typedef {import("./notification_state.js").AgentNotification} AgentNotification */

/**
 * @typedef {object} ItemActions
 * @property {(item: AgentNotification) => void} onOpen
 * @property {(item: AgentNotification) => void} onToggleRead
 * @property {(item: AgentNotification, until: Date) => void} onSnooze
 * @property {(item: AgentNotification) => void} onDelete
 */

/**
 * When a snooze choice ends, from `now`.
 * @param {string} choice "hour" | "tomorrow" | "week"
 * @param {Date} [now]
 * @returns {Date}
 */
export function snoozeEnd(choice, now = new Date()) {
  const end = new Date(now);
  if (choice === "hour") end.setHours(end.getHours() + 1);
  else {
    end.setDate(end.getDate() + (choice === "week" ? 7 : 1));
    end.setHours(9, 0, 0, 0);
  }
  return end;
}

/**
 * @param {AgentNotification} item
 * @param {ItemActions} actions
 * @returns {HTMLLIElement}
 */
export function notificationItem(item, actions) {
  const unread = !item.read_at;
  const snooze = h(
    "select",
    {
      class: "notification-snooze",
      "aria-label": interpolate(gettext("Snooze: %(title)s"), { title: item.push_message_title }),
      onchange: () => {
        if (snooze.value) actions.onSnooze(item, snoozeEnd(snooze.value));
      },
    },
    h("option", { value: "" }, gettext("Snooze…")),
    h("option", { value: "hour" }, gettext("For an hour")),
    h("option", { value: "tomorrow" }, gettext("Until tomorrow")),
    h("option", { value: "week" }, gettext("For a week")),
  );
  return h(
    "li",
    { class: unread ? "notification-item unread" : "notification-item", dataset: { id: String(item.id) } },
    h(
      "button",
      { type: "button", class: "notification-open", onclick: () => actions.onOpen(item) },
      h("span", { class: "notification-title" }, item.push_message_title),
      item.push_message_body ? h("span", { class: "notification-body" }, item.push_message_body) : null,
      h("time", { class: "notification-time muted" }, formatTime(item.last_activity_at)),
    ),
    h(
      "div",
      { class: "notification-actions" },
      h(
        "button",
        { type: "button", class: "link-button", onclick: () => actions.onToggleRead(item) },
        unread ? gettext("Mark read") : gettext("Mark unread"),
      ),
      snooze,
      h("button", { type: "button", class: "link-button", onclick: () => actions.onDelete(item) }, gettext("Delete")),
    ),
  );
}
