// @ts-check
// Agents working the open conversation together: who takes part, what the
// signed-in agent may do now, and transfer, invite, consult and leave.
//
// What the agent may do comes from the server: in the conversation's REST
// answer (`capabilities`), then live from `conversation.capabilities_changed`
// whenever the assignee, the status or the participants change it. They are
// written to the thread pane's `data-can`; the stylesheet hides every control
// marked with a capability missing there (`data-capability="…"`), so re-drawn
// controls stay right. Participants are fetched again on their own events.

import { EVENT } from "../kit/wire.js";
import { collabForm } from "./collab_form.js";
import { avatar, h, reasonOf, replaceChildren, toast } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";

// Each action's words: its button, the agent picker of its form, and its failure.
const ACTIONS = {
  transfer: {
    label: gettext("Transfer"),
    agent: gettext("Transfer to agent"),
    failure: gettext("Could not transfer: %(reason)s"),
    failedOn: gettext("Could not transfer #%(id)s"),
  },
  invite: {
    label: gettext("Invite"),
    agent: gettext("Invite agent"),
    failure: gettext("Could not invite: %(reason)s"),
    failedOn: gettext("Could not invite to #%(id)s"),
  },
  consult: {
    label: gettext("Consult"),
    agent: gettext("Consult agent"),
    failure: gettext("Could not consult: %(reason)s"),
    failedOn: gettext("Could not consult on #%(id)s"),
  },
  leave: {
    label: gettext("Leave"),
    failure: gettext("Could not leave: %(reason)s"),
    failedOn: gettext("Could not leave #%(id)s"),
  },
  assign: { failedOn: gettext("Could not assign #%(id)s") },
  resolve: { failedOn: gettext("Could not change the status of #%(id)s") },
  update_attributes: { failedOn: gettext("Could not update #%(id)s") },
  send_message: { failedOn: gettext("Could not send a message to #%(id)s") },
  add_note: { failedOn: gettext("Could not add a note to #%(id)s") },
  edit_message: { failedOn: gettext("Could not edit a message of #%(id)s") },
  delete_message: { failedOn: gettext("Could not delete a message of #%(id)s") },
  other: { failedOn: gettext("An action on #%(id)s failed") },
};

/**
 * Someone taking part in a conversation (`GET conversations/:id/participants`).
 * @typedef {object} Participant
 * @property {number} id
 * @property {string} available_name
 * @property {"assignee" | "participant" | "consulting" | string} participant_type
 * @property {string} [availability_status]
 */

/** @typedef {import("./collab_form.js").FormAction} FormAction */

/**
 * The participants bar of the open conversation, with its actions.
 * @param {import("./context.js").DashboardContext} ctx
 * @param {object} options
 * @param {HTMLElement} options.bar where the participants and actions are drawn
 * @param {HTMLElement} options.threadPane carries the capabilities in `data-can`
 * @param {import("./context.js").Lookups} options.lookups
 * @param {(capabilities: string[]) => void} options.onCapabilities
 */
export function createCollaboration(ctx, { bar, threadPane, lookups, onCapabilities }) {
  /** @type {number | null} */
  let openId = null;
  /** @type {string[]} */
  let capabilities = [];
  /** @type {Participant[]} */
  let participants = [];
  /** @type {FormAction | null} */
  let form = null;
  // The open form's element, kept across re-draws so that what the agent has
  // chosen or typed survives the refreshes that live events cause.
  /** @type {HTMLFormElement | null} */
  let formNode = null;
  let generation = 0;

  /**
   * Show the conversation `id`, with what the agent may do with it now.
   * @param {number} id
   * @param {string[]} allowed
   */
  async function show(id, allowed) {
    if (openId !== id) closeForm();
    openId = id;
    setCapabilities(allowed);
    await refresh();
  }

  /** @param {string[]} allowed what the agent may do with the open conversation */
  function setCapabilities(allowed) {
    capabilities = allowed || [];
    threadPane.dataset.can = capabilities.join(" ");
    render();
    onCapabilities(capabilities);
  }

  async function refresh() {
    const id = openId;
    const mine = ++generation;
    try {
      const people = await ctx.api.get(`conversations/${id}/participants`);
      if (mine !== generation || id !== openId) return;
      participants = people;
      render();
    } catch (error) {
      if (mine === generation) toast(interpolate(gettext("Could not load who takes part: %(reason)s"), reasonOf(error)));
    }
  }

  /** @param {string} name */
  const can = (name) => capabilities.includes(name);

  function render() {
    const chips = participants.map((p) => participantChip(p, ctx.userStatus(p.id, p.availability_status)));
    /** @type {FormAction[]} */
    const forms = ["transfer", "invite", "consult"];
    const actions = [...forms.filter(can).map((name) => button(name, () => toggle(name))), can("leave") ? button("leave", leave) : null].filter(Boolean);
    // Nothing to show or offer: the bar stays empty (and hidden).
    if (!chips.length && !actions.length) return void replaceChildren(bar);
    replaceChildren(
      bar,
      chips.length ? h("span", { class: "muted small" }, gettext("With: ")) : null,
      chips,
      h("span", { class: "collab-actions" }, actions),
      form && can(form) ? (formNode ||= formFor(form)) : null,
    );
  }

  /** @param {FormAction} name */
  function formFor(name) {
    const onDone = async () => {
      closeForm();
      await refresh();
    };
    return collabForm(ctx, name, { conversationId: openId, words: ACTIONS[name], taking: participants.map((p) => p.id), lookups, onDone });
  }

  /** @param {FormAction} name */
  function toggle(name) {
    const opening = form !== name;
    closeForm();
    if (opening) form = name;
    render();
  }

  function closeForm() {
    form = null;
    formNode = null;
  }

  async function leave() {
    try {
      await ctx.api.post(`conversations/${openId}/leave`);
      await refresh();
    } catch (error) {
      toast(interpolate(ACTIONS.leave.failure, reasonOf(error)));
    }
  }

  function close() {
    openId = null;
    closeForm();
    generation++;
  }

  return { show, setCapabilities, refresh, close };
}

/**
 * @param {"transfer" | "invite" | "consult" | "leave"} action
 * @param {() => void} onclick
 */
function button(action, onclick) {
  return h("button", { type: "button", class: "button small", "data-action": action, onclick }, ACTIONS[action].label);
}

/**
 * @param {Participant} p
 * @param {string} status their availability now
 */
function participantChip(p, status) {
  return h(
    "span",
    { class: `chip participant participant-${p.participant_type}`, "data-user-id": p.id },
    avatar(p.available_name, status),
    p.available_name,
    p.participant_type === "consulting" ? h("span", { class: "muted small" }, gettext(" (consulting)")) : null,
  );
}

/**
 * Transfers to the signed-in agent, and operations of theirs that failed later
 * or elsewhere (operation.failed): each stays on screen, a transfer's handoff
 * note first, until the agent opens the conversation or dismisses it.
 * @param {import("./context.js").DashboardContext} ctx
 * @param {{stack: HTMLElement, openConversation: (id: number) => void}} options
 */
export function watchNotices(ctx, { stack, openConversation }) {
  ctx.on((name, data) => {
    // The user's stream carries every account of theirs: show this one's.
    if (data && data.account_id !== undefined && data.account_id !== ctx.config.account.id) return;
    // Typing is no step the agent took: its refusal is not worth a notice.
    if (name === EVENT.OPERATION_FAILED && data.operation !== "typing") return stack.append(failureNotice(data, openConversation));
    if (name !== EVENT.CONVERSATION_TRANSFERRED) return;
    const id = data.conversation.id;
    const from = (data.transferred_by && data.transferred_by.name) || gettext("An agent");
    const notice = h(
      "div",
      { class: "transfer-notice", role: "status", "data-conversation-id": id },
      h("strong", {}, interpolate(gettext("%(name)s transferred #%(id)s to you"), { name: from, id })),
      data.note ? h("p", { class: "handoff-note" }, data.note.content) : null,
      h(
        "div",
        {},
        h("button", { type: "button", class: "button small primary", onclick: () => (notice.remove(), openConversation(id)) }, gettext("Open")),
        h("button", { type: "button", class: "button small", onclick: () => notice.remove() }, gettext("Dismiss")),
      ),
    );
    stack.append(notice);
  });
}

/**
 * The headline of each operation that may fail later or elsewhere.
 * @param {{operation: string, conversation_id: number, code: string, reason: string}} data an operation.failed payload
 * @param {(id: number) => void} openConversation
 */
function failureNotice(data, openConversation) {
  const words = /** @type {Record<string, {failedOn: string}>} */ (ACTIONS)[data.operation] || ACTIONS.other;
  const notice = h(
    "div",
    { class: "transfer-notice failure-notice", role: "alert", "data-conversation-id": data.conversation_id, "data-operation": data.operation, "data-code": data.code },
    h("strong", {}, interpolate(words.failedOn, { id: data.conversation_id })),
    h("p", {}, data.reason),
    h(
      "div",
      {},
      h("button", { type: "button", class: "button small", onclick: () => (notice.remove(), openConversation(data.conversation_id)) }, gettext("Open")),
      h("button", { type: "button", class: "button small", onclick: () => notice.remove() }, gettext("Dismiss")),
    ),
  );
  return notice;
}
