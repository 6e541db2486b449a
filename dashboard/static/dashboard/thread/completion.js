// @ts-check
// Completion in the composer: `/` at a word's start offers the account's
// canned responses, `@` in a private note the agents and teams to mention.
// Choosing one replaces what was typed from the trigger on.

import { completionAt } from "../../kit/canned.js";
import { createSuggestionList } from "../../kit/popover.js";
import { h } from "../dom.js";
import { gettext } from "../i18n.js";

/**
 * A kind of completion, keyed by its trigger.
 * @typedef {object} CompletionSource
 * @property {() => boolean} enabled whether it applies now (mentions: in a note)
 * @property {(query: string) => Promise<any[]>} find the choices for what was typed
 * @property {(item: any) => Node[]} draw an option's contents
 * @property {(item: any) => string} text what replaces the trigger and query
 * @property {(item: any) => void} [chosen] told after the text went in
 */

/**
 * Wire completion to `textarea`; call it before the composer's own keys.
 * @param {HTMLTextAreaElement} textarea
 * @param {Record<string, CompletionSource>} sources
 * @returns {{panel: HTMLElement, close: () => void}}
 */
export function createCompletion(textarea, sources) {
  const panel = h("div", { id: "composer-completion", class: "completion-list", "aria-label": gettext("Suggestions") });
  /** @type {any[]} */
  let items = [];
  /** @type {{trigger: string, query: string, start: number} | null} */
  let at = null;
  let asked = 0;
  let inserting = false;
  const list = createSuggestionList(textarea, panel, { onChoose: choose });

  async function refresh() {
    const triggers = Object.keys(sources).filter((key) => sources[key].enabled());
    const found = completionAt(textarea.value, textarea.selectionStart, triggers);
    const ticket = ++asked;
    if (!found) return list.close();
    const source = sources[found.trigger];
    const matches = await source.find(found.query).catch(() => []);
    // A later keystroke has asked again: its answer counts, not this one.
    if (ticket !== asked) return;
    at = found;
    items = matches;
    list.show(matches.map((item) => h("div", { class: "completion-option" }, source.draw(item))));
  }

  /** @param {number} index */
  function choose(index) {
    const item = items[index];
    if (!at || !item) return list.close();
    const source = sources[at.trigger];
    const text = source.text(item);
    const end = at.start + 1 + at.query.length;
    const after = textarea.value.slice(end);
    const spacer = after.startsWith(" ") ? "" : " ";
    textarea.value = textarea.value.slice(0, at.start) + text + spacer + after;
    const caret = at.start + text.length + spacer.length;
    textarea.setSelectionRange(caret, caret);
    list.close();
    at = null;
    source.chosen?.(item);
    // The composer hears the change; the text just chosen is not completed again.
    inserting = true;
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
    inserting = false;
  }

  textarea.addEventListener("input", () => inserting || refresh());
  textarea.addEventListener("click", () => list.isOpen() && refresh());
  return { panel, close: list.close };
}
