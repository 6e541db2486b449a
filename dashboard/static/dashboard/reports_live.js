// @ts-check
// The reports' "now": open, unattended, unassigned, pending and waiting
// conversations and the agents online, busy or offline (GET
// reports/conversations), and each agent's open and unattended ones (GET
// reports/conversations/). Read again after the socket's conversation and
// presence events, and every 30 seconds.

import { EVENT } from "../kit/wire.js";
import { availabilityName, debounce, h, reasonOf, replaceChildren, toast } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";

const POLL_MS = 30000;
const SETTLE_MS = 500;
/** @type {Set<string>} */
const CHANGES = new Set([
  EVENT.CONVERSATION_CREATED,
  EVENT.CONVERSATION_STATUS_CHANGED,
  EVENT.ASSIGNEE_CHANGED,
  EVENT.FIRST_REPLY_CREATED,
  EVENT.CONVERSATION_QUEUED,
  EVENT.CONVERSATION_DEQUEUED,
  EVENT.PRESENCE_UPDATE,
]);

/**
 * @typedef {object} LiveAgent
 * @property {number} id
 * @property {string} name
 * @property {string} availability
 * @property {{open: number, unattended: number}} metric
 */

/**
 * @param {string} label
 * @param {number} value
 * @param {string} key
 */
function figure(label, value, key) {
  return h("div", { class: "card reports-card", dataset: { live: key } }, h("span", { class: "reports-card-label" }, label), h("strong", { class: "reports-card-value" }, String(value)));
}

/**
 * @param {LiveAgent[]} agents
 * @returns {HTMLElement}
 */
function agentTable(agents) {
  return h(
    "table",
    { class: "table reports-table", "aria-label": gettext("Agents now") },
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, gettext("Agent")), h("th", { scope: "col" }, gettext("Status")), h("th", { scope: "col" }, gettext("Open")), h("th", { scope: "col" }, gettext("Unattended")))),
    h(
      "tbody",
      {},
      agents.map((agent) =>
        h(
          "tr",
          { dataset: { agentId: String(agent.id) } },
          h("th", { scope: "row" }, agent.name),
          h("td", {}, h("span", { class: `dot dot-${agent.availability}`, "aria-hidden": "true" }), availabilityName(agent.availability)),
          h("td", {}, String(agent.metric.open)),
          h("td", {}, String(agent.metric.unattended)),
        ),
      ),
    ),
  );
}

/**
 * Draw the live view in `holder` and keep it current; with `withAgents`,
 * the agents' table too.
 * @param {import("./context.js").DashboardContext} ctx
 * @param {HTMLElement} holder
 * @param {boolean} withAgents
 */
export function mountLive(ctx, holder, withAgents) {
  const base = `/api/v2/accounts/${ctx.config.account.id}/reports/conversations`;
  const cards = h("div", { class: "reports-cards" });
  const table = h("div", {});
  const stamp = h("p", { class: "small muted", role: "status" });
  holder.append(h("section", { class: "reports-live", "aria-labelledby": "reports-live-title" }, h("h2", { id: "reports-live-title" }, gettext("Now")), cards, stamp, table));
  let reads = 0;

  async function read() {
    const mine = ++reads;
    try {
      const [now, agents] = await Promise.all([ctx.api.get(base), withAgents ? ctx.api.get(`${base}/`) : Promise.resolve(null)]);
      if (mine !== reads) return;
      replaceChildren(
        cards,
        figure(gettext("Open"), now.open, "open"),
        figure(gettext("Unattended"), now.unattended, "unattended"),
        figure(gettext("Unassigned"), now.unassigned, "unassigned"),
        figure(gettext("Pending"), now.pending, "pending"),
        figure(gettext("Waiting in the queue"), now.waiting, "waiting"),
        figure(gettext("Agents online"), now.agents.online, "online"),
        figure(gettext("Agents busy"), now.agents.busy, "busy"),
        figure(gettext("Agents offline"), now.agents.offline, "offline"),
      );
      stamp.textContent = interpolate(gettext("Updated at %(time)s"), { time: new Date().toLocaleTimeString() });
      if (agents) replaceChildren(table, agentTable(agents));
    } catch (error) {
      toast(interpolate(gettext("Could not load the live view: %(reason)s"), reasonOf(error)));
    }
  }
  const readSoon = debounce(read, SETTLE_MS);
  setInterval(read, POLL_MS);
  ctx.on((name, data) => {
    if (CHANGES.has(name) || (name === "cable.connected" && data.reconnected)) readSoon();
  });
  read();
}
