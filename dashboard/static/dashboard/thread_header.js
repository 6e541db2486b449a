// @ts-check
// The open conversation's header: who and where, status actions, mute, snooze,
// assignment, team, macros, the transcript by email and labels.

import { CONVERSATION_STATUS } from "../kit/wire.js";
import { CALL_START } from "./context.js";
import { priorityControl } from "./conversation_priority.js";
import { download } from "./data_transfer.js";
import { avatar, formatDateTime, h, reasonOf, replaceChildren, statusName, toast } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";
import { renderLabels } from "./thread_labels.js";
import { createMacroMenu } from "./thread_macros.js";
import { createTranscriptMenu } from "./thread_transcript.js";

const { OPEN, PENDING, RESOLVED, SNOOZED } = CONVERSATION_STATUS;

/** @typedef {import("../kit/wire.js").Conversation} Conversation */
/** @typedef {import("./thread/state.js").ThreadContext} ThreadContext */
/** @typedef {import("./thread/state.js").Lookups} Lookups */

/**
 * Posts to the open conversation's `action` endpoint ("toggle_status",
 * "mute", "unmute", "assignments", "labels") with `body`.
 * @typedef {(action: string, body: Record<string, unknown>) => void} Perform
 */

/**
 * The status buttons a conversation in `status` offers.
 * @param {string} status
 * @param {Perform} perform
 * @returns {HTMLButtonElement[]}
 */
function statusActions(status, perform) {
  /**
   * @param {string} words
   * @param {string} to the status the button sets
   * @param {string} className
   */
  const action = (words, to, className) => h("button", { type: "button", class: className, "data-capability": "resolve", onclick: () => perform("toggle_status", { status: to }) }, words);
  const actions = [status === RESOLVED ? action(gettext("Reopen"), OPEN, "button primary") : action(gettext("Resolve"), RESOLVED, "button primary")];
  if (status !== PENDING) actions.push(action(gettext("Mark pending"), PENDING, "button"));
  if (status !== OPEN && status !== RESOLVED) actions.push(action(gettext("Reopen"), OPEN, "button"));
  return actions;
}

/**
 * Mute (which resolves too) or unmute the conversation.
 * @param {boolean} muted
 * @param {Perform} perform
 */
function muteAction(muted, perform) {
  return h("button", { type: "button", class: "button mute-toggle", "data-capability": "resolve", onclick: () => perform(muted ? "unmute" : "mute", {}) }, muted ? gettext("Unmute") : gettext("Mute"));
}

/**
 * The open conversation's header and labels row, drawn into `header` and
 * `labelsRow`; `render(c)` draws conversation `c` when something shown changed
 * (or always with `force`).
 * @param {ThreadContext} ctx
 * @param {{header: HTMLElement, labelsRow: HTMLElement, lookups: Lookups, onBack: () => void, onToggleContact: () => void, perform: Perform}} options
 * @returns {{render: (c: Conversation, options?: {force?: boolean}) => void}}
 */
export function createThreadHeader(ctx, { header, labelsRow, lookups, onBack, onToggleContact, perform }) {
  let key = "";
  const macros = createMacroMenu(ctx);
  const transcript = createTranscriptMenu(ctx);

  /**
   * Draws the header and the labels row for conversation `c`.
   * @param {Conversation} c
   * @param {{force?: boolean}} [options]
   */
  function render(c, { force = false } = {}) {
    const contact = (c.meta && c.meta.sender) || {};
    const online = ctx.presence.contacts[String(contact.id)] === "online";
    const page = ctx.presence.pages[String(contact.id)];
    // Re-drawing closes an open select under the agent's cursor: only when
    // something shown here changed.
    const next = JSON.stringify([
      c.id, c.updated_at, c.status, c.muted, c.priority, c.snoozed_until, c.meta, c.labels, online, page,
      (lookups.agents || []).map((a) => [a.id, ctx.userStatus(a.id, a.availability_status)]),
      (lookups.teams || []).map((t) => t.id), (lookups.inboxes || []).map((i) => [i.id, i.name, i.calls_enabled]),
      (lookups.labels || []).map((l) => l.title),
    ]);
    if (!force && next === key && header.childElementCount) return;
    // Redrawing moves the focused address field and blurs it: wait while
    // the agent types an address (the next render draws the change).
    if (!force && transcript.isTyping()) return;
    key = next;
    const inbox = (lookups.inboxes || []).find((i) => i.id === c.inbox_id);
    replaceChildren(
      header,
      h("button", { type: "button", class: "button small back", onclick: onBack, "aria-label": gettext("Back to the list") }, "←"),
      h(
        "div",
        { class: "thread-title" },
        avatar(contact.name, online ? "online" : "offline"),
        h(
          "div",
          {},
          h("h2", {}, contact.name || gettext("Visitor")),
          h(
            "p",
            { class: "muted small" },
            `#${c.id}`,
            inbox ? ` · ${inbox.name}` : "",
            " · ",
            h("span", { class: `chip status-${c.status}` }, statusName(c.status)),
            c.muted ? h("span", { class: "chip muted-chip", title: gettext("The contact's new messages neither reopen it nor notify anyone") }, gettext("Muted")) : "",
            c.status === SNOOZED && c.snoozed_until ? interpolate(gettext(" until %(time)s"), { time: formatDateTime(c.snoozed_until) }) : "",
            page ? visitorPage(page) : "",
          ),
        ),
      ),
      h("div", { class: "thread-actions" }, statusActions(c.status, perform), muteAction(Boolean(c.muted), perform), snoozeControl(perform), priorityControl(c, perform), assigneeSelect(c, { ctx, lookups, perform }), teamSelect(c, { lookups, perform }), macros.control(c.id), transcript.control(c.id, contact.email || "")),
      transcriptButton(ctx, c.id),
      inbox && inbox.calls_enabled ? callButtons(ctx, c.id) : null,
      h("button", { type: "button", class: "button small contact-toggle", onclick: onToggleContact }, gettext("Contact")),
    );
    renderLabels(labelsRow, c, { lookups, perform });
  }

  return { render };
}

/**
 * Download the conversation's transcript as plain text.
 * @param {import("./context.js").DashboardContext} ctx
 * @param {number} id the conversation's display id
 */
function transcriptButton(ctx, id) {
  const save = () => download(ctx, "GET", `conversations/${id}/transcript?as=text`, null, `conversation-${id}.txt`).catch((error) => toast(interpolate(gettext("Could not download the transcript: %(reason)s"), reasonOf(error))));
  return h("button", { type: "button", class: "button small transcript-download", onclick: save }, gettext("Download transcript"));
}

/**
 * Start a voice or a video call with the conversation's contact.
 * @param {import("./context.js").DashboardContext} ctx
 * @param {number} id the conversation's display id
 */
function callButtons(ctx, id) {
  /** @param {boolean} video */
  const start = (video) => ctx.emit(CALL_START, { conversationId: id, video });
  return h(
    "span",
    { class: "call-start", "data-capability": "send_message" },
    h("button", { type: "button", class: "button small call-voice-start", onclick: () => start(false) }, gettext("Voice call")),
    h("button", { type: "button", class: "button small call-video-start", onclick: () => start(true) }, gettext("Video call")),
  );
}

/**
 * What the visitor's page did last: left (hidden or closed) or back.
 * @param {"left" | "back"} page
 */
function visitorPage(page) {
  const words = page === "left" ? gettext("Visitor left the page") : gettext("Visitor is back");
  return h("span", { class: `visitor-page visitor-page-${page}`, role: "status" }, " · ", words);
}

/**
 * The snooze choices, and a time of the agent's choosing.
 * @param {Perform} perform
 */
function snoozeControl(perform) {
  const custom = h("input", { type: "datetime-local", "aria-label": gettext("Snooze until"), class: "snooze-at", hidden: true });
  const go = h("button", { type: "button", class: "button small", hidden: true }, gettext("Snooze"));
  const select = h(
    "select",
    { "aria-label": gettext("Snooze"), class: "snooze" },
    h("option", { value: "" }, gettext("Snooze…")),
    h("option", { value: "hour" }, gettext("For an hour")),
    h("option", { value: "tomorrow" }, gettext("Until tomorrow 9:00")),
    h("option", { value: "week" }, gettext("Until next week")),
    h("option", { value: "custom" }, gettext("Pick a time…")),
  );
  select.addEventListener("change", () => {
    const at = snoozeTime(select.value);
    custom.hidden = go.hidden = select.value !== "custom";
    if (at) perform("toggle_status", { status: SNOOZED, snoozed_until: at });
  });
  go.addEventListener("click", () => {
    const at = custom.value ? Math.floor(new Date(custom.value).getTime() / 1000) : null;
    if (at) perform("toggle_status", { status: SNOOZED, snoozed_until: at });
  });
  return h("span", { class: "snooze-group", "data-capability": "resolve" }, select, custom, go);
}

/**
 * When a snooze choice ends, in epoch seconds; null for none or "custom".
 * @param {string} choice
 * @returns {number | null}
 */
function snoozeTime(choice) {
  const now = new Date();
  if (choice === "hour") return Math.floor(now.getTime() / 1000) + 3600;
  if (choice === "tomorrow" || choice === "week") {
    const at = new Date(now);
    at.setDate(at.getDate() + (choice === "week" ? 7 - ((now.getDay() + 6) % 7) : 1));
    at.setHours(9, 0, 0, 0);
    return Math.floor(at.getTime() / 1000);
  }
  return null;
}

/**
 * @param {Conversation} c
 * @param {{ctx: ThreadContext, lookups: Lookups, perform: Perform}} options
 */
function assigneeSelect(c, { ctx, lookups, perform }) {
  const assignee = c.meta && c.meta.assignee;
  const select = h(
    "select",
    { "aria-label": gettext("Assigned agent"), class: "assignee-select", "data-capability": "transfer" },
    h("option", { value: "" }, gettext("Unassigned")),
    (lookups.agents || []).map((agent) => {
      const status = ctx.userStatus(agent.id, agent.availability_status);
      return h("option", { value: agent.id, selected: assignee && assignee.id === agent.id }, `${statusMark(status)} ${agent.available_name || agent.name}`);
    }),
  );
  if (assignee && !(lookups.agents || []).some((a) => a.id === assignee.id)) {
    select.append(h("option", { value: assignee.id, selected: true }, assignee.available_name || assignee.name));
  }
  select.addEventListener("change", () => perform("assignments", { assignee_id: select.value ? Number(select.value) : null }));
  return select;
}

/**
 * @param {Conversation} c
 * @param {{lookups: Lookups, perform: Perform}} options
 */
function teamSelect(c, { lookups, perform }) {
  const team = c.meta && c.meta.team;
  const select = h(
    "select",
    { "aria-label": gettext("Team"), class: "team-select", "data-capability": "transfer" },
    h("option", { value: "" }, gettext("No team")),
    (lookups.teams || []).map((t) => h("option", { value: t.id, selected: team && team.id === t.id }, t.name)),
  );
  select.addEventListener("change", () => perform("assignments", { team_id: select.value ? Number(select.value) : null }));
  return select;
}

/**
 * An agent's availability as a mark before their name.
 * @param {string} status
 * @returns {string}
 */
function statusMark(status) {
  /** @type {Record<string, string>} */
  const marks = { online: "●", busy: "◐", offline: "○" };
  return marks[status] || "○";
}
