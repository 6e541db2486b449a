// @ts-check
// Settings: the account's webhooks (URL, events, private notes), their
// secret shown once, their disabled state, and each one's delivery log.

import { STALE, newestOnly } from "../kit/http.js";
import { h, reasonOf, replaceChildren, toast } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";
import { field } from "./settings_form.js";

/** @typedef {import("./context.js").DashboardContext} DashboardContext */
/**
 * @typedef {{id: number, name: string, url: string, subscriptions: string[],
 *   include_private_notes: boolean, enabled: boolean, disabled_reason: string,
 *   secret?: string}} Webhook
 * @typedef {{delivery_id: string, event: string, status: string, attempts: number,
 *   last_error: string, response_status: number | null, response_ms: number | null,
 *   created_at: string, sent_at: string | null}} Delivery
 */

// Chatwoot's event names, as receivers know them.
const EVENTS = [
  "conversation_created",
  "conversation_status_changed",
  "conversation_updated",
  "message_created",
  "message_updated",
  "contact_created",
  "contact_updated",
  "conversation_typing_on",
  "conversation_typing_off",
  "webwidget_triggered",
];

/**
 * The webhook form's fields, filled from `webhook` when one is being changed.
 * @param {Webhook | null} webhook
 * @returns {HTMLElement[]}
 */
function webhookFields(webhook) {
  const chosen = new Set(webhook ? webhook.subscriptions : ["message_created", "conversation_created", "conversation_status_changed"]);
  const check = (/** @type {string} */ name, /** @type {string} */ value, /** @type {boolean} */ checked, /** @type {string} */ text) => {
    const id = `field-${name}-${value}`;
    return h("div", { class: "field checkbox" }, h("input", { type: "checkbox", id, name, value, checked }), h("label", { for: id }, text));
  };
  return [
    field(gettext("Webhook URL"), "url", { type: "url", required: true, placeholder: "https://", value: webhook ? webhook.url : "" }),
    field(gettext("Name"), "name", { value: webhook ? webhook.name : "" }),
    h("fieldset", { class: "webhook-events" }, h("legend", {}, gettext("Events")), EVENTS.map((event) => check("subscriptions", event, chosen.has(event), event))),
    check("include_private_notes", "1", Boolean(webhook && webhook.include_private_notes), gettext("Send private notes too")),
    webhook ? check("enabled", "1", webhook.enabled, gettext("Enabled")) : null,
  ].filter((element) => element !== null);
}

/**
 * The state of a webhook: enabled, or disabled with the reason.
 * @param {Webhook} webhook
 * @returns {HTMLElement}
 */
function stateOf(webhook) {
  if (webhook.enabled) return h("span", {}, gettext("Enabled"));
  return h("span", { class: "webhook-disabled" }, gettext("Disabled"), webhook.disabled_reason ? h("span", { class: "muted small" }, " ", webhook.disabled_reason) : null);
}

/**
 * Show a new webhook's secret in `box`, the only time it is shown.
 * @param {HTMLElement} box
 * @param {Webhook} webhook the webhook just created, with its secret
 */
function showSecret(box, webhook) {
  replaceChildren(
    box,
    h("p", {}, gettext("Webhook created. Its signing secret is shown only now: copy it to your receiver.")),
    h("code", { class: "webhook-secret-value" }, webhook.secret || ""),
    h("button", { type: "button", class: "button small", onclick: () => (box.hidden = true) }, gettext("Done")),
  );
  box.hidden = false;
}

/**
 * The delivery log of one webhook at a time, drawn in `log`, with resend.
 * @param {DashboardContext} ctx
 * @param {HTMLElement} log
 * @returns {(webhook: Webhook) => Promise<void>} shows a webhook's log
 */
function deliveryLog(ctx, log) {
  /** @param {Webhook} webhook */
  async function showLog(webhook) {
    /** @type {Delivery[]} */
    let rows;
    try {
      rows = (await ctx.api.get(`webhooks/${webhook.id}/deliveries`)).payload;
    } catch (error) {
      toast(interpolate(gettext("Could not load the deliveries: %(reason)s"), reasonOf(error)));
      return;
    }
    const headings = [gettext("Event"), gettext("Status"), gettext("Attempts"), gettext("Answer"), gettext("Time (ms)"), gettext("Last error"), gettext("Created"), ""];
    replaceChildren(
      log,
      h("h2", {}, interpolate(gettext("Deliveries to %(url)s"), { url: webhook.url })),
      h(
        "table",
        { class: "webhook-deliveries" },
        h("thead", {}, h("tr", {}, headings.map((words) => h("th", { scope: "col" }, words)))),
        h(
          "tbody",
          {},
          rows.map((row) =>
            h(
              "tr",
              { dataset: { delivery: row.delivery_id } },
              h("td", {}, row.event),
              h("td", {}, row.status),
              h("td", {}, String(row.attempts)),
              h("td", {}, row.response_status === null ? "" : String(row.response_status)),
              h("td", {}, row.response_ms === null ? "" : String(row.response_ms)),
              h("td", { class: "muted small" }, row.last_error),
              h("td", { class: "muted small" }, new Date(row.created_at).toLocaleString()),
              h("td", {}, h("button", { type: "button", class: "button small", onclick: () => resend(webhook, row) }, gettext("Resend"))),
            ),
          ),
          rows.length ? null : h("tr", {}, h("td", { colspan: String(headings.length), class: "muted" }, gettext("No deliveries yet."))),
        ),
      ),
    );
    log.hidden = false;
  }

  /**
   * @param {Webhook} webhook
   * @param {Delivery} row
   */
  async function resend(webhook, row) {
    try {
      await ctx.api.post(`webhooks/${webhook.id}/deliveries/${row.delivery_id}/resend`, {});
      toast(gettext("Delivery queued again."));
      await showLog(webhook);
    } catch (error) {
      toast(interpolate(gettext("Could not resend: %(reason)s"), reasonOf(error)));
    }
  }

  return showLog;
}

/**
 * The webhooks, a form to add one or change the one picked, and the log of
 * the one whose deliveries are shown.
 * @param {DashboardContext} ctx
 * @param {HTMLElement} content
 */
export function webhookSettings(ctx, content) {
  /** @type {Webhook | null} */
  let editing = null;
  const list = h("table", { class: "webhook-table" });
  const form = h("form", { class: "card stack webhook-form", onsubmit: submit });
  const secret = h("div", { class: "card webhook-secret", role: "status", hidden: true });
  const log = h("section", { class: "webhook-log stack", hidden: true });
  const showLog = deliveryLog(ctx, log);
  replaceChildren(content, h("h1", { id: "settings-title" }, gettext("Webhooks")), secret, h("div", { class: "settings-grid" }, h("div", {}, list), form), log);

  function drawForm() {
    replaceChildren(
      form,
      h("h2", {}, editing ? gettext("Edit webhook") : gettext("New webhook")),
      webhookFields(editing),
      h(
        "div",
        { class: "row" },
        h("button", { type: "submit", class: "button primary" }, editing ? gettext("Save webhook") : gettext("Create webhook")),
        editing ? h("button", { type: "button", class: "button", onclick: () => edit(null) }, gettext("Cancel")) : null,
      ),
    );
  }

  /** @param {Webhook[]} webhooks */
  function drawList(webhooks) {
    replaceChildren(
      list,
      h("thead", {}, h("tr", {}, [gettext("Webhook"), gettext("Events"), gettext("State"), ""].map((words) => h("th", { scope: "col" }, words)))),
      h(
        "tbody",
        {},
        webhooks.map((webhook) =>
          h(
            "tr",
            { dataset: { webhook: String(webhook.id) } },
            h("td", {}, webhook.name ? h("div", {}, webhook.name) : null, h("div", { class: "muted small webhook-url" }, webhook.url)),
            h("td", {}, webhook.subscriptions.join(", ")),
            h("td", {}, stateOf(webhook)),
            h(
              "td",
              {},
              h(
                "span",
                { class: "row" },
                h("button", { type: "button", class: "button small", onclick: () => edit(webhook) }, gettext("Edit")),
                h("button", { type: "button", class: "button small", onclick: () => showLog(webhook) }, gettext("Deliveries")),
                h("button", { type: "button", class: "button small danger", onclick: () => remove(webhook) }, gettext("Delete")),
              ),
            ),
          ),
        ),
        webhooks.length ? null : h("tr", {}, h("td", { colspan: "4", class: "muted" }, gettext("No webhooks yet."))),
      ),
    );
  }

  /** @param {Webhook | null} webhook */
  function edit(webhook) {
    editing = webhook;
    drawForm();
  }

  const newest = newestOnly();
  async function load() {
    const answer = await newest(ctx.api.get("webhooks"));
    if (answer !== STALE) drawList(answer.payload.webhooks);
  }

  /** @param {SubmitEvent} event */
  async function submit(event) {
    event.preventDefault();
    const data = new FormData(form);
    /** @type {Record<string, unknown>} */
    const body = {
      url: data.get("url"),
      name: data.get("name") || "",
      subscriptions: data.getAll("subscriptions"),
      include_private_notes: data.get("include_private_notes") !== null,
    };
    if (editing) body.enabled = data.get("enabled") !== null;
    try {
      if (editing) {
        await ctx.api.patch(`webhooks/${editing.id}`, body);
        toast(gettext("Webhook saved."));
      } else {
        const answer = await ctx.api.post("webhooks", body);
        showSecret(secret, answer.payload.webhook);
      }
      edit(null);
      await load();
    } catch (error) {
      toast(interpolate(gettext("Could not save the webhook: %(reason)s"), reasonOf(error)));
    }
  }

  /** @param {Webhook} webhook */
  async function remove(webhook) {
    if (!confirm(interpolate(gettext("Delete the webhook to %(url)s?"), { url: webhook.url }))) return;
    try {
      await ctx.api.request("DELETE", `webhooks/${webhook.id}`);
      if (editing && editing.id === webhook.id) edit(null);
      log.hidden = true;
      await load();
    } catch (error) {
      toast(interpolate(gettext("Could not delete the webhook: %(reason)s"), reasonOf(error)));
    }
  }

  drawForm();
  load().catch((error) => toast(interpolate(gettext("Could not load webhooks: %(reason)s"), reasonOf(error))));
}
