// @ts-check
// Keyboard shortcuts of the conversations page. Plain keys act only when the
// agent is not typing in a field; Alt with a letter acts everywhere, as in
// Chatwoot. `?` shows the list (shortcut_help.js).

import { insertAtCaret } from "../kit/composer.js";
import { gettext, interpolate } from "./i18n.js";

/** @typedef {"next" | "previous" | "resolve" | "assign_to_me" | "focus_composer" | "canned_responses" | "help"} ShortcutAction */
/** @typedef {{key: string, code?: string, altKey?: boolean, ctrlKey?: boolean, metaKey?: boolean}} KeyPress */

/** @type {Record<string, ShortcutAction>} keys that act outside fields */
const PLAIN = { j: "next", k: "previous", r: "focus_composer", "/": "canned_responses", "?": "help" };
/** @type {Record<string, ShortcutAction>} letters that act with Alt, in fields too */
const ALT = { j: "next", k: "previous", e: "resolve", a: "assign_to_me", r: "focus_composer", c: "canned_responses" };

/**
 * The name of Alt with a letter, as the agent's keyboard names it.
 * @param {string} letter
 * @returns {string}
 */
function alt(letter) {
  return interpolate(gettext("Alt+%(key)s"), { key: letter });
}

/**
 * The shortcuts and what each does, for the help overlay.
 * @returns {[string[], string][]}
 */
export function shortcutList() {
  return [
    [["J", alt("J")], gettext("Next conversation")],
    [["K", alt("K")], gettext("Previous conversation")],
    [[alt("E")], gettext("Resolve the conversation")],
    [[alt("A")], gettext("Assign the conversation to me")],
    [["R", alt("R")], gettext("Write a reply")],
    [["/", alt("C")], gettext("Insert a canned response")],
    [["?"], gettext("Show the keyboard shortcuts")],
  ];
}

/**
 * What a key press does: an action, or null for none. `typing` says the
 * focus is in a field, where only Alt shortcuts act.
 * @param {KeyPress} press
 * @param {{typing: boolean}} where
 * @returns {ShortcutAction | null}
 */
export function shortcutAction(press, { typing }) {
  if (press.ctrlKey || press.metaKey) return null;
  if (press.altKey) {
    // Alt with a letter types another character on some layouts: read the key's place.
    const letter = press.code && /^Key[A-Z]$/.test(press.code) ? press.code.slice(3).toLowerCase() : press.key.toLowerCase();
    return ALT[letter] || null;
  }
  return typing ? null : PLAIN[press.key] || null;
}

/**
 * Whether `target` takes typed text (a field, a select, editable content).
 * @param {EventTarget | null} target
 * @returns {boolean}
 */
export function isTyping(target) {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !["button", "checkbox", "radio", "submit", "reset"].includes(target.type);
}

/**
 * The conversation `delta` places from `current` in `ids` (the first or
 * last when none is open); null past either end.
 * @param {number[]} ids the list's order
 * @param {number | null} current
 * @param {1 | -1} delta
 * @returns {number | null}
 */
export function neighbour(ids, current, delta) {
  const at = current === null ? -1 : ids.indexOf(current);
  const next = at === -1 ? (delta > 0 ? 0 : ids.length - 1) : at + delta;
  return next >= 0 && next < ids.length ? ids[next] : null;
}

/**
 * Focus the composer; with `slash`, type "/" at its start (the canned responses).
 * @param {{slash?: boolean}} [options]
 * @returns {boolean} whether there is a composer
 */
export function focusComposer({ slash = false } = {}) {
  const box = document.getElementById("composer-input");
  if (!(box instanceof HTMLTextAreaElement)) return false;
  box.focus();
  if (slash && !box.value.startsWith("/")) {
    box.setSelectionRange(0, 0);
    insertAtCaret(box, "/");
  }
  return true;
}

/**
 * Act on the page's key presses with `handlers`; returns a function that stops.
 * A modal dialog open (the wrap-up, the help) takes the keys itself.
 * @param {Partial<Record<ShortcutAction, () => void>>} handlers
 * @returns {() => void}
 */
export function installShortcuts(handlers) {
  /** @param {KeyboardEvent} event */
  function onKey(event) {
    if (event.defaultPrevented || event.repeat || document.querySelector("dialog[open]")) return;
    const action = shortcutAction(event, { typing: isTyping(event.target) });
    const handler = action && handlers[action];
    if (!handler) return;
    event.preventDefault();
    handler();
  }
  document.addEventListener("keydown", onKey);
  return () => document.removeEventListener("keydown", onKey);
}
