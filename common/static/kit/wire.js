// @ts-check
// OneChat's wire as the dashboard and the widget read it: the shapes of REST
// and /cable payloads (one serializer serves both) and their named values.

/**
 * @typedef {object} Sender
 * @property {number} id
 * @property {string} [name]
 * @property {string} [available_name]
 * @property {"user" | "contact" | "agent_bot" | string} [type]
 */

/**
 * @typedef {object} Attachment
 * @property {number} id
 * @property {"image" | "audio" | "video" | "file" | string} file_type
 * @property {string} [extension]
 * @property {string} data_url
 * @property {string} thumb_url
 * @property {number} [file_size]
 * @property {string | null} [fallback_title]
 * @property {string} [file_name] the name the file was uploaded with
 */

/**
 * A message; `id` is absent on a message not yet stored (held by `echo_id`).
 * The fields after `echo_id` belong to the page, never to the wire.
 * @typedef {object} Message
 * @property {number} [id]
 * @property {number} [conversation_id]
 * @property {string | null} [content]
 * @property {string | null} [processed_message_content] the server's drawn Markdown
 * @property {number} message_type one of MESSAGE_TYPE
 * @property {number} [created_at] epoch seconds
 * @property {string} [updated_at] ISO 8601
 * @property {number | null} [seen_at] epoch seconds the other side read it, null before
 * @property {boolean} [private]
 * @property {string} [content_type]
 * @property {Record<string, any>} [content_attributes]
 * @property {"User" | "Contact" | "AgentBot" | null} [sender_type]
 * @property {Sender} [sender]
 * @property {Attachment[]} [attachments]
 * @property {string} [echo_id]
 * @property {"sending" | "failed"} [state]
 * @property {boolean} [pending]
 * @property {boolean} [failed]
 * @property {File[]} [files]
 * @property {File | null} [file]
 * @property {number} [conversationId]
 */

/**
 * A conversation; `id` is the display id, times are epoch seconds and
 * `updated_at` a float, so a later change always compares greater.
 * @typedef {object} Conversation
 * @property {number} id
 * @property {number} inbox_id
 * @property {string} status one of CONVERSATION_STATUS
 * @property {number} updated_at
 * @property {number} last_activity_at
 * @property {number} [timestamp]
 * @property {number} created_at
 * @property {number} [unread_count]
 * @property {number} [agent_last_seen_at]
 * @property {number} [contact_last_seen_at]
 * @property {number | null} [snoozed_until]
 * @property {boolean} [muted] the contact's new messages neither reopen it nor notify
 * @property {Message[]} [messages] the last visible message, if any
 * @property {Record<string, any>} [meta]
 * @property {string[]} [labels]
 * @property {string | null} [priority] low, medium, high, urgent or none
 * @property {number | null} [waiting_since] since when the contact waits for a reply
 */

/**
 * An event frame on /cable; `seq` grows with publication order.
 * @typedef {object} CableFrame
 * @property {string} event
 * @property {any} data
 * @property {number} [seq]
 */

/**
 * The RoomChannel identifier: an agent's (with account and user) or a contact
 * session's (token only).
 * @typedef {object} RoomIdentifier
 * @property {string} pubsub_token
 * @property {number} [account_id]
 * @property {number} [user_id]
 */

/**
 * The server's attachment policy as a page receives it (`attachment_rules()`
 * in widget/serializers.py): a client checks a file with these before
 * uploading; the server checks again.
 * @typedef {object} AttachmentRules
 * @property {number} maxBytes
 * @property {string} maxSize the limit as people read it ("10 MB")
 * @property {string[]} extensions lower case, without the dot
 * @property {string[]} types the media types those extensions may carry
 */

export const CHANNEL = "RoomChannel";

/** `message_type` on the wire. */
export const MESSAGE_TYPE = Object.freeze({
  INCOMING: 0,
  OUTGOING: 1,
  ACTIVITY: 2,
  TEMPLATE: 3,
});

/** A conversation's `status`. */
export const CONVERSATION_STATUS = Object.freeze({
  OPEN: "open",
  RESOLVED: "resolved",
  PENDING: "pending",
  SNOOZED: "snoozed",
});

/** The /cable event names (`realtime/events.py` declares each). */
export const EVENT = Object.freeze({
  CONVERSATION_CREATED: "conversation.created",
  CONVERSATION_UPDATED: "conversation.updated",
  CONVERSATION_STATUS_CHANGED: "conversation.status_changed",
  CONVERSATION_READ: "conversation.read",
  CONVERSATION_CONTACT_CHANGED: "conversation.contact_changed",
  CONVERSATION_TYPING_ON: "conversation.typing_on",
  CONVERSATION_TYPING_OFF: "conversation.typing_off",
  CONVERSATION_MENTIONED: "conversation.mentioned",
  CONVERSATION_TRANSFERRED: "conversation.transferred",
  PARTICIPANT_JOINED: "conversation.participant_joined",
  PARTICIPANT_LEFT: "conversation.participant_left",
  CAPABILITIES_CHANGED: "conversation.capabilities_changed",
  CONVERSATION_QUEUED: "conversation.queued",
  CONVERSATION_DEQUEUED: "conversation.dequeued",
  QUEUE_POSITION: "conversation.queue_position",
  AGENT_AVAILABLE: "agent.available",
  AGENT_UNAVAILABLE: "agent.unavailable",
  ASSIGNEE_CHANGED: "assignee.changed",
  TEAM_CHANGED: "team.changed",
  MESSAGE_CREATED: "message.created",
  MESSAGE_UPDATED: "message.updated",
  FIRST_REPLY_CREATED: "first.reply.created",
  CONTACT_CREATED: "contact.created",
  CONTACT_UPDATED: "contact.updated",
  CONTACT_DELETED: "contact.deleted",
  CONTACT_MERGED: "contact.merged",
  PRESENCE_UPDATE: "presence.update",
  CONTACT_PRESENCE: "conversation.contact_presence",
  CATCH_UP_COMPLETED: "catch_up.completed",
  OPERATION_FAILED: "operation.failed",
  AGENT_CHAT_CREATED: "agent_chat.created",
  AGENT_CHAT_UPDATED: "agent_chat.updated",
  AGENT_CHAT_MESSAGE_CREATED: "agent_chat.message_created",
  AGENT_CHAT_TYPING_ON: "agent_chat.typing_on",
  AGENT_CHAT_TYPING_OFF: "agent_chat.typing_off",
  NOTIFICATION_CREATED: "notification.created",
  NOTIFICATION_UPDATED: "notification.updated",
  NOTIFICATION_DELETED: "notification.deleted",
  CALL_UPDATED: "call.updated",
  CALL_SIGNAL: "call.signal",
});

/**
 * Events that carry a whole conversation payload.
 * @type {ReadonlySet<string>}
 */
export const CONVERSATION_EVENTS = new Set([
  EVENT.CONVERSATION_CREATED,
  EVENT.CONVERSATION_UPDATED,
  EVENT.CONVERSATION_STATUS_CHANGED,
  EVENT.CONVERSATION_READ,
  EVENT.CONVERSATION_CONTACT_CHANGED,
  EVENT.ASSIGNEE_CHANGED,
  EVENT.TEAM_CHANGED,
]);

/**
 * A new `echo_id`: the sender's name for a message until the server's answer
 * (or its `message.created`) gives it an id.
 * @returns {string}
 */
export function newEchoId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}
