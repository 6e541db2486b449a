// @ts-check
// What both composers offer beyond typing: Ctrl/Cmd+B bold, Ctrl/Cmd+I italic,
// Ctrl/Cmd+K link (the Markdown the server draws), and an emoji picker. Enter
// to send stays with each composer.

import { h } from "./dom.js";
import { EMOJI } from "./emoji.js";
import { createPopover } from "./popover.js";

/** @type {Record<string, [string, string]>} */
const WRAPS = { b: ["**", "**"], i: ["_", "_"] };

/**
 * Add the formatting shortcuts to a composer's textarea.
 * @param {HTMLTextAreaElement} textarea
 */
export function addFormattingShortcuts(textarea) {
  textarea.addEventListener("keydown", (event) => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
    const key = event.key.toLowerCase();
    if (WRAPS[key]) {
      event.preventDefault();
      wrapSelection(textarea, ...WRAPS[key]);
    } else if (key === "k") {
      event.preventDefault();
      insertLink(textarea);
    }
  });
}

/**
 * Wrap the selection (or the caret) in `before` and `after`, keeping it selected.
 * @param {HTMLTextAreaElement} textarea
 * @param {string} before
 * @param {string} after
 */
export function wrapSelection(textarea, before, after) {
  const { selectionStart: start, selectionEnd: end, value } = textarea;
  const selected = value.slice(start, end);
  replaceRange(textarea, start, end, `${before}${selected}${after}`);
  textarea.setSelectionRange(start + before.length, start + before.length + selected.length);
}

/** @param {HTMLTextAreaElement} textarea */
function insertLink(textarea) {
  const { selectionStart: start, selectionEnd: end, value } = textarea;
  const text = value.slice(start, end);
  const url = "https://";
  replaceRange(textarea, start, end, `[${text}](${url})`);
  // The URL is selected, ready to be typed over.
  const urlStart = start + text.length + 3;
  textarea.setSelectionRange(urlStart, urlStart + url.length);
}

/**
 * Put `text` where the caret is, replacing any selection.
 * @param {HTMLTextAreaElement} textarea
 * @param {string} text
 */
export function insertAtCaret(textarea, text) {
  const { selectionStart: start, selectionEnd: end } = textarea;
  replaceRange(textarea, start, end, text);
  textarea.setSelectionRange(start + text.length, start + text.length);
}

/**
 * @param {HTMLTextAreaElement} textarea
 * @param {number} start
 * @param {number} end
 * @param {string} text
 */
function replaceRange(textarea, start, end, text) {
  textarea.focus();
  textarea.setRangeText(text, start, end, "end");
  // Composers listen to input (typing indicators, autosize).
  textarea.dispatchEvent(new Event("input", { bubbles: true }));
}

/**
 * An emoji button and its panel for `textarea`: `{ button, panel }` to place in
 * the composer. `label` names the button; `id` names the button and, with
 * "-panel", the panel.
 * @param {HTMLTextAreaElement} textarea
 * @param {{label: string, id?: string, className?: string}} options
 */
export function createEmojiPicker(textarea, { label, id = "emoji", className = "" }) {
  const button = h("button", { id, type: "button", class: `emoji-button ${className}`.trim(), "aria-label": label }, "😊");
  const panel = h("div", { class: "emoji-panel", id: `${id}-panel`, role: "group", "aria-label": label });
  const popover = createPopover(button, panel);
  for (const emoji of EMOJI) {
    const onclick = () => {
      insertAtCaret(textarea, emoji);
      popover.setOpen(false);
    };
    panel.append(h("button", { type: "button", class: "emoji-choice", onclick }, emoji));
  }
  return { button, panel };
}
