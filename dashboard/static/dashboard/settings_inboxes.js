// @ts-check
// Settings: the account's inboxes, with the website snippet and who works each.

import { listOf, newestOnly, STALE } from "../kit/http.js";
import { h, reasonOf, replaceChildren, toast } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";
import { field, formValues } from "./settings_form.js";
import { memberEditor } from "./settings_members.js";
import { callsSetting } from "./settings_calls.js";
import { csatSetting } from "./settings_csat.js";
import { wrapUpSetting } from "./settings_wrap_up.js";

/** @typedef {import("./context.js").DashboardContext} DashboardContext */

/**
 * An inbox (inboxes/serializers.py).
 * @typedef {object} Inbox
 * @property {number} id
 * @property {string} name
 * @property {"website" | "api" | string} channel
 * @property {string} inbox_identifier
 * @property {string | null} [website_url]
 * @property {string | null} [hmac_token]
 * @property {string} [web_widget_script] the embed snippet of a website inbox
 */

/**
 * The inboxes: each one's details, embed snippet and agents, and a form for a new one.
 * @param {DashboardContext} ctx
 * @param {HTMLElement} content
 */
export function inboxSettings(ctx, content) {
  /** @type {number | null} */
  let selected = null;
  const list = h("ul", { class: "settings-list" });
  const detail = h("div", { class: "inbox-detail" });
  const form = h(
    "form",
    { class: "card stack", onsubmit: create },
    h("h2", {}, gettext("New website inbox")),
    field(gettext("Inbox name"), "name", { required: true, placeholder: gettext("Acme website") }),
    field(gettext("Website URL"), "website_url", { type: "url", placeholder: "https://www.example.com" }),
    field(gettext("Widget colour"), "widget_color", { type: "color", value: "#1f93ff" }),
    field(gettext("Welcome title"), "welcome_title", { placeholder: gettext("Hi there!") }),
    h("button", { type: "submit", class: "button primary" }, gettext("Create inbox")),
  );
  replaceChildren(content, h("h1", { id: "settings-title" }, gettext("Inboxes")), h("div", { class: "settings-grid" }, h("div", {}, list, detail), form));

  const newest = newestOnly();
  async function load() {
    const found = await newest(ctx.api.get("inboxes"));
    if (found === STALE) return;
    /** @type {Inbox[]} */
    const all = listOf(found);
    replaceChildren(
      list,
      all.map((inbox) =>
        h(
          "li",
          {},
          h("button", { type: "button", class: `list-button${selected === inbox.id ? " active" : ""}`, onclick: () => selected !== inbox.id && ((selected = inbox.id), load()) }, inbox.name, h("span", { class: "muted small" }, ` ${inbox.channel === "website" ? gettext("Website") : "API"}`)),
        ),
      ),
      all.length ? null : h("li", { class: "muted" }, gettext("No inboxes yet.")),
    );
    const inbox = all.find((i) => i.id === selected) || all[0];
    if (inbox) {
      selected = inbox.id;
      list.querySelectorAll(".list-button")[all.indexOf(inbox)].classList.add("active");
      showInbox(inbox);
    }
  }

  /** @param {Inbox} inbox */
  function showInbox(inbox) {
    const rows = [
      [gettext("Channel"), inbox.channel === "website" ? gettext("Website widget") : "API"],
      [gettext("Inbox identifier"), inbox.inbox_identifier],
      [gettext("Website URL"), inbox.website_url],
      [gettext("Identity verification secret (HMAC)"), inbox.hmac_token],
    ];
    /** @type {HTMLElement[]} */
    const parts = [h("h2", {}, inbox.name), h("dl", { class: "details" }, rows.flatMap(([k, v]) => [h("dt", {}, k), h("dd", { class: "mono" }, v || "—")]))];
    if (inbox.channel === "website") {
      const snippet = inbox.web_widget_script || "";
      const code = h("pre", { class: "snippet", id: "embed-snippet", tabindex: "0", "aria-label": gettext("Embed snippet") }, h("code", {}, snippet));
      const copy = h(
        "button",
        {
          type: "button",
          class: "button primary",
          onclick: async () => {
            try {
              await navigator.clipboard.writeText(snippet);
              copy.textContent = gettext("Copied");
            } catch {
              getSelection()?.selectAllChildren(code);
              copy.textContent = gettext("Selected: press Ctrl+C");
            }
            setTimeout(() => (copy.textContent = gettext("Copy snippet")), 2500);
          },
        },
        gettext("Copy snippet"),
      );
      parts.push(h("h3", {}, gettext("Embed the chat widget")), h("p", { class: "muted small" }, gettext("Paste this before </body> on every page of your website.")), code, copy);
    }
    parts.push(
      h("h3", {}, gettext("Wrap-up")),
      wrapUpSetting(ctx, inbox),
      h("h3", {}, gettext("Satisfaction survey")),
      csatSetting(ctx, inbox),
      h("h3", {}, gettext("Calls")),
      callsSetting(ctx, inbox),
      h("h3", {}, gettext("Agents working this inbox")),
      memberEditor(ctx, {
        label: inbox.name,
        load: () => ctx.api.get(`inbox_members/${inbox.id}`),
        add: (ids) => ctx.api.post("inbox_members", { inbox_id: inbox.id, user_ids: ids }),
        remove: (ids) => ctx.api.request("DELETE", "inbox_members", { inbox_id: inbox.id, user_ids: ids }),
      }),
    );
    replaceChildren(detail, h("div", { class: "card" }, parts));
  }

  /** @param {SubmitEvent} event */
  async function create(event) {
    event.preventDefault();
    try {
      const inbox = await ctx.api.post("inboxes", { ...formValues(form), channel_type: "website" });
      selected = inbox.id;
      form.reset();
      toast(interpolate(gettext("Inbox “%(name)s” created."), { name: inbox.name }));
      await load();
    } catch (error) {
      toast(interpolate(gettext("Could not create the inbox: %(reason)s"), reasonOf(error)));
    }
  }

  load().catch((error) => toast(interpolate(gettext("Could not load inboxes: %(reason)s"), reasonOf(error))));
}
