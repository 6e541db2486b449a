// @ts-check
// The reactions offered on a message: a row of emoji that the message's React
// button opens. Escape closes it and gives focus back to that button.

import { EMOJI } from "../../kit/emoji.js";
import { createPopover } from "../../kit/popover.js";
import { h } from "../dom.js";
import { gettext } from "../i18n.js";

/** The first of the composer's emoji rows. */
export const REACTIONS = ["👍", "❤️", "😂", "😮", "😢", "🙏", "🎉", "✅"].filter((emoji) => EMOJI.includes(emoji));

/**
 * Wire `button` to a reaction picker; the picker is built at its first
 * opening (a thread holds many messages, few get a reaction).
 * @param {HTMLButtonElement} button the message's React button
 * @param {{place: (panel: HTMLElement) => void, onPick: (emoji: string) => void, onToggle?: (open: boolean) => void}} options
 *   `place` puts the panel in the message
 * @returns {{setOpen: (open: boolean) => void, isOpen: () => boolean}}
 */
export function createReactionPicker(button, { place, onPick, onToggle }) {
  /** @type {{setOpen: (open: boolean) => void, isOpen: () => boolean} | null} */
  let popover = null;
  button.setAttribute("aria-expanded", "false");

  function build() {
    const panel = h("div", { class: "reaction-picker", role: "group", "aria-label": gettext("Pick a reaction") });
    for (const emoji of REACTIONS) {
      const onclick = () => {
        setOpen(false);
        button.focus();
        onPick(emoji);
      };
      panel.append(h("button", { type: "button", class: "emoji-choice", onclick }, emoji));
    }
    place(panel);
    // From now on the popover's own click listener opens and closes it.
    button.removeEventListener("click", firstClick);
    return createPopover(button, panel, { onToggle });
  }

  /** @param {boolean} open */
  function setOpen(open) {
    if (!popover && !open) return;
    popover = popover || build();
    popover.setOpen(open);
  }

  function firstClick() {
    setOpen(true);
  }
  button.addEventListener("click", firstClick);

  return { setOpen, isOpen: () => Boolean(popover && popover.isOpen()) };
}
