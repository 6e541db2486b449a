// @ts-check
// What surrounds a message's bubble: the quote of the message it replies to,
// the reaction chips under it, its delivery ticks, and the visitor's actions
// on it (Reply, React: on hover, on focus, or a long press on touch screens).

import { DELIVERY_TICKS, deliveryState } from "../kit/delivery.js";
import { h } from "../kit/dom.js";
import { createPopover } from "../kit/popover.js";
import { reactionChips } from "../kit/reactions.js";
import { replyQuote } from "../kit/replies.js";
import { MESSAGE_TYPE } from "../kit/wire.js";
import { gettext, interpolate } from "./i18n.js";

/** @typedef {import("../kit/wire.js").Message} Message */
/** @typedef {{senderType: string, senderId: number | null}} Reader */

/** The reactions offered (the contract allows any one emoji). */
export const REACTIONS = ["👍", "❤️", "😂", "😮", "😢", "🙏"];
const LONG_PRESS_MS = 500;
/** @type {Record<string, () => string>} a delivery status in the visitor's words */
const DELIVERY_WORDS = {
  sent: () => gettext("Sent"),
  delivered: () => gettext("Delivered"),
  read: () => gettext("Read"),
  failed: () => gettext("Not delivered"),
};

/**
 * The quote above a reply; a click shows the quoted message when it is held.
 * @param {Message} message
 * @param {(id: number) => void} show
 * @returns {HTMLElement | null}
 */
export function drawQuote(message, show) {
  const quote = replyQuote(message);
  if (!quote) return null;
  const element = document.createElement("button");
  element.type = "button";
  element.className = "message-quote";
  element.dir = "auto";
  const who = document.createElement("span");
  who.className = "message-quote-author";
  // The visitor's own words are theirs whatever name the contact has.
  who.textContent = quote.messageType === MESSAGE_TYPE.INCOMING ? gettext("You") : quote.senderName || gettext("Someone");
  const words = document.createElement("span");
  words.className = `message-quote-text${quote.deleted ? " message-deleted" : ""}`;
  words.textContent = quote.deleted ? gettext("This message was deleted") : quote.content || gettext("Attachment");
  // Read out as "In reply to Anna: …"; the visible words stay the name.
  const lead = document.createElement("span");
  lead.className = "visually-hidden";
  lead.textContent = gettext("In reply to");
  element.append(lead, " ", who, words);
  element.addEventListener("click", () => show(quote.id));
  return element;
}

/**
 * The chips under a message: each emoji and how many sent it; a click on the
 * reader's own chip takes the reaction back, on another's sends that emoji.
 * @param {Message} message
 * @param {Reader} reader
 * @param {(message: Message, emoji: string) => void} react
 * @returns {HTMLElement | null}
 */
export function drawReactions(message, reader, react) {
  const chips = reactionChips(message, reader);
  if (!chips.length) return null;
  const row = document.createElement("div");
  row.className = "message-reactions";
  row.setAttribute("role", "group");
  row.setAttribute("aria-label", gettext("Reactions"));
  for (const chip of chips) {
    const element = document.createElement("button");
    element.type = "button";
    element.className = `reaction-chip${chip.mine ? " reaction-mine" : ""}`;
    element.textContent = chip.count > 1 ? `${chip.emoji} ${chip.count}` : chip.emoji;
    element.setAttribute("aria-pressed", String(chip.mine));
    element.setAttribute(
      "aria-label",
      chip.mine ? interpolate(gettext("%(emoji)s %(count)s, remove your reaction"), { emoji: chip.emoji, count: chip.count }) : interpolate(gettext("%(emoji)s %(count)s, react with %(emoji)s"), { emoji: chip.emoji, count: chip.count }),
    );
    element.addEventListener("click", () => react(message, chip.mine ? "" : chip.emoji));
    row.append(element);
  }
  return row;
}

/**
 * The ticks of the visitor's own stored message: sent ✓, delivered ✓✓, read
 * ✓✓ (coloured), failed ⚠ with the reason written out.
 * @param {Message} message
 * @returns {HTMLElement | null}
 */
export function drawDelivery(message) {
  const { status, reason } = deliveryState(message);
  if (!status) return null;
  const ticks = DELIVERY_TICKS[/** @type {keyof typeof DELIVERY_TICKS} */ (status)];
  const label = DELIVERY_WORDS[status]();
  const failed = status === "failed";
  const words = failed && reason ? interpolate(gettext("Not delivered: %(reason)s"), { reason }) : label;
  return h(
    "span",
    { class: `message-delivery delivery-${status}`, title: words },
    h("span", { "aria-hidden": "true" }, ticks),
    h("span", { class: failed ? "delivery-reason" : "visually-hidden" }, words),
  );
}

/**
 * Reply and React for one message; the React button opens a small picker
 * (also opened by a long press on the bubble). Escape closes the picker and
 * gives focus back to its button.
 * @param {Message} message
 * @param {HTMLElement} bubble
 * @param {{onReply: (message: Message) => void, onReact: (message: Message, emoji: string) => void}} handlers
 * @returns {HTMLElement}
 */
export function drawActions(message, bubble, { onReply, onReact }) {
  const reply = h("button", {
    type: "button",
    class: "message-action message-reply",
    "aria-label": gettext("Reply"),
    title: gettext("Reply"),
    onclick: () => onReply(message),
  }, "↩");
  const react = h("button", {
    type: "button",
    class: "message-action message-react",
    "aria-label": gettext("React"),
    title: gettext("React"),
  }, "☺");
  const choices = REACTIONS.map((emoji) => h("button", {
    type: "button",
    class: "reaction-choice",
    "aria-label": interpolate(gettext("React with %(emoji)s"), { emoji }),
    onclick: () => {
      picker.setOpen(false);
      react.focus();
      onReact(message, emoji);
    },
  }, emoji));
  const panel = h("div", { class: "reaction-picker", role: "group", "aria-label": gettext("React") }, choices);
  const bar = h("div", { class: "message-actions" }, reply, react, panel);
  const picker = createPopover(react, panel, {
    onToggle: (open) => bar.classList.toggle("message-actions-open", open),
    closeOnFocusOut: true,
  });
  // A long press on the bubble opens the picker on touch screens.
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  bubble.addEventListener("pointerdown", (event) => {
    if (event.pointerType === "mouse") return;
    timer = setTimeout(() => picker.setOpen(true), LONG_PRESS_MS);
  });
  for (const name of ["pointerup", "pointercancel", "pointerleave"]) {
    bubble.addEventListener(name, () => clearTimeout(timer));
  }
  bubble.addEventListener("contextmenu", (event) => {
    if (picker.isOpen()) event.preventDefault();
  });
  return bar;
}
