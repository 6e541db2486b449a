// @ts-check
// Replies: the quote the server adds to a reply (`content_attributes.reply_to`)
// and the one a composer shows while a reply is being written.

import { attributesOf, text } from "./rich.js";

/** @typedef {import("./wire.js").Message} Message */

/**
 * @typedef {object} ReplyQuote
 * @property {number} id the quoted message
 * @property {string} content plain text, "" once deleted
 * @property {string} senderName
 * @property {boolean} deleted
 * @property {number | null} messageType
 */

/**
 * The message `message` replies to, as the server quoted it
 * (`content_attributes.reply_to`), or null.
 * @param {Message} message
 * @returns {ReplyQuote | null}
 */
export function replyQuote(message) {
  const quoted = attributesOf(message).reply_to;
  if (!quoted || typeof quoted !== "object" || !Number.isInteger(quoted.id)) return null;
  return {
    id: quoted.id,
    content: quoted.deleted ? "" : text(quoted.content),
    senderName: text(quoted.sender_name),
    deleted: quoted.deleted === true,
    messageType: Number.isInteger(quoted.message_type) ? quoted.message_type : null,
  };
}

/**
 * A quote of a message held by the page, for a composer about to reply to it
 * (the server builds the real one when the reply is stored).
 * @param {Message} message
 * @param {string} senderName
 * @param {number} [limit] characters of content kept
 * @returns {ReplyQuote}
 */
export function quoteOf(message, senderName, limit = 200) {
  const deleted = attributesOf(message).deleted === true;
  const content = deleted ? "" : text(message.content).replace(/\s+/g, " ").trim();
  return {
    id: Number(message.id),
    content: content.length > limit ? `${content.slice(0, limit - 1)}…` : content,
    senderName,
    deleted,
    messageType: message.message_type,
  };
}
