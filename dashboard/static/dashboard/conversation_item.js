// @ts-check
// One conversation in the list: contact, time, last message, inbox, status,
// assignee and unread count; a plain link that the page opens in place.

import { plainText } from "../kit/markdown.js";
import { CONVERSATION_STATUS, MESSAGE_TYPE } from "../kit/wire.js";
import { priorityBadge } from "./conversation_priority.js";
import { avatar, formatTime, h, statusName } from "./dom.js";
import { forReader } from "./lines.js";
import { csatBadge, contentTypeName } from "./rich.js";
import { gettext, interpolate } from "./i18n.js";

/**
 * @typedef {object} ItemOptions
 * @property {string} base the account's dashboard path
 * @property {number} userId the signed-in agent
 * @property {{id: number, name: string}[]} inboxes
 * @property {boolean} online whether the contact is online
 * @property {boolean} active whether it is the open conversation
 * @property {(id: number) => void} onOpen a plain click: open it in place
 */

/**
 * @param {import("../kit/wire.js").Conversation} c
 * @param {ItemOptions} options
 * @returns {HTMLLIElement}
 */
export function conversationItem(c, { base, userId, inboxes, online, active, onOpen }) {
  const contact = (c.meta && c.meta.sender) || {};
  const last = (c.messages && c.messages[0]) || null;
  const inbox = inboxes.find((i) => i.id === c.inbox_id);
  const assignee = c.meta && c.meta.assignee;
  return h(
    "li",
    {},
    h(
      "a",
      {
        class: `conversation-item${active ? " active" : ""}${c.unread_count ? " unread" : ""}`,
        href: `${base}/conversations/${c.id}`,
        dataset: { conversationId: String(c.id) },
        "aria-current": active ? "true" : null,
        onclick: (/** @type {MouseEvent} */ event) => {
          if (event.metaKey || event.ctrlKey || event.shiftKey) return;
          event.preventDefault();
          onOpen(c.id);
        },
      },
      avatar(contact.name, online ? "online" : null),
      h(
        "span",
        { class: "item-body" },
        h("span", { class: "item-top" }, h("span", { class: "item-name" }, contact.name || gettext("Visitor")), h("time", { class: "item-time" }, formatTime(c.last_activity_at))),
        h("span", { class: "item-preview" }, last ? messagePreview(last, userId) : gettext("No messages yet")),
        h(
          "span",
          { class: "item-meta" },
          h("span", {}, `#${c.id}`),
          priorityBadge(c),
          last ? csatBadge(last) : null,
          inbox ? h("span", {}, inbox.name) : null,
          c.status !== CONVERSATION_STATUS.OPEN ? h("span", { class: `chip status-${c.status}` }, statusName(c.status)) : null,
          assignee ? h("span", { class: "assignee" }, assignee.available_name || assignee.name) : null,
        ),
      ),
      c.unread_count ? h("span", { class: "badge", "aria-label": interpolate(gettext("%(count)s unread"), { count: c.unread_count }) }, String(c.unread_count)) : null,
    ),
  );
}

/**
 * One line for the list: the message's text, gettext("Attachment"), or that it was deleted.
 * @param {import("../kit/wire.js").Message} message
 * @param {number} userId the signed-in agent
 * @returns {string}
 */
export function messagePreview(message, userId) {
  if (message.content_attributes && message.content_attributes.deleted) return gettext("This message was deleted");
  // A place or a contact card may come without text: name its kind.
  const kind = message.content_type || "text";
  const text = plainText(forReader(message)) || (kind !== "text" && kind !== "reaction" ? contentTypeName(kind) : "");
  const mine = message.message_type === MESSAGE_TYPE.OUTGOING && message.sender && message.sender.id === userId;
  if (text) return mine ? interpolate(gettext("You: %(text)s"), { text }) : text;
  return message.attachments && message.attachments.length ? gettext("Attachment") : "";
}
