// @ts-check
// The open conversation: header actions, the message thread, the composer and
// the contact panel beside it. This module opens and closes conversations and
// takes the page's events; thread/ holds the pieces that draw them.

import { listOf, query } from "../kit/http.js";
import { EVENT, MESSAGE_TYPE } from "../kit/wire.js";
import { createContactPanel } from "./contact_panel.js";
import { CONVERSATION_OPENED } from "./context.js";
import { h, replaceChildren, toast } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";
import { takePage } from "./thread/message_actions.js";
import { createReadState } from "./thread/read_state.js";
import { createThreadState, openIn, reason } from "./thread/state.js";
import { createThreadView } from "./thread/view.js";

/** @typedef {import("../kit/wire.js").Message} Message */
/** @typedef {import("../kit/wire.js").Conversation} Conversation */
/** @typedef {import("./thread/state.js").ThreadContext} ThreadContext */
/** @typedef {import("./thread/state.js").Lookups} Lookups */
/** @typedef {import("./thread/view.js").ThreadView} ThreadView */

/**
 * The contact pane as the thread uses it (contact_panel.js).
 * @typedef {object} ContactPanel
 * @property {(contactId: number, options: {conversationId: number}) => void} show
 * @property {() => void} clear
 * @property {(contact: unknown) => void} update
 * @property {() => void} render
 */

/**
 * The conversation pane and the contact pane beside it. `onChange` hears
 * that the list should redraw (a conversation read or changed).
 * @param {ThreadContext} ctx
 * @param {{threadPane: HTMLElement, contactPane: HTMLElement, store: import("../kit/store.js").ConversationStore, lookups: Lookups, onBack: () => void, onChange: () => void}} options
 */
export function createThread(ctx, { threadPane, contactPane, store, lookups, onBack, onChange }) {
  const panel = createContactPanel(ctx, contactPane, {
    onClose: () => contactPane.parentElement?.classList.remove("show-contact"),
  });
  const contactPanel = /** @type {ContactPanel} */ (/** @type {unknown} */ (panel));
  const state = createThreadState();
  const read = createReadState(ctx, { state, store, onChange });
  /** @type {ThreadView | null} the open conversation's pane */
  let view = null;

  /** @param {number} id the conversation to show (again) */
  async function open(id) {
    if (state.openId !== id || !view) {
      view?.stopTyping();
      openIn(state, id);
      view = createThreadView(ctx, { state, store, lookups, threadPane, onBack, onChange });
      replaceChildren(contactPane, h("p", { class: "muted pad" }, gettext("Loading contact…")));
    }
    const shown = view;
    try {
      const [conversation, page] = await Promise.all([ctx.api.get(`conversations/${id}`), ctx.api.get(`conversations/${id}/messages`)]);
      if (id !== state.openId) return;
      store.put(conversation.payload || conversation);
      takePage(state, page);
      shown.renderHeader();
      shown.collaboration.show(id, conversation.capabilities);
      shown.renderMessages({ scroll: "bottom" });
      const current = store.get(id);
      if (current && current.meta && current.meta.sender) contactPanel.show(current.meta.sender.id, { conversationId: id });
      read.markSeen();
      ctx.emit(CONVERSATION_OPENED, { id });
      onChange();
    } catch (error) {
      if (id !== state.openId) return;
      replaceChildren(threadPane, h("p", { class: "empty pad" }, interpolate(gettext("Could not open conversation #%(id)s: %(reason)s"), { id, reason: reason(error) })));
    }
  }

  function close() {
    view?.stopTyping();
    view?.collaboration.close();
    state.openId = null;
    view = null;
    delete threadPane.dataset.can;
    replaceChildren(threadPane, h("div", { class: "empty-thread" }, h("p", { class: "muted" }, gettext("Pick a conversation to read and reply."))));
    contactPanel.clear();
  }

  /** @param {Message} message a message.created or message.updated payload */
  function receiveMessage(message) {
    if (!view || message.conversation_id !== state.openId) return;
    state.messages.put(message);
    view.renderMessages();
    if (message.message_type === MESSAGE_TYPE.INCOMING) {
      if (message.sender) view.typing.heard(message.sender);
      read.markSeen();
    }
  }

  /**
   * A typing on/off event of the contact or another agent.
   * @param {boolean} on
   * @param {{conversation?: {id?: number}, user?: import("./thread/typing_indicator.js").Typist, is_private?: boolean}} data
   */
  function typing(on, data) {
    const conversation = data.conversation || {};
    if (view && conversation.id === state.openId) view.typing.set(on, data.user || {}, data.is_private);
  }

  /** After a reconnection: the messages and state missed meanwhile. */
  async function catchUp() {
    const id = state.openId;
    if (!id || !view) return;
    const shown = view;
    try {
      const data = await ctx.api.get(`conversations/${id}/messages${query({ after: state.messages.lastId() })}`);
      if (id !== state.openId) return;
      listOf(data).forEach((m) => state.messages.put(m));
      await shown.refresh(id);
      shown.renderMessages();
      read.markSeen();
    } catch (error) {
      toast(interpolate(gettext("Could not refresh the conversation: %(reason)s"), { reason: reason(error) }));
    }
  }

  /** @param {Conversation | undefined} conversation its payload, as the store now holds it */
  function conversationChanged(conversation) {
    if (!view || !conversation || conversation.id !== state.openId) return;
    view.renderHeader();
    view.renderMessages();
  }

  ctx.on((name, data) => {
    if (name === EVENT.CONTACT_UPDATED) contactPanel.update(data);
    const here = Boolean(view) && data && data.conversation_id === state.openId;
    if ((name === EVENT.PARTICIPANT_JOINED || name === EVENT.PARTICIPANT_LEFT) && here) view?.collaboration.refresh();
    const mine = data && data.account_id === ctx.config.account.id;
    if (name === EVENT.CAPABILITIES_CHANGED && mine && here) view?.collaboration.setCapabilities(data.capabilities);
  });

  return {
    open,
    close,
    receiveMessage,
    typing,
    catchUp,
    conversationChanged,
    lookupsChanged: () => view?.renderHeader(),
    perform: (/** @type {string} */ action, /** @type {Record<string, unknown>} */ body) => view?.perform(action, body),
    presenceChanged: () => (view?.renderHeader(), contactPanel.render()),
  };
}
