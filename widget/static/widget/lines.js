// @ts-check
// The lines OneChat writes into a conversation that a visitor sees
// (conversations/lines.py), in the visitor's language: the catalogue key of
// each kind (i18n.js, `{name}` placeholders).
import { inReaderLanguage, lineText } from "../kit/lines.js";
import { t } from "./i18n.js";

/** @typedef {import("../kit/wire.js").Message} Message */

/** @type {Record<string, string>} */
const KEYS = {
  "participant.joined": "lineJoined",
  "participant.left": "lineLeft",
  "chat.ended": "lineEnded",
  "chat.ended.visitor": "lineEndedVisitor",
  "csat.rating": "lineRating",
  "csat.rating.feedback": "lineRatingFeedback",
  "queue.timeout": "lineQueueTimeout",
};

/**
 * An activity line's words in the visitor's language.
 * @param {Message} message
 * @returns {string}
 */
export function lineInLanguage(message) {
  return lineText(message, KEYS, t);
}

/**
 * The message to draw for the visitor: a line OneChat wrote in their language.
 * @param {Message} message
 * @returns {Message}
 */
export function forReader(message) {
  return inReaderLanguage(message, KEYS, t);
}
