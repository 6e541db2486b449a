// @ts-check
// The bar above the composer naming the message it replies to, with a button
// to stop replying.

import { MESSAGE_TYPE } from "../../kit/wire.js";
import { h, replaceChildren } from "../dom.js";
import { gettext, interpolate } from "../i18n.js";
import { contentTypeName } from "../rich.js";

/** @typedef {import("../../kit/wire.js").Message} Message */

/**
 * @param {{onCancel: () => void}} options `onCancel` hears the agent stop replying
 * @returns {{element: HTMLElement, show: (m: Message | null) => void}} `show(null)` hides the bar
 */
export function createReplyBar({ onCancel }) {
  const element = h("div", { class: "reply-bar", hidden: true });

  /** @param {Message | null} m */
  function show(m) {
    element.hidden = !m;
    if (!m) {
      replaceChildren(element);
      return;
    }
    const who = m.sender ? m.sender.available_name || m.sender.name : m.message_type === MESSAGE_TYPE.INCOMING ? gettext("Visitor") : "";
    const words = (m.content || "").slice(0, 200) || contentTypeName(m.content_type || "");
    replaceChildren(
      element,
      h("span", { class: "reply-bar-label small" }, interpolate(gettext("Replying to %(name)s"), { name: who })),
      h("span", { class: "reply-bar-text", dir: "auto" }, words),
      h("button", { type: "button", class: "link-button", "aria-label": gettext("Cancel the reply"), onclick: onCancel }, "✕"),
    );
  }

  return { element, show };
}
