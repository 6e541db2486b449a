// @ts-check
// The composer: Reply or Private note, the reply bar, the text (Enter sends,
// Shift+Enter starts a new line), emoji, files and the rich editors; `/`
// completes canned responses, `@` in a note mentions. While the agent writes,
// the conversation hears that they are typing.

import { addFormattingShortcuts, createEmojiPicker } from "../../kit/composer.js";
import { createTypingSignal } from "../../kit/typing.js";
import { arrowKeysBetweenTabs, h } from "../dom.js";
import { gettext } from "../i18n.js";
import { createRichComposer } from "../rich_composer.js";
import { createAttachmentPicker } from "./attachments.js";
import { createCompletion } from "./completion.js";
import { pendingMessage } from "./outbox.js";
import { createReplyBar } from "./reply_bar.js";
import { cannedSource, mentionSource } from "./suggestions.js";

/** @typedef {import("../../kit/wire.js").Message} Message */
/** @typedef {import("./state.js").ThreadState} ThreadState */
/** @typedef {import("./state.js").ThreadContext} ThreadContext */
/** @typedef {import("./state.js").Lookups} Lookups */
/** @typedef {import("../../kit/wire.js").Conversation} Conversation */

export const TYPING_IDLE_MS = 3000;

const PLACEHOLDER = {
  reply: () => gettext("Write a reply… (Enter sends, Shift+Enter for a new line)"),
  note: () => gettext("Write a private note, only agents see it… (Enter sends)"),
};

/**
 * @param {ThreadContext} ctx
 * @param {{state: ThreadState, onSend: (local: Message) => void, onRichSent: (message: Message) => void, lookups?: Lookups, conversation?: () => Conversation | undefined}} options
 *   `onSend` gets the pending copy of what was written; `onRichSent` a rich message the server stored;
 *   `lookups` and `conversation` (the open one) fill canned responses and offer mentions
 * @returns {{element: HTMLFormElement, richPanel: HTMLElement, textarea: HTMLTextAreaElement, setMode: (note: boolean) => void, setReply: (m: Message | null) => void, stopTyping: () => void}}
 */
export function createComposer(ctx, { state, onSend, onRichSent, lookups = {}, conversation = () => undefined }) {
  const typing = createTypingSignal((on) => {
    if (!state.openId) return;
    const body = { typing_status: on ? "on" : "off", is_private: state.noteMode };
    ctx.api.post(`conversations/${state.openId}/toggle_typing_status`, body).catch(() => {});
  }, TYPING_IDLE_MS);
  const textarea = h("textarea", { id: "composer-input", rows: 3, placeholder: PLACEHOLDER.reply(), "aria-label": gettext("Reply") });
  const files = createAttachmentPicker();
  // Before the composer's keys: a choice takes Enter before it sends.
  const completion = createCompletion(textarea, {
    "/": cannedSource(ctx, { conversation, lookups, addFiles: files.add }),
    "@": mentionSource(ctx, { state, conversation, lookups }),
  });
  textarea.addEventListener("keydown", onKey);
  textarea.addEventListener("input", () => {
    if (textarea.value) typing.input();
  });
  addFormattingShortcuts(textarea);
  const emoji = createEmojiPicker(textarea, { label: gettext("Insert emoji"), className: "button small" });
  const replyBar = createReplyBar({ onCancel: () => (setReply(null), textarea.focus()) });
  const rich = createRichComposer(ctx.api, {
    conversationId: () => state.openId,
    inReplyTo: () => (state.replyTarget && state.replyTarget.id) || null,
    onSent: (message) => {
      setReply(null);
      onRichSent(message);
    },
    // The editor has its own Send: the text composer makes room for it.
    onToggle: (open) => element.classList.toggle("rich-open", open),
  });
  const replyTab = h("button", { type: "button", role: "tab", class: "tab", "aria-selected": "true", "data-capability": "send_message", onclick: () => setMode(false) }, gettext("Reply"));
  const noteTab = h("button", { type: "button", role: "tab", class: "tab", "aria-selected": "false", tabindex: "-1", onclick: () => setMode(true) }, gettext("Private note"));
  const modeTabs = h("div", { class: "tabs small", role: "tablist", "aria-label": gettext("Message kind") }, replyTab, noteTab);
  arrowKeysBetweenTabs(modeTabs);
  const element = h(
    "form",
    { class: "composer", onsubmit: (/** @type {Event} */ event) => (event.preventDefault(), send()) },
    modeTabs,
    replyBar.element,
    completion.panel,
    textarea,
    emoji.panel,
    h("div", { class: "composer-actions" }, files.input, files.button, emoji.button, rich.button, files.names, h("button", { type: "submit", class: "button primary" }, gettext("Send"))),
  );

  /** @param {KeyboardEvent} event */
  function onKey(event) {
    if (event.key === "Escape" && state.replyTarget) {
      event.preventDefault();
      setReply(null);
    } else if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      send();
    }
  }

  function send() {
    const content = textarea.value;
    const picked = files.files();
    if (!content.trim() && !picked.length) return;
    if (!state.openId) return;
    const local = pendingMessage({ content, files: picked, note: state.noteMode, target: state.replyTarget, user: ctx.config.user, conversationId: state.openId });
    textarea.value = "";
    files.clear();
    setReply(null);
    typing.stop();
    onSend(local);
  }

  /** @param {Message | null} m the message to reply to, null to stop replying */
  function setReply(m) {
    state.replyTarget = m;
    replyBar.show(m);
    if (m) textarea.focus();
  }

  /** @param {boolean} note whether the composer writes private notes */
  function setMode(note) {
    // Said off while the mode it was said in still holds.
    if (state.noteMode !== note) typing.stop();
    state.noteMode = note;
    completion.close();
    replyTab.setAttribute("aria-selected", String(!note));
    noteTab.setAttribute("aria-selected", String(note));
    replyTab.tabIndex = note ? -1 : 0;
    noteTab.tabIndex = note ? 0 : -1;
    element.classList.toggle("note-mode", note);
    textarea.setAttribute("aria-label", note ? gettext("Private note") : gettext("Reply"));
    textarea.placeholder = note ? PLACEHOLDER.note() : PLACEHOLDER.reply();
    textarea.focus();
  }

  return { element, richPanel: rich.panel, textarea, setMode, setReply, stopTyping: typing.stop };
}
