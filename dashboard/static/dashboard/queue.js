// @ts-check
// The queue page: visitors waiting per inbox (how many, the longest wait) and
// each agent's load, kept live. Routing's events trigger one debounced
// re-read of `GET queue`; the longest waits tick on locally every second.

import { EVENT } from "../kit/wire.js";
import { debounce, h, reasonOf, replaceChildren, toast } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";

/**
 * An inbox's queue (routing/serializers.py `queue_summary_payload`).
 * @typedef {object} InboxQueue
 * @property {number} inbox_id
 * @property {string} name
 * @property {number} waiting
 * @property {number | null} longest_wait seconds when read
 * @property {number[]} agent_ids
 */

/**
 * An agent's capacity (routing/serializers.py `agent_capacity_payload`).
 * @typedef {object} AgentLoad
 * @property {number} id
 * @property {string} available_name
 * @property {string} availability_status
 * @property {number} open_conversations
 * @property {number | null} limit
 * @property {boolean} available
 */

// Events after which the queue or a load may have changed.
/** @type {Set<string>} */
const CHANGES = new Set([
  EVENT.CONVERSATION_CREATED,
  EVENT.CONVERSATION_STATUS_CHANGED,
  EVENT.CONVERSATION_QUEUED,
  EVENT.CONVERSATION_DEQUEUED,
  EVENT.ASSIGNEE_CHANGED,
  EVENT.AGENT_AVAILABLE,
  EVENT.AGENT_UNAVAILABLE,
]);
// Several events come together (a hand-off is dequeued + assignee.changed +
// agent.unavailable): one read after them.
const SETTLE_MS = 250;

/** @type {Record<string, () => string>} */
const STATUS_WORDS = {
  online: () => gettext("Online"),
  busy: () => gettext("Busy"),
  offline: () => gettext("Offline"),
};

/**
 * "m:ss", or "h:mm:ss" past an hour.
 * @param {number} seconds
 * @returns {string}
 */
function formatWait(seconds) {
  const whole = Math.max(0, Math.floor(seconds));
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const rest = String(whole % 60).padStart(2, "0");
  return hours ? `${hours}:${String(minutes).padStart(2, "0")}:${rest}` : `${minutes}:${rest}`;
}

/**
 * The page's frame: the summary line and the two tables' bodies to fill.
 * @returns {{page: HTMLElement, inboxRows: HTMLElement, agentRows: HTMLElement, summary: HTMLElement}}
 */
function queueLayout() {
  const inboxRows = h("tbody", {});
  const agentRows = h("tbody", {});
  const summary = h("p", { class: "muted", role: "status", "aria-live": "polite", "data-testid": "queue-summary" });
  const page = h(
    "div",
    { class: "settings-content queue-page" },
    h("h1", { id: "queue-title" }, gettext("Queue")),
    summary,
    h(
      "section",
      { "aria-labelledby": "queue-inboxes-title" },
      h("h2", { id: "queue-inboxes-title" }, gettext("Waiting visitors")),
      h(
        "table",
        { class: "table queue-table", "aria-labelledby": "queue-inboxes-title" },
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, gettext("Inbox")), h("th", { scope: "col" }, gettext("Waiting")), h("th", { scope: "col" }, gettext("Longest wait")))),
        inboxRows,
      ),
    ),
    h(
      "section",
      { "aria-labelledby": "queue-agents-title" },
      h("h2", { id: "queue-agents-title" }, gettext("Agents")),
      h(
        "table",
        { class: "table queue-table", "aria-labelledby": "queue-agents-title" },
        h(
          "thead",
          {},
          h("tr", {}, h("th", { scope: "col" }, gettext("Agent")), h("th", { scope: "col" }, gettext("Status")), h("th", { scope: "col" }, gettext("Open conversations")), h("th", { scope: "col" }, gettext("Takes new visitors"))),
        ),
        agentRows,
      ),
    ),
  );
  return { page, inboxRows, agentRows, summary };
}

/**
 * Draw the page in `main` and keep it live.
 * @param {import("./context.js").DashboardContext} ctx
 * @param {HTMLElement} main
 */
export function mount(ctx, main) {
  /** @type {{inboxes: InboxQueue[], agents: AgentLoad[], readAt: number}} */
  const state = { inboxes: [], agents: [], readAt: 0 };
  let reads = 0;

  const { page, inboxRows, agentRows, summary } = queueLayout();
  replaceChildren(main, page);

  async function read() {
    const mine = ++reads;
    try {
      const data = await ctx.api.get("queue");
      // An older answer arriving after a newer one would undo it.
      if (mine !== reads) return;
      Object.assign(state, { inboxes: data.inboxes, agents: data.agents, readAt: performance.now() });
      render();
    } catch (error) {
      toast(interpolate(gettext("Could not load the queue: %(reason)s"), reasonOf(error)));
    }
  }
  const readSoon = debounce(read, SETTLE_MS);

  /** @param {InboxQueue} queue */
  function waitedSeconds(queue) {
    return (queue.longest_wait ?? 0) + (performance.now() - state.readAt) / 1000;
  }

  function render() {
    const waiting = state.inboxes.reduce((sum, queue) => sum + queue.waiting, 0);
    summary.textContent = interpolate(gettext("Visitors waiting: %(count)s"), { count: waiting });
    replaceChildren(
      inboxRows,
      state.inboxes.map((queue) =>
        h(
          "tr",
          { dataset: { inboxId: String(queue.inbox_id) } },
          h("th", { scope: "row" }, queue.name),
          h("td", { class: "queue-waiting" }, String(queue.waiting)),
          h("td", { class: "queue-longest" }, queue.longest_wait === null ? "—" : h("time", { dataset: { ticking: "" } }, formatWait(waitedSeconds(queue)))),
        ),
      ),
      state.inboxes.length ? null : h("tr", {}, h("td", { colspan: "3", class: "muted" }, gettext("You work no inbox."))),
    );
    replaceChildren(agentRows, state.agents.map(agentRow));
    tick();
  }

  /** @param {AgentLoad} agent */
  function agentRow(agent) {
    const status = agent.availability_status;
    const load =
      agent.limit === null
        ? interpolate(gettext("%(open)s (no limit)"), { open: agent.open_conversations })
        : interpolate(gettext("%(open)s / %(limit)s"), { open: agent.open_conversations, limit: agent.limit });
    const inboxes = state.inboxes.filter((queue) => queue.agent_ids.includes(agent.id)).map((queue) => queue.name);
    return h(
      "tr",
      { dataset: { agentId: String(agent.id) } },
      h("th", { scope: "row" }, h("span", { class: "queue-agent-name" }, agent.available_name), inboxes.length ? h("span", { class: "small muted queue-agent-inboxes" }, inboxes.join(", ")) : null),
      h("td", {}, h("span", { class: `dot dot-${status}`, "aria-hidden": "true" }), (STATUS_WORDS[status] || (() => status))()),
      h("td", { class: "queue-load" }, load),
      h("td", { class: "queue-available" }, agent.available ? gettext("Yes") : gettext("No")),
    );
  }

  // The longest waits move on every second between reads, from the server's
  // count (so the agent's clock does not matter).
  function tick() {
    const cells = inboxRows.querySelectorAll("time[data-ticking]");
    state.inboxes
      .filter((queue) => queue.longest_wait !== null)
      .forEach((queue, index) => {
        const seconds = waitedSeconds(queue);
        cells[index].textContent = formatWait(seconds);
        cells[index].setAttribute("datetime", `PT${Math.floor(seconds)}S`);
      });
  }
  setInterval(tick, 1000);

  ctx.on((name, data) => {
    if (CHANGES.has(name) || (name === "cable.connected" && data.reconnected)) readSoon();
  });
  read();
}
