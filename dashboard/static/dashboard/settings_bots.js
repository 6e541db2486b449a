// @ts-check
// Settings: the account's agent bots (programs that answer an inbox's new
// conversations through the API with their own token, then hand off to the
// agents), their tokens, and which inbox each answers.

import { listOf, newestOnly, STALE } from "../kit/http.js";
import { h, reasonOf, replaceChildren, toast } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";
import { field, formValues } from "./settings_form.js";

/** @typedef {import("./context.js").DashboardContext} DashboardContext */

/**
 * An agent bot (agentbots/api/serializers.py): the token for administrators,
 * the secret only in the answer that created it.
 * @typedef {object} AgentBot
 * @property {number} id
 * @property {string} name
 * @property {string} description
 * @property {string} outgoing_url
 * @property {boolean} system_bot
 * @property {string} [access_token]
 * @property {string} [secret]
 */

/** @typedef {{id: number, name: string}} Inbox */

/**
 * A bot's form fields: name, description, outgoing URL.
 * @param {string} prefix makes the fields' ids unique on the page
 * @param {AgentBot} [bot]
 */
function botFields(prefix, bot) {
  return [
    field(gettext("Name"), `${prefix}name`, { required: true, maxlength: 255, value: bot?.name || "" }),
    field(gettext("Description"), `${prefix}description`, { maxlength: 2000, value: bot?.description || "" }),
    field(gettext("Outgoing URL"), `${prefix}outgoing_url`, { type: "url", required: true, maxlength: 2048, value: bot?.outgoing_url || "", placeholder: "https://" }),
  ];
}

/**
 * The form's bot without the prefix on its fields' names.
 * @param {HTMLFormElement} form
 * @param {string} prefix
 */
function botBody(form, prefix) {
  const values = formValues(form);
  return {
    name: String(values[`${prefix}name`] || ""),
    description: String(values[`${prefix}description`] || ""),
    outgoing_url: String(values[`${prefix}outgoing_url`] || ""),
  };
}

/**
 * An inbox's choice of bot, showing the one connected now.
 * @param {DashboardContext} ctx
 * @param {Inbox} inbox
 * @param {AgentBot[]} bots
 * @param {(inbox: Inbox, botId: string) => void} connect
 */
async function inboxRow(ctx, inbox, bots, connect) {
  const { agent_bot: current } = await ctx.api.get(`inboxes/${inbox.id}/agent_bot`);
  const id = `bots-inbox-${inbox.id}`;
  const select = h(
    "select",
    { id, "data-inbox-id": String(inbox.id), onchange: () => connect(inbox, select.value) },
    h("option", { value: "" }, gettext("No bot: the agents answer")),
    bots.map((bot) => h("option", { value: String(bot.id), selected: current?.id === bot.id }, bot.name)),
  );
  return h("div", { class: "field" }, h("label", { for: id }, inbox.name), select);
}

/**
 * Draw in `holder` each inbox with the bot that answers it.
 * @param {DashboardContext} ctx
 * @param {HTMLElement} holder
 * @param {AgentBot[]} bots
 * @param {(inbox: Inbox, botId: string) => void} connect
 */
async function drawInboxes(ctx, holder, bots, connect) {
  /** @type {Inbox[]} */
  const all = listOf(await ctx.api.get("inboxes"));
  const rows = await Promise.all(all.map((inbox) => inboxRow(ctx, inbox, bots, connect)));
  replaceChildren(holder, h("h2", {}, gettext("Which bot answers each inbox")), rows, all.length ? null : h("p", { class: "muted" }, gettext("No inboxes yet.")));
}

/**
 * The bots, each editable and deletable with its token; the inboxes, each
 * with a choice of bot; a form for a new bot.
 * @param {DashboardContext} ctx
 * @param {HTMLElement} content
 */
export function botSettings(ctx, content) {
  const list = h("div", { class: "bots-list stack" });
  const inboxes = h("div", { class: "card stack bots-inboxes" });
  const secret = h("div", { class: "bots-secret", "aria-live": "polite" });
  const form = h(
    "form",
    { class: "card stack", onsubmit: create },
    h("h2", {}, gettext("New bot")),
    botFields("new-bot-"),
    h("button", { type: "submit", class: "button primary" }, gettext("Add bot")),
  );
  replaceChildren(
    content,
    h("h1", { id: "settings-title" }, gettext("Bots")),
    h("p", { class: "muted" }, gettext("A bot answers the new conversations of its inbox first, through the API with its access token, and hands them to the agents.")),
    secret,
    h("div", { class: "settings-grid" }, h("div", { class: "stack" }, list, inboxes), form),
  );

  /** @type {AgentBot[]} */
  let bots = [];

  const newest = newestOnly();
  async function load() {
    const found = await newest(ctx.api.get("agent_bots"));
    if (found === STALE) return;
    bots = listOf(found);
    replaceChildren(list, bots.map(card), bots.length ? null : h("p", { class: "muted" }, gettext("No bots yet.")));
    await drawInboxes(ctx, inboxes, bots, connect);
  }

  /** @param {AgentBot} bot */
  function card(bot) {
    const prefix = `bot-${bot.id}-`;
    const edit = h(
      "form",
      { class: "stack", hidden: true, onsubmit: (/** @type {SubmitEvent} */ event) => save(event, bot, prefix) },
      botFields(prefix, bot),
      h("button", { type: "submit", class: "button primary" }, gettext("Save")),
    );
    const token = bot.access_token ? h("p", { class: "small" }, gettext("Access token: "), h("code", { class: "bot-token" }, bot.access_token)) : null;
    return h(
      "div",
      { class: "card bot-card", "data-bot-id": String(bot.id) },
      h("h2", { class: "bot-name" }, bot.name),
      bot.system_bot ? h("p", { class: "muted small" }, gettext("Shared by every account")) : null,
      bot.description ? h("p", { class: "bot-description" }, bot.description) : null,
      h("p", { class: "muted small bot-url" }, bot.outgoing_url),
      token,
      bot.system_bot
        ? null
        : h(
            "div",
            { class: "row" },
            h("button", { type: "button", class: "button small", onclick: () => (edit.hidden = !edit.hidden) }, gettext("Edit")),
            h("button", { type: "button", class: "button small", onclick: () => resetToken(bot) }, gettext("New access token")),
            h("button", { type: "button", class: "button small danger", onclick: () => remove(bot) }, gettext("Delete")),
          ),
      edit,
    );
  }

  /** @param {Promise<any>} action @param {string} failure */
  async function act(action, failure) {
    try {
      const result = await action;
      await load();
      return result;
    } catch (error) {
      toast(interpolate(failure, reasonOf(error)));
      return null;
    }
  }

  /** @param {SubmitEvent} event */
  async function create(event) {
    event.preventDefault();
    /** @type {AgentBot | null} */
    const bot = await act(ctx.api.post("agent_bots", botBody(form, "new-bot-")), gettext("Could not add the bot: %(reason)s"));
    if (!bot) return;
    form.reset();
    replaceChildren(
      secret,
      h(
        "div",
        { class: "card stack" },
        h("p", {}, interpolate(gettext("The bot %(name)s signs its events with this secret. Copy it now: it is not shown again."), { name: bot.name })),
        h("code", { class: "bot-secret" }, bot.secret || ""),
      ),
    );
  }

  /** @param {SubmitEvent} event @param {AgentBot} bot @param {string} prefix */
  function save(event, bot, prefix) {
    event.preventDefault();
    const body = botBody(/** @type {HTMLFormElement} */ (event.currentTarget), prefix);
    act(ctx.api.patch(`agent_bots/${bot.id}`, body), gettext("Could not save the bot: %(reason)s"));
  }

  /** @param {AgentBot} bot */
  function resetToken(bot) {
    if (!confirm(interpolate(gettext("Give %(name)s a new access token? The old one stops working."), { name: bot.name }))) return;
    act(ctx.api.post(`agent_bots/${bot.id}/reset_access_token`), gettext("Could not renew the access token: %(reason)s"));
  }

  /** @param {AgentBot} bot */
  function remove(bot) {
    if (!confirm(interpolate(gettext("Delete the bot %(name)s?"), { name: bot.name }))) return;
    act(ctx.api.delete(`agent_bots/${bot.id}`), gettext("Could not delete the bot: %(reason)s"));
  }

  /** @param {Inbox} inbox @param {string} botId */
  function connect(inbox, botId) {
    const body = { agent_bot: botId ? Number(botId) : null };
    act(ctx.api.post(`inboxes/${inbox.id}/set_agent_bot`, body), gettext("Could not connect the bot: %(reason)s"));
  }

  load().catch((error) => toast(interpolate(gettext("Could not load the bots: %(reason)s"), reasonOf(error))));
}
