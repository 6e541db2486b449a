// @ts-check
// The composer: the text box (Enter sends, Shift+Enter breaks the line), the
// "is typing" signal, files checked against the server's policy before they
// go, the emoji picker, and the quote of the message being replied to.
import { addFormattingShortcuts, createEmojiPicker } from "../kit/composer.js";
import { quoteOf } from "../kit/replies.js";
import { createTypingSignal } from "../kit/typing.js";
import { gettext, interpolate } from "./i18n.js";
import { $, hideError, showError } from "./page.js";
import { senderName } from "./sending.js";

/** @typedef {import("../kit/wire.js").Message} Message */

/**
 * What is wrong with `file` under the server's attachment policy, or null.
 * @param {File} file
 * @param {import("../kit/wire.js").AttachmentRules} rules
 * @returns {string | null}
 */
export function fileProblem(file, rules) {
  const extension = (file.name.split(".").pop() || "").toLowerCase();
  if (!rules.extensions.includes(extension) || !rules.types.includes(file.type)) {
    return interpolate(gettext("%(name)s: this file type is not allowed."), { name: file.name });
  }
  if (file.size > rules.maxBytes) {
    return interpolate(gettext("%(name)s: the file is larger than the %(limit)s limit."), { name: file.name, limit: rules.maxSize });
  }
  return null;
}

/**
 * @typedef {object} ComposerParts
 * @property {import("./state.js").WidgetConfig} config
 * @property {import("./state.js").WidgetState} state
 * @property {(on: boolean) => Promise<unknown>} sendTyping
 * @property {(content: string, file: File | null, inReplyTo: number | null) => void} onSend
 * @property {() => void} onShareLocation
 */

/**
 * Wire the composer of the page.
 * @param {ComposerParts} parts
 */
export function createComposer({ config, state, sendTyping, onSend, onShareLocation }) {
  const input = /** @type {HTMLTextAreaElement} */ ($("input"));
  const form = /** @type {HTMLFormElement} */ ($("composer"));
  const files = /** @type {HTMLInputElement} */ ($("file"));
  const typing = createTypingSignal((on) => { sendTyping(on).catch(() => {}); });

  /**
   * Reply to `message`: its quote shows above the composer until sent or cancelled.
   * @param {Message | null} message
   */
  function setReply(message) {
    state.replyTo = message;
    $("reply-bar").hidden = !message;
    if (message) {
      const quote = quoteOf(message, senderName(message));
      $("reply-author").textContent = quote.senderName;
      $("reply-text").textContent = quote.deleted ? gettext("This message was deleted") : quote.content || gettext("Attachment");
    }
    input.focus();
  }

  /** Take the reply off the composer; returns the id it quoted. */
  function takeReply() {
    const id = state.replyTo?.id ?? null;
    if (id) setReply(null);
    return id;
  }

  function growInput() {
    input.style.height = "auto";
    input.style.height = `${Math.min(input.scrollHeight, 120)}px`;
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const content = input.value.trim();
    if (!content) return;
    input.value = "";
    growInput();
    hideError();
    onSend(content, null, takeReply());
  });
  addFormattingShortcuts(input);
  const emoji = createEmojiPicker(input, { id: "emoji", label: gettext("Insert emoji"), className: "icon-button" });
  $("attach").after(emoji.button);
  form.append(emoji.panel);
  $("reply-cancel").addEventListener("click", () => setReply(null));
  $("share-location").addEventListener("click", onShareLocation);
  input.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && state.replyTo) {
      // Escape first drops the reply, then (again) closes the chat.
      event.stopPropagation();
      setReply(null);
    } else if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  input.addEventListener("input", () => {
    growInput();
    if (!input.value.trim()) typing.stop();
    else if (state.conversation) typing.input();
  });
  files.accept = config.attachments.extensions.map((extension) => `.${extension}`).join(",");
  $("attach").addEventListener("click", () => files.click());
  files.addEventListener("change", () => {
    const file = files.files?.[0];
    files.value = "";
    if (!file) return;
    const problem = fileProblem(file, config.attachments);
    if (problem) {
      showError(problem);
      return;
    }
    hideError();
    onSend(input.value.trim(), file, takeReply());
    input.value = "";
  });

  return { setReply, takeReply, stopTyping: typing.stop };
}
