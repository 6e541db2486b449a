// @ts-check
// The bell in the top bar on every dashboard page: the unread count (also in
// the tab's title), the list of the agent's notifications in a popover, kept
// live by notification.* events, with a chime and a desktop notification for
// news as the agent's settings say.

import { createPopover } from "../kit/popover.js";
import { CONVERSATION_OPENED } from "./context.js";
import { alertFor, createChime } from "./notification_alerts.js";
import { notificationItem } from "./notification_item.js";
import { applyNotificationEvent, createNotificationState, markAllRead, markConversationRead, setNotifications, sortedNotifications } from "./notification_state.js";
import { h, reasonOf, replaceChildren, toast } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";
import { showUnread } from "./tab_title.js";

/** @typedef {import("./notification_state.js").AgentNotification} AgentNotification */
/** @typedef {import("./notification_alerts.js").NotificationSettings} NotificationSettings */

/** Emitted on the page's stream when the agent saves their notification settings. */
export const SETTINGS_CHANGED = "notification_settings.changed";

const BELL_PATH = "M12 3a6 6 0 0 0-6 6v3.5L4.5 15v1h15v-1L18 12.5V9a6 6 0 0 0-6-6Zm-2 14a2 2 0 0 0 4 0";

/** @returns {SVGSVGElement} */
function bellIcon() {
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("width", "18");
  svg.setAttribute("height", "18");
  svg.setAttribute("aria-hidden", "true");
  const path = document.createElementNS("http://www.w3.org/2000/svg", "path");
  path.setAttribute("d", BELL_PATH);
  path.setAttribute("fill", "none");
  path.setAttribute("stroke", "currentColor");
  path.setAttribute("stroke-width", "1.8");
  svg.append(path);
  return svg;
}

/**
 * Put the bell in the top bar and keep it current.
 * @param {import("./context.js").DashboardContext} ctx
 */
export function mount(ctx) {
  const state = createNotificationState();
  const chime = createChime();
  /** @type {NotificationSettings | null} */
  let settings = null;

  const badge = h("span", { class: "chip notification-count", hidden: true });
  const bell = h("button", { type: "button", class: "button small notification-bell", "aria-label": gettext("Notifications") }, bellIcon(), badge);
  const list = h("ul", { class: "notification-list plain-list" });
  const readAll = h("button", { type: "button", class: "link-button", onclick: () => readEverything() }, gettext("Mark all read"));
  const panel = h(
    "section",
    { id: "notification-panel", class: "notification-panel", "aria-label": gettext("Notifications") },
    h("div", { class: "notification-head" }, h("h2", {}, gettext("Notifications")), readAll),
    list,
  );
  const holder = h("div", { class: "notification-holder" }, bell, panel);
  document.querySelector(".topbar-tools")?.prepend(holder);
  createPopover(bell, panel, { onToggle: (open) => open && render() });

  function render() {
    badge.hidden = state.unread === 0;
    badge.textContent = String(state.unread);
    bell.setAttribute("aria-label", state.unread ? interpolate(gettext("Notifications, %(count)s unread"), { count: state.unread }) : gettext("Notifications"));
    showUnread("notifications", state.unread);
    readAll.hidden = state.unread === 0;
    const items = sortedNotifications(state);
    replaceChildren(list, items.length ? items.map((item) => notificationItem(item, actions)) : h("li", { class: "muted" }, gettext("No notifications.")));
  }

  async function load() {
    try {
      const [page, chosen] = await Promise.all([ctx.api.get("notifications"), ctx.api.get("notification_settings")]);
      setNotifications(state, page.data);
      settings = chosen;
      render();
    } catch (error) {
      toast(interpolate(gettext("Could not load notifications: %(reason)s"), reasonOf(error)));
    }
  }

  /**
   * Run `action`, then take the notification the API answers.
   * @param {() => Promise<any>} action
   * @param {string} failure
   */
  async function change(action, failure) {
    try {
      const answer = await action();
      if (answer && answer.id) state.items.set(answer.id, answer);
      render();
    } catch (error) {
      toast(interpolate(failure, reasonOf(error)));
    }
  }

  /** @param {AgentNotification} item */
  function open(item) {
    const go = () => location.assign(`${ctx.base}/conversations/${item.primary_actor_id}`);
    if (item.read_at) return go();
    ctx.api.patch(`notifications/${item.id}`).finally(go);
  }

  /** @type {import("./notification_item.js").ItemActions} */
  const actions = {
    onOpen: open,
    onToggleRead: (item) => change(() => (item.read_at ? ctx.api.post(`notifications/${item.id}/unread`) : ctx.api.patch(`notifications/${item.id}`)), gettext("Could not change the notification: %(reason)s")),
    onSnooze: (item, until) =>
      change(async () => {
        await ctx.api.post(`notifications/${item.id}/snooze`, { snoozed_until: Math.floor(until.getTime() / 1000) });
        state.items.delete(item.id);
      }, gettext("Could not snooze the notification: %(reason)s")),
    onDelete: (item) =>
      change(async () => {
        await ctx.api.delete(`notifications/${item.id}`);
        state.items.delete(item.id);
      }, gettext("Could not delete the notification: %(reason)s")),
  };

  async function readEverything() {
    try {
      await ctx.api.post("notifications/read_all");
      markAllRead(state);
      render();
    } catch (error) {
      toast(interpolate(gettext("Could not mark the notifications read: %(reason)s"), reasonOf(error)));
    }
  }

  // Opening a conversation (from the list, a link in an email, a desktop
  // notification) reads that conversation's notifications, as Chatwoot does.
  /** @param {number} id the conversation's display id */
  async function readConversation(id) {
    try {
      await ctx.api.post("notifications/read_all", { primary_actor_type: "Conversation", primary_actor_id: id });
    } catch {
      return;
    }
    if (markConversationRead(state, id)) render();
  }

  ctx.on((name, data) => {
    if (name === SETTINGS_CHANGED) settings = data;
    if (name === CONVERSATION_OPENED) readConversation(data.id);
    if (name === "cable.connected" && data.reconnected) load();
    const { changed, news } = applyNotificationEvent(state, name, data, ctx.config.account.id);
    if (news) alertFor(news, settings, { chime, onOpen: () => open(news) });
    if (changed) render();
  });
  load();
}
