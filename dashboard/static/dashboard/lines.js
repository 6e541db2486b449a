// @ts-check
// The lines OneChat writes into conversations (conversations/lines.py), in
// the agent's language: one template per kind, `%(name)s` placeholders.
import { inReaderLanguage, lineText } from "../kit/lines.js";
import { gettext, interpolate } from "./i18n.js";

/** @typedef {import("../kit/wire.js").Message} Message */

/** @type {Record<string, string>} */
const TEMPLATES = {
  "status.open": gettext("Conversation was reopened"),
  "status.open.by": gettext("Conversation was reopened by %(actor)s"),
  "status.resolved": gettext("Conversation was marked resolved"),
  "status.resolved.by": gettext("Conversation was marked resolved by %(actor)s"),
  "status.pending": gettext("Conversation was marked pending"),
  "status.pending.by": gettext("Conversation was marked pending by %(actor)s"),
  "status.snoozed": gettext("Conversation was snoozed"),
  "status.snoozed.by": gettext("Conversation was snoozed by %(actor)s"),
  "conversation.muted": gettext("Conversation was muted"),
  "conversation.muted.by": gettext("%(actor)s has muted the conversation"),
  "conversation.unmuted": gettext("Conversation was unmuted"),
  "conversation.unmuted.by": gettext("%(actor)s has unmuted the conversation"),
  "chat.ended": gettext("%(name)s ended the chat"),
  "chat.ended.visitor": gettext("The visitor ended the chat"),
  "assignee.unassigned": gettext("Conversation was unassigned"),
  "assignee.unassigned.by": gettext("Conversation was unassigned by %(actor)s"),
  "assignee.self": gettext("%(assignee)s self-assigned this conversation"),
  "assignee.assigned": gettext("Assigned to %(assignee)s"),
  "assignee.assigned.by": gettext("Assigned to %(assignee)s by %(actor)s"),
  "assignee.joined": gettext("%(name)s joined the conversation"),
  "assignee.no_reply": gettext("%(name)s did not reply within %(minutes)s min"),
  "team.assigned": gettext("Assigned to team %(team)s"),
  "team.assigned.by": gettext("Assigned to team %(team)s by %(actor)s"),
  "team.removed": gettext("Removed from team"),
  "team.removed.by": gettext("Removed from team by %(actor)s"),
  "participant.joined": gettext("%(name)s joined the chat"),
  "participant.left": gettext("%(name)s left the chat"),
  "participant.consulting": gettext("%(name)s was asked to consult"),
  "participant.consulting.by": gettext("%(name)s was asked to consult by %(actor)s"),
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

/**
 * The message's words in the agent's language: a line OneChat wrote drawn
 * from the catalogue, any other message's content as it is.
 * @param {Message} message
 * @returns {string}
 */
export function lineInLanguage(message) {
  return lineText(message, TEMPLATES, interpolate);
}

/**
 * The message to draw for the agent: a line OneChat wrote in their language.
 * @param {Message} message
 * @returns {Message}
 */
export function forReader(message) {
  return inReaderLanguage(message, TEMPLATES, interpolate);
}
