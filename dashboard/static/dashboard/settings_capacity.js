// @ts-check
// Settings: how many open conversations auto-assignment gives each agent:
// the agent's own limit, else the inbox's, else the account's default.

import { listOf } from "../kit/http.js";
import { h, reasonOf, replaceChildren, toast } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";

/** @typedef {import("./context.js").DashboardContext} DashboardContext */

const MAX_LIMIT = 1000;

/**
 * A limit's input and Save button: blank saves null (no limit of its own).
 * @param {{label: string, value: number | null | undefined, save: (limit: number | null) => Promise<unknown>}} options
 * @returns {HTMLElement}
 */
export function limitControl({ label, value, save }) {
  const input = /** @type {HTMLInputElement} */ (
    h("input", { type: "number", min: "1", max: String(MAX_LIMIT), step: "1", value: value == null ? "" : String(value), "aria-label": label, placeholder: gettext("No limit"), class: "limit-input" })
  );
  const form = h(
    "form",
    {
      class: "limit-control",
      onsubmit: async (/** @type {SubmitEvent} */ event) => {
        event.preventDefault();
        try {
          await save(input.value === "" ? null : Number(input.value));
          toast(interpolate(gettext("Saved: %(what)s"), { what: label }));
        } catch (error) {
          toast(interpolate(gettext("Could not save the limit: %(reason)s"), reasonOf(error)));
        }
      },
    },
    input,
    h("button", { type: "submit", class: "button small" }, gettext("Save")),
  );
  return form;
}

/**
 * The account's default, each agent's own limit, each inbox's limit.
 * @param {DashboardContext} ctx
 * @param {HTMLElement} content
 */
export function capacitySettings(ctx, content) {
  const account = h("div", { class: "card stack" });
  const agents = h("tbody");
  const inboxes = h("tbody");
  const heads = (/** @type {string} */ first) => h("thead", {}, h("tr", {}, h("th", {}, first), h("th", {}, gettext("Open conversations at most"))));
  replaceChildren(
    content,
    h("h1", { id: "settings-title" }, gettext("Agent capacity")),
    h("p", { class: "muted" }, gettext("Auto-assignment gives an agent no more open conversations than their own limit, else their inbox's, else the account's default. Leave blank for no limit.")),
    h(
      "div",
      { class: "capacity-layout stack" },
      account,
      h("h2", {}, gettext("Agents")),
      h("table", { class: "table", id: "agent-limits" }, heads(gettext("Agent")), agents),
      h("h2", {}, gettext("Inboxes")),
      h("table", { class: "table", id: "inbox-limits" }, heads(gettext("Inbox")), inboxes),
    ),
  );

  async function load() {
    const [current, allAgents, allInboxes] = await Promise.all([ctx.api.request("GET", `/api/v1/accounts/${ctx.config.account.id}`), ctx.api.get("agents"), ctx.api.get("inboxes")]);
    replaceChildren(
      account,
      h("h2", {}, gettext("Account default")),
      limitControl({ label: gettext("Account default limit"), value: current.auto_assignment_limit, save: (limit) => ctx.api.request("PATCH", `/api/v1/accounts/${ctx.config.account.id}`, { auto_assignment_limit: limit }) }),
    );
    /** @type {{id: number, name: string, confirmed?: boolean, auto_assignment_limit?: number | null}[]} */
    const members = listOf(allAgents).filter((agent) => agent.confirmed !== false);
    replaceChildren(
      agents,
      members.map((agent) => h("tr", {}, h("td", {}, agent.name), h("td", {}, limitControl({ label: interpolate(gettext("Limit of %(name)s"), { name: agent.name }), value: agent.auto_assignment_limit, save: (limit) => ctx.api.patch(`agents/${agent.id}`, { auto_assignment_limit: limit }) })))),
    );
    /** @type {{id: number, name: string, auto_assignment_config?: Record<string, unknown>}[]} */
    const all = listOf(allInboxes);
    replaceChildren(
      inboxes,
      all.map((inbox) => {
        const config = inbox.auto_assignment_config || {};
        // The whole config goes back: a PATCH replaces it, other keys included.
        const save = (/** @type {number | null} */ limit) => ctx.api.patch(`inboxes/${inbox.id}`, { auto_assignment_config: { ...config, max_assignment_limit: limit } }).then((saved) => (inbox.auto_assignment_config = saved.auto_assignment_config));
        const value = /** @type {number | null | undefined} */ (config.max_assignment_limit);
        return h("tr", {}, h("td", {}, inbox.name), h("td", {}, limitControl({ label: interpolate(gettext("Limit in %(name)s"), { name: inbox.name }), value, save })));
      }),
    );
  }

  load().catch((error) => toast(interpolate(gettext("Could not load the limits: %(reason)s"), reasonOf(error))));
}
