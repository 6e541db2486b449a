// @ts-check
// Settings: a website inbox's widget (colour, words, greeting, email
// collection, language, reply time, avatar, light or dark), with a live
// preview of the real widget beside the form, and its pre-chat form.

import { h, reasonOf, replaceChildren, toast } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";
import { field } from "./settings_form.js";
import { inboxPicker } from "./settings_inbox_picker.js";
import { preChatEditor } from "./settings_prechat.js";
import { widgetPreview } from "./settings_widget_preview.js";

/** @typedef {import("./context.js").DashboardContext} DashboardContext */

/**
 * @typedef {{id: number, name: string, channel: string, website_token: string, widget_color: string,
 *   welcome_title: string, welcome_tagline: string, greeting_enabled: boolean, greeting_message: string,
 *   email_collect_enabled: boolean, continuity_via_email: boolean, locale: string, reply_time: string, avatar_url: string, dark_mode: string}} WidgetInbox
 */

const AVATAR_TYPES = "image/png,image/jpeg,image/gif,image/webp";

/**
 * A checkbox with its label.
 * @param {string} label
 * @param {string} name
 * @param {boolean} checked
 */
function checkbox(label, name, checked) {
  return h("label", { class: "check" }, h("input", { type: "checkbox", name, id: `field-${name}`, checked }), label);
}

/**
 * The form's fields for `inbox`, filled with its saved settings.
 * @param {DashboardContext} ctx
 * @param {WidgetInbox} inbox
 * @returns {HTMLElement[]}
 */
function widgetFields(ctx, inbox) {
  const languages = [["", gettext("The visitor's browser language")], ...ctx.config.languages];
  const replyTimes = [["in_a_few_minutes", gettext("In a few minutes")], ["in_a_few_hours", gettext("In a few hours")], ["in_a_day", gettext("In a day")]];
  const schemes = [["light", gettext("Light")], ["dark", gettext("Dark")], ["auto", gettext("Follow the visitor's system")]];
  const greeting = h("textarea", { id: "field-greeting_message", name: "greeting_message", rows: "3", maxlength: "10000" }, inbox.greeting_message);
  return [
    field(gettext("Widget colour"), "widget_color", { type: "color", value: inbox.widget_color }),
    field(gettext("Welcome title"), "welcome_title", { value: inbox.welcome_title, maxlength: "255" }),
    field(gettext("Welcome tagline"), "welcome_tagline", { value: inbox.welcome_tagline, maxlength: "255" }),
    checkbox(gettext("Greet new visitors"), "greeting_enabled", inbox.greeting_enabled),
    h("div", { class: "field" }, h("label", { for: "field-greeting_message" }, gettext("Greeting message")), greeting),
    checkbox(gettext("Ask visitors for their email"), "email_collect_enabled", inbox.email_collect_enabled),
    checkbox(gettext("Email replies to visitors who left, and take their email replies back"), "continuity_via_email", inbox.continuity_via_email),
    field(gettext("Language"), "locale", { options: languages }),
    field(gettext("Typically replies"), "reply_time", { options: replyTimes }),
    field(gettext("Colour scheme"), "dark_mode", { options: schemes }),
    field(gettext("Avatar"), "avatar", { type: "file", accept: AVATAR_TYPES }),
  ];
}

/**
 * The form's values as the inbox API takes them (the avatar apart).
 * @param {HTMLFormElement} form
 */
function settingsOf(form) {
  const value = (/** @type {string} */ name) => /** @type {HTMLInputElement} */ (form.elements.namedItem(name)).value;
  const checked = (/** @type {string} */ name) => /** @type {HTMLInputElement} */ (form.elements.namedItem(name)).checked;
  return {
    widget_color: value("widget_color"),
    welcome_title: value("welcome_title"),
    welcome_tagline: value("welcome_tagline"),
    greeting_enabled: checked("greeting_enabled"),
    greeting_message: value("greeting_message"),
    email_collect_enabled: checked("email_collect_enabled"),
    continuity_via_email: checked("continuity_via_email"),
    locale: value("locale"),
    reply_time: value("reply_time"),
    dark_mode: value("dark_mode"),
  };
}

/**
 * The form and preview of one website inbox.
 * @param {DashboardContext} ctx
 * @param {WidgetInbox} inbox
 * @returns {HTMLElement}
 */
function widgetEditor(ctx, inbox) {
  const form = /** @type {HTMLFormElement} */ (h("form", { class: "card stack widget-form", onsubmit: save }, widgetFields(ctx, inbox)));
  for (const name of ["locale", "reply_time", "dark_mode"]) /** @type {HTMLSelectElement} */ (form.elements.namedItem(name)).value = /** @type {Record<string, any>} */ (inbox)[name] || "";
  const avatarInput = /** @type {HTMLInputElement} */ (form.elements.namedItem("avatar"));
  let avatarUrl = inbox.avatar_url;
  const look = () => {
    const values = settingsOf(form);
    return { color: values.widget_color, welcomeTitle: values.welcome_title, welcomeTagline: values.welcome_tagline, greeting: values.greeting_enabled ? values.greeting_message : "", replyTime: values.reply_time, avatarUrl, darkMode: values.dark_mode };
  };
  const preview = widgetPreview(inbox.website_token, look);
  const remove = h("button", { type: "button", class: "button small", hidden: !inbox.avatar_url, onclick: removeAvatar }, gettext("Remove avatar"));
  form.append(remove, h("button", { type: "submit", class: "button primary" }, gettext("Save widget settings")));
  form.addEventListener("input", () => preview.show(look()));
  avatarInput.addEventListener("change", () => {
    const file = avatarInput.files?.[0];
    if (avatarUrl.startsWith("blob:")) URL.revokeObjectURL(avatarUrl);
    avatarUrl = file ? URL.createObjectURL(file) : inbox.avatar_url;
    preview.show(look());
  });

  async function removeAvatar() {
    try {
      await ctx.api.delete(`inboxes/${inbox.id}/avatar`);
      inbox.avatar_url = avatarUrl = "";
      avatarInput.value = "";
      remove.hidden = true;
      preview.show(look());
    } catch (error) {
      toast(interpolate(gettext("Could not remove the avatar: %(reason)s"), reasonOf(error)));
    }
  }

  /** @param {SubmitEvent} event */
  async function save(event) {
    event.preventDefault();
    try {
      Object.assign(inbox, await ctx.api.patch(`inboxes/${inbox.id}`, settingsOf(form)));
      const file = avatarInput.files?.[0];
      if (file) {
        const upload = new FormData();
        upload.append("avatar", file);
        Object.assign(inbox, await ctx.api.patch(`inboxes/${inbox.id}`, upload));
        avatarInput.value = "";
        avatarUrl = inbox.avatar_url;
        remove.hidden = !avatarUrl;
      }
      toast(interpolate(gettext("Widget settings of “%(name)s” saved."), { name: inbox.name }));
    } catch (error) {
      toast(interpolate(gettext("Could not save the widget settings: %(reason)s"), reasonOf(error)));
    }
  }
  return h("div", { class: "widget-settings" }, form, preview.element);
}

/**
 * The widget settings of the website inbox chosen in the picker.
 * @param {DashboardContext} ctx
 * @param {HTMLElement} content
 */
export function widgetSettings(ctx, content) {
  const editor = h("div", {});
  replaceChildren(content, h("h1", { id: "settings-title" }, gettext("Widget")), h("p", { class: "muted" }, gettext("Loading…")), editor);
  inboxPicker(ctx, { keep: (/** @type {WidgetInbox} */ inbox) => inbox.channel === "website", show: (/** @type {WidgetInbox} */ inbox) => replaceChildren(editor, widgetEditor(ctx, inbox), preChatEditor(ctx, inbox)), empty: gettext("No website inboxes yet.") })
    .then((picker) => content.children[1].replaceWith(picker))
    .catch((error) => toast(interpolate(gettext("Could not load inboxes: %(reason)s"), reasonOf(error))));
}
