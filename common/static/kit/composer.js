// @ts-check
// What both composers offer beyond typing: Ctrl/Cmd+B bold, Ctrl/Cmd+I italic,
// Ctrl/Cmd+K link (the Markdown the server draws), and an emoji picker. Enter
// to send stays with each composer.

import { EMOJI } from "./emoji.js";

const WRAPS = { b: ["**", "**"], i: ["_", "_"] };

/** Add the formatting shortcuts to a composer's textarea. */
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

/** Wrap the selection (or the caret) in `before` and `after`, keeping it selected. */
export function wrapSelection(textarea, before, after) {
  const { selectionStart: start, selectionEnd: end, value } = textarea;
  const selected = value.slice(start, end);
  replaceRange(textarea, start, end, `${before}${selected}${after}`);
  textarea.setSelectionRange(start + before.length, start + before.length + selected.length);
}

function insertLink(textarea) {
  const { selectionStart: start, selectionEnd: end, value } = textarea;
  const text = value.slice(start, end);
  const url = "https://";
  replaceRange(textarea, start, end, `[${text}](${url})`);
  // The URL is selected, ready to be typed over.
  const urlStart = start + text.length + 3;
  textarea.setSelectionRange(urlStart, urlStart + url.length);
}

/** Put `text` where the caret is, replacing any selection. */
export function insertAtCaret(textarea, text) {
  const { selectionStart: start, selectionEnd: end } = textarea;
  replaceRange(textarea, start, end, text);
  textarea.setSelectionRange(start + text.length, start + text.length);
}

function replaceRange(textarea, start, end, text) {
  textarea.focus();
  textarea.setRangeText(text, start, end, "end");
  // Composers listen to input (typing indicators, autosize).
  textarea.dispatchEvent(new Event("input", { bubbles: true }));
}

/**
 * An emoji button and its panel for `textarea`: `{ button, panel }` to place in
 * the composer. `label` names the button; Escape closes the panel; `id` names
 * the button and, with "-panel", the panel.
 */
export function createEmojiPicker(textarea, { label, id = "emoji", className = "" }) {
  const button = document.createElement("button");
  button.id = id;
  button.type = "button";
  button.className = `emoji-button ${className}`.trim();
  button.setAttribute("aria-label", label);
  button.setAttribute("aria-expanded", "false");
  button.textContent = "😊";
  const panel = document.createElement("div");
  panel.className = "emoji-panel";
  panel.id = `${id}-panel`;
  button.setAttribute("aria-controls", panel.id);
  panel.setAttribute("role", "group");
  panel.setAttribute("aria-label", label);
  panel.hidden = true;
  for (const emoji of EMOJI) {
    const choice = document.createElement("button");
    choice.type = "button";
    choice.className = "emoji-choice";
    choice.textContent = emoji;
    choice.addEventListener("click", () => {
      insertAtCaret(textarea, emoji);
      setOpen(false);
    });
    panel.append(choice);
  }
  function setOpen(open) {
    panel.hidden = !open;
    button.setAttribute("aria-expanded", String(open));
    if (open) panel.querySelector("button").focus();
  }
  button.addEventListener("click", () => setOpen(panel.hidden));
  panel.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      // Closes the panel only, not the chat or dialog around it.
      event.stopPropagation();
      setOpen(false);
      button.focus();
    }
  });
  return { button, panel };
}
