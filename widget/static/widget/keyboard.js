// @ts-check
// The chat window is a dialog: Escape asks the host page to close it, and Tab
// keeps focus inside it until then.
import { $ } from "./page.js";

/** @returns {HTMLElement[]} what Tab may reach in the chat window */
function focusables() {
  /** @type {NodeListOf<HTMLButtonElement | HTMLInputElement | HTMLTextAreaElement | HTMLAnchorElement>} */
  const nodes = $("chat").querySelectorAll("button, input:not([tabindex='-1']), textarea, a[href]");
  return [...nodes].filter((node) => !("disabled" in node && node.disabled) && node.offsetParent !== null);
}

/** @param {() => void} close asks the host page to close the chat */
export function wireKeyboard(close) {
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      close();
    } else if (event.key === "Tab") {
      const nodes = focusables();
      if (!nodes.length) return;
      const first = nodes[0];
      const last = nodes[nodes.length - 1];
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
    }
  });
}
