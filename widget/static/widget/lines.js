// @ts-check
// The lines OneChat writes into a conversation that a visitor sees
// (conversations/lines.py), in the visitor's language: one template per kind,
// `%(name)s` placeholders, read from the catalogue at each draw as the
// language may change while the page is open.
import { inReaderLanguage, lineText } from "../kit/lines.js";
import { gettext, interpolate } from "./i18n.js";

/** @typedef {import("../kit/wire.js").Message} Message */

/** @returns {Record<string, string>} each kind's template in the current language */
function templates() {
  return {
    "participant.joined": gettext("%(name)s joined the chat"),
    "assignee.joined": gettext("%(name)s joined the conversation"),
    "participant.left": gettext("%(name)s left the chat"),
    "chat.ended": gettext("%(name)s ended the chat"),
    "chat.ended.visitor": gettext("The visitor ended the chat"),
    "csat.rating": gettext("Rating: %(rating)s/5"),
    "csat.rating.feedback": gettext("Rating: %(rating)s/5\n%(feedback)s"),
    "call.requested.video": gettext("%(name)s started a video call"),
    "call.requested.voice": gettext("%(name)s started a voice call"),
    "call.accepted": gettext("%(name)s answered the call"),
    "call.rejected": gettext("%(name)s declined the call"),
    "call.connected": gettext("Call connected"),
    "call.ended": gettext("Call ended after %(duration)s"),
    "call.missed": gettext("Missed call"),
    "call.screen.started": gettext("%(name)s is sharing their screen"),
    "call.screen.ended": gettext("%(name)s stopped sharing their screen"),
    "call.requested.video.visitor": gettext("The visitor started a video call"),
    "call.requested.voice.visitor": gettext("The visitor started a voice call"),
    "call.accepted.visitor": gettext("The visitor answered the call"),
    "call.rejected.visitor": gettext("The visitor declined the call"),
    "call.screen.started.visitor": gettext("The visitor is sharing their screen"),
    "call.screen.ended.visitor": gettext("The visitor stopped sharing their screen"),
    "queue.timeout": gettext("Thanks for waiting. Everyone is still busy: you keep your place in line, and we will answer as soon as we can."),
  };
}

/**
 * An activity line's words in the visitor's language.
 * @param {Message} message
 * @returns {string}
 */
export function lineInLanguage(message) {
  return lineText(message, templates(), interpolate);
}

/**
 * The message to draw for the visitor: a line OneChat wrote in their language.
 * @param {Message} message
 * @returns {Message}
 */
export function forReader(message) {
  return inReaderLanguage(message, templates(), interpolate);
}
