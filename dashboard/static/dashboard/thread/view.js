// @ts-check
// The open conversation's pane: header and labels, who takes part, the
// messages, who is typing, and the composer. Built once per conversation
// opened; the modules it holds share the thread's state.

import { gettext, interpolate } from "../i18n.js";
import { h, replaceChildren, toast } from "../dom.js";
import { createCollaboration } from "../participants.js";
import { createThreadHeader } from "../thread_header.js";
import { createComposer } from "./composer.js";
import { createMessageActions } from "./message_actions.js";
import { createMessageList } from "./message_list.js";
import { createOutbox } from "./outbox.js";
import { reason } from "./state.js";
import { createTypingIndicator } from "./typing_indicator.js";
import { withWrapUp } from "../wrap_up.js";

/** @typedef {import("./state.js").ThreadState} ThreadState */
/** @typedef {import("./state.js").ThreadContext} ThreadContext */
/** @typedef {import("./state.js").ConversationStore} ConversationStore */
/** @typedef {import("./state.js").Lookups} Lookups */

/**
 * @typedef {object} ThreadView
 * @property {(options?: {force?: boolean}) => void} renderHeader
 * @property {(options?: {scroll?: "bottom"}) => void} renderMessages
 * @property {(id: number) => Promise<void>} refresh reloads conversation `id` from the server
 * @property {ReturnType<typeof createTypingIndicator>} typing
 * @property {ReturnType<typeof createCollaboration>} collaboration who takes part (participants.js)
 * @property {() => void} stopTyping says the agent stopped typing
 * @property {import("../thread_header.js").Perform} perform posts an action on the conversation
 */

const FAILURES = () => ({
  toggle_status: gettext("Could not change the status"),
  mute: gettext("Could not mute"),
  unmute: gettext("Could not unmute"),
  assignments: gettext("Could not assign"),
  labels: gettext("Could not save labels"),
  toggle_priority: gettext("Could not change the priority"),
});

/**
 * Build the pane into `threadPane` for the conversation `state.openId`.
 * @param {ThreadContext} ctx
 * @param {{state: ThreadState, store: ConversationStore, lookups: Lookups, threadPane: HTMLElement, onBack: () => void, onChange: () => void}} options
 * @returns {ThreadView}
 */
export function createThreadView(ctx, { state, store, lookups, threadPane, onBack, onChange }) {
  const user = ctx.config.user;
  const header = h("header", { class: "thread-header" });
  const labelsRow = h("div", { class: "labels-row" });
  const bar = h("div", { class: "collab-bar", "aria-label": gettext("Taking part") });
  /** @param {{scroll?: "bottom"}} [options] */
  const renderMessages = (options) => list.update(options);
  const outbox = createOutbox(ctx, { state, redraw: renderMessages });
  const actions = createMessageActions(ctx, { state, redraw: renderMessages, focusEditor: () => list.focusEditor(), reply: (m) => composer.setReply(m), retry: outbox.retry });
  const list = createMessageList({ state, conversations: store, userId: user.id, isAdministrator: ctx.isAdministrator, actions });
  const typing = createTypingIndicator({ selfId: user.id });
  const composer = createComposer(ctx, {
    state,
    lookups,
    conversation: () => (state.openId ? store.get(state.openId) : undefined),
    onSend: (local) => {
      state.messages.addPending(local);
      renderMessages({ scroll: "bottom" });
      outbox.send(local);
    },
    onRichSent: (message) => {
      state.messages.put(message);
      renderMessages({ scroll: "bottom" });
    },
  });
  const failures = FAILURES();
  const headerView = createThreadHeader(ctx, {
    header,
    labelsRow,
    lookups,
    onBack,
    onToggleContact: () => threadPane.parentElement?.classList.toggle("show-contact"),
    perform,
  });
  const collaboration = createCollaboration(ctx, {
    bar,
    threadPane,
    lookups,
    // Without the right to reply, the composer writes notes.
    onCapabilities: (/** @type {string[]} */ allowed) => {
      if (!allowed.includes("send_message") && !state.noteMode) composer.setMode(true);
    },
  });
  replaceChildren(threadPane, header, labelsRow, bar, list.element, typing.element, composer.richPanel, composer.element);

  /** @param {{force?: boolean}} [options] */
  function renderHeader({ force = false } = {}) {
    const c = state.openId ? store.get(state.openId) : undefined;
    if (c) headerView.render(c, { force });
  }

  /**
   * Post `action` on the open conversation (a resolve asks for the inbox's wrap-up first).
   * @type {import("../thread_header.js").Perform}
   */
  function perform(action, body) {
    const id = state.openId;
    const conversation = id ? store.get(id) : undefined;
    withWrapUp({ action, body, conversation, lookups }).then((sent) => sent && act(() => ctx.api.post(`conversations/${id}/${action}`, sent), /** @type {Record<string, string>} */ (failures)[action]));
  }

  /**
   * @param {() => Promise<unknown>} request
   * @param {string} failure what could not be done
   */
  async function act(request, failure) {
    const id = state.openId;
    try {
      await request();
      if (id) await refresh(id);
    } catch (error) {
      toast(interpolate(gettext("%(failure)s: %(reason)s"), { failure, reason: reason(error) }));
      renderHeader({ force: true });
    }
  }

  /** @param {number} id */
  async function refresh(id) {
    const data = await ctx.api.get(`conversations/${id}`);
    store.put(data.payload || data);
    if (id === state.openId) {
      renderHeader();
      collaboration.setCapabilities(data.capabilities);
    }
    onChange();
  }

  return { renderHeader, renderMessages, refresh, typing, collaboration, stopTyping: composer.stopTyping, perform };
}
