// @ts-check
// The agent's notification settings on the profile page: for each kind, the
// list (in-app), a sound, a desktop notification and email; saved at each
// change. Desktop notifications need the browser's permission, asked only
// when the agent presses the button for it.

import { askDesktopPermission, CHANNELS, desktopPermission, wants } from "./notification_alerts.js";
import { SETTINGS_CHANGED } from "./notifications.js";
import { h, reasonOf, replaceChildren, toast } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";

/** @typedef {import("./notification_alerts.js").NotificationSettings} NotificationSettings */

/** @returns {[string, string][]} each kind and its words */
function kinds() {
  return [
    ["conversation_assignment", gettext("A conversation is assigned to me")],
    ["conversation_mention", gettext("I am mentioned in a private note")],
    ["assigned_conversation_new_message", gettext("A new message in a conversation assigned to me")],
    ["participating_conversation_new_message", gettext("A new message in a conversation I take part in")],
    ["conversation_waiting", gettext("A conversation waits too long in the queue")],
  ];
}

/** @returns {Record<string, string>} */
function channelNames() {
  return { in_app: gettext("In the list"), sound: gettext("Sound"), push: gettext("Desktop"), email: gettext("Email") };
}

/**
 * The permission's state in words, and whether asking still can help.
 * @returns {{text: string, ask: boolean}}
 */
function permissionState() {
  const state = desktopPermission();
  if (state === "granted") return { text: gettext("Desktop notifications are allowed in this browser."), ask: false };
  if (state === "denied") return { text: gettext("This browser blocks desktop notifications from OneChat; allow them in its site settings."), ask: false };
  if (state === "unsupported") return { text: gettext("This browser cannot show desktop notifications."), ask: false };
  return { text: gettext("Desktop notifications need this browser's permission."), ask: true };
}

/**
 * Add the settings to `section` (the profile's).
 * @param {import("./context.js").DashboardContext} ctx
 * @param {HTMLElement} section
 */
export function mountNotificationSettings(ctx, section) {
  const table = h("table", { class: "notification-settings" });
  const permission = h("p", { class: "muted" });
  const allow = h("button", { type: "button", class: "button small" }, gettext("Allow desktop notifications"));
  section.append(h("h2", { id: "notification-settings-title" }, gettext("Notifications")), table, permission, allow);

  function showPermission() {
    const { text, ask } = permissionState();
    permission.textContent = text;
    allow.hidden = !ask;
  }

  allow.addEventListener("click", async () => {
    await askDesktopPermission();
    showPermission();
  });

  /** @param {NotificationSettings} settings */
  function draw(settings) {
    const names = channelNames();
    replaceChildren(
      table,
      h("caption", { class: "visually-hidden" }, gettext("Which notifications reach you, and how")),
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, gettext("Notify me when")), CHANNELS.map((channel) => h("th", { scope: "col" }, names[channel])))),
      h(
        "tbody",
        {},
        kinds().map(([kind, words]) =>
          h(
            "tr",
            {},
            h("th", { scope: "row" }, words),
            CHANNELS.map((channel) =>
              h(
                "td",
                {},
                h("input", {
                  type: "checkbox",
                  checked: wants(settings, channel, kind),
                  disabled: channel !== "in_app" && !wants(settings, "in_app", kind),
                  "aria-label": interpolate(gettext("%(channel)s: %(kind)s"), { channel: names[channel], kind: words }),
                  onchange: (/** @type {Event} */ event) => save(settings, channel, kind, /** @type {HTMLInputElement} */ (event.target).checked),
                }),
              ),
            ),
          ),
        ),
      ),
    );
  }

  /**
   * Save one box's change: the whole channel's flags, as Chatwoot sends them.
   * @param {NotificationSettings} settings
   * @param {string} channel
   * @param {string} kind
   * @param {boolean} on
   */
  async function save(settings, channel, kind, on) {
    const field = `selected_${channel}_flags`;
    const flags = /** @type {Record<string, string[]>} */ (/** @type {unknown} */ (settings))[field].filter((flag) => flag !== `${channel}_${kind}`);
    if (on) flags.push(`${channel}_${kind}`);
    try {
      const saved = await ctx.api.patch("notification_settings", { notification_settings: { [field]: flags } });
      ctx.emit(SETTINGS_CHANGED, saved);
      draw(saved);
    } catch (error) {
      toast(interpolate(gettext("Could not save your notification settings: %(reason)s"), reasonOf(error)));
      draw(settings);
    }
  }

  showPermission();
  ctx.api.get("notification_settings").then(draw, (error) => toast(interpolate(gettext("Could not load your notification settings: %(reason)s"), reasonOf(error))));
}
