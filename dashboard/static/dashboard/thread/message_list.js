// @ts-check
// The thread's list of messages, redrawn from the thread's state on every
// event. A message's drawing is kept while neither its payload (the store
// holds a new object per version) nor how it is shown changed, so a redraw
// for another message keeps a recording or a video playing; focus stays on
// the same control of the same message.

import { isReaction } from "../../kit/reactions.js";
import { h, replaceChildren } from "../dom.js";
import { gettext } from "../i18n.js";
import { editForm } from "./edit_form.js";
import { messageView } from "./message_view.js";
import { seenByContact } from "./read_state.js";

/** @typedef {import("../../kit/wire.js").Message} Message */
/** @typedef {import("./state.js").ThreadState} ThreadState */
/** @typedef {import("./state.js").ConversationStore} ConversationStore */

/**
 * What the list asks of the thread.
 * @typedef {object} ListActions
 * @property {(m: Message) => void} retry
 * @property {(m: Message) => void} reply
 * @property {(m: Message, emoji: string) => void} react
 * @property {(m: Message) => void} startEdit
 * @property {(m: Message, content: string) => void} saveEdit
 * @property {() => void} cancelEdit
 * @property {(m: Message) => void} remove
 * @property {() => void} loadOlder
 */

const FOCUSABLE = "button, a[href], input, textarea, select, audio, video, [tabindex]";

/**
 * @param {{state: ThreadState, conversations: ConversationStore, userId: number, isAdministrator: boolean, actions: ListActions}} options
 * @returns {{element: HTMLElement, list: HTMLOListElement, update: (options?: {scroll?: "bottom"}) => void, jumpTo: (id: number) => boolean, focusEditor: () => void}}
 *   `element` scrolls, `list` holds the messages
 */
export function createMessageList({ state, conversations, userId, isAdministrator, actions }) {
  const list = h("ol", { class: "messages", "aria-label": gettext("Messages"), "aria-live": "polite" });
  const element = h("div", { class: "messages-scroll" }, list);
  /** @type {WeakMap<Message, {look: string, node: HTMLElement}>} */
  const drawn = new WeakMap();
  /** @type {{id: number | undefined, close: () => void} | null} the open reaction picker */
  let picking = null;

  /** @type {import("./message_view.js").MessageActions} */
  const messageActions = {
    ...actions,
    jumpTo,
    onReacting: (m, open, close) => {
      if (open) {
        if (picking && picking.id !== m.id) picking.close();
        picking = { id: m.id, close };
        state.reactingId = m.id ?? null;
      } else if (picking && picking.id === m.id) {
        picking = null;
        state.reactingId = null;
      }
    },
  };

  /** @param {{scroll?: "bottom"}} [options] */
  function update({ scroll } = {}) {
    const nearBottom = element.scrollHeight - element.scrollTop - element.clientHeight < 80;
    const conversation = state.openId ? conversations.get(state.openId) : undefined;
    // Reactions show as chips under their target, never as bubbles.
    const messages = state.messages.list().filter((m) => !isReaction(m));
    const focus = focusedPlace();
    replaceChildren(
      list,
      state.hasOlder ? h("li", { class: "older" }, h("button", { type: "button", class: "button small", onclick: actions.loadOlder }, gettext("Load earlier messages"))) : null,
      messages.map((m) => drawnMessage(m, seenByContact(m, conversation))),
    );
    if (focus) restoreFocus(focus);
    if (scroll === "bottom" || nearBottom) element.scrollTop = element.scrollHeight;
  }

  /**
   * @param {Message} m
   * @param {boolean} seen
   */
  function drawnMessage(m, seen) {
    const editing = state.editingId !== null && state.editingId === m.id;
    // Pending and failed are set on the optimistic copy in place.
    const look = [seen, editing, m.pending, m.failed].join();
    const held = drawn.get(m);
    if (held && held.look === look) return held.node;
    const editor = editing
      ? editForm({ draft: state.editDraft, onInput: (text) => (state.editDraft = text), onSave: (text) => actions.saveEdit(m, text), onCancel: actions.cancelEdit })
      : null;
    const reacting = state.reactingId !== null && state.reactingId === m.id;
    const node = messageView(m, { seen, editor, reacting, userId, isAdministrator }, messageActions);
    drawn.set(m, { look, node });
    return node;
  }

  /** Where focus is in the thread (a message and which of its controls), if there. */
  function focusedPlace() {
    const active = document.activeElement;
    const item = active && active.closest("[data-message-id]");
    if (!item || !list.contains(item)) return null;
    const controls = [item, ...item.querySelectorAll(FOCUSABLE)];
    return { id: item.getAttribute("data-message-id"), index: controls.indexOf(active) };
  }

  /**
   * Focus the same control of the same message after a redraw.
   * @param {{id: string | null, index: number}} place
   */
  function restoreFocus({ id, index }) {
    const item = list.querySelector(`[data-message-id="${id}"]`);
    if (!item) return;
    const control = [item, ...item.querySelectorAll(FOCUSABLE)][index];
    if (control instanceof HTMLElement) control.focus({ preventScroll: true });
  }

  /**
   * Show the message `id` if it is loaded: scroll to it and focus it.
   * @param {number} id
   * @returns {boolean} whether it was there
   */
  function jumpTo(id) {
    const item = list.querySelector(`[data-message-id="${id}"]`);
    if (!(item instanceof HTMLElement)) return false;
    item.scrollIntoView({ block: "center" });
    item.focus({ preventScroll: true });
    item.classList.add("highlight");
    item.addEventListener("animationend", () => item.classList.remove("highlight"), { once: true });
    return true;
  }

  function focusEditor() {
    const field = list.querySelector(".edit-form textarea");
    if (field instanceof HTMLTextAreaElement) field.focus();
  }

  return { element, list, update, jumpTo, focusEditor };
}
