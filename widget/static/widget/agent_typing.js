// @ts-check
// "Anna is typing…" under the thread while an agent writes; it goes when their
// message arrives, when they stop, or after a while if the "off" was lost.
import { gettext, interpolate } from "./i18n.js";

const AGENT_TYPING_MAX_MS = 30000;

/**
 * The agent's typing line.
 * @param {HTMLElement} line where the words go
 * @param {() => void} scrollToEnd keeps the line in sight
 * @returns {{show: (user: import("../kit/wire.js").Sender) => void, hide: () => void}}
 */
export function createAgentTyping(line, scrollToEnd) {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  function hide() {
    clearTimeout(timer);
    line.hidden = true;
    line.textContent = "";
  }
  /** @param {import("../kit/wire.js").Sender} user */
  function show(user) {
    const name = user.available_name || user.name || gettext("Someone");
    line.textContent = interpolate(gettext("%(name)s is typing…"), { name });
    line.hidden = false;
    scrollToEnd();
    clearTimeout(timer);
    timer = setTimeout(hide, AGENT_TYPING_MAX_MS);
  }
  return { show, hide };
}
