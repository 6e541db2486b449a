// @ts-check
// Who else is typing in the open conversation: the contact and other agents,
// each until they stop, send, or go quiet for REMOTE_TYPING_TIMEOUT_MS.

import { h } from "../dom.js";
import { gettext, interpolate } from "../i18n.js";

export const REMOTE_TYPING_TIMEOUT_MS = 30_000;

/**
 * The person in a typing event: a contact, or an agent (`type: "user"`).
 * @typedef {{id?: number, type?: string, name?: string, available_name?: string}} Typist
 */

/**
 * @param {Typist} person
 * @returns {string}
 */
function typistKey(person) {
  return `${person.type || "contact"}:${person.id}`;
}

/**
 * @param {{selfId: number, timeoutMs?: number}} options `selfId` the agent reading, never shown
 * @returns {{element: HTMLElement, set: (on: boolean, person: Typist, note?: boolean) => void, heard: (person: Typist) => void, clear: () => void}}
 *   `set` takes a typing on/off event, `heard` a message from that person (who stopped typing)
 */
export function createTypingIndicator({ selfId, timeoutMs = REMOTE_TYPING_TIMEOUT_MS }) {
  const element = h("p", { class: "typing-indicator", "aria-live": "polite" });
  /** @type {Map<string, {name: string, note: boolean, timer: ReturnType<typeof setTimeout>}>} */
  const typists = new Map();

  function draw() {
    const parts = [...typists.values()].map((t) => (t.note ? interpolate(gettext("%(name)s is writing a note…"), t) : interpolate(gettext("%(name)s is typing…"), t)));
    element.textContent = parts.join(" ");
  }

  /** @param {string} key */
  function drop(key) {
    const held = typists.get(key);
    if (held) clearTimeout(held.timer);
    typists.delete(key);
  }

  /**
   * @param {boolean} on
   * @param {Typist} person
   * @param {boolean} [note] writing a private note
   */
  function set(on, person, note = false) {
    if (person.type === "user" && person.id === selfId) return;
    const key = typistKey(person);
    drop(key);
    if (on) {
      const timer = setTimeout(() => (typists.delete(key), draw()), timeoutMs);
      typists.set(key, { name: person.available_name || person.name || gettext("Visitor"), note: Boolean(note), timer });
    }
    draw();
  }

  /** @param {Typist} person */
  function heard(person) {
    drop(typistKey(person));
    draw();
  }

  function clear() {
    for (const key of [...typists.keys()]) drop(key);
    draw();
  }

  return { element, set, heard, clear };
}
