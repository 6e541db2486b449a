// @ts-check
// What a page holds of the wire: messages of one conversation and a set of
// conversations. Payloads arrive from REST and from /cable, in any order and
// more than once; the stores keep the newest version of each, once.

import { isLaterDelivery } from "./delivery.js";
import { MESSAGE_TYPE } from "./wire.js";

/** @typedef {import("./wire.js").Message} Message */
/** @typedef {import("./wire.js").Conversation} Conversation */

/**
 * Whether `message` is a later version than `held`: a newer `updated_at`, a
 * delivery status further on, or the same version with attachments that a live
 * message.created, built before they were stored, lacked.
 * @param {Message} message
 * @param {Message} held
 * @returns {boolean}
 */
function isNewerMessage(message, held) {
  if (message.updated_at !== held.updated_at) return (message.updated_at ?? "") > (held.updated_at ?? "");
  // A delivery change may come with the same `updated_at`; a status only moves on.
  const status = /** @param {Message} m */ (m) => /** @type {Message & {status?: string}} */ (m).status;
  if (isLaterDelivery(status(message), status(held))) return true;
  return (message.attachments || []).length > (held.attachments || []).length;
}

/**
 * Whether a conversation payload is older than the one held (by its float
 * `updated_at`): late events never undo newer state.
 * @param {Conversation} conversation
 * @param {Conversation | undefined | null} held
 * @returns {boolean}
 */
export function isStaleConversation(conversation, held) {
  return held != null && (conversation.updated_at ?? 0) < (held.updated_at ?? 0);
}

/**
 * Whether the held list preview (`messages[0]`) is later than a payload's: a
 * later message, or a newer version of the same one.
 * @param {Message[] | undefined} held
 * @param {Message[] | undefined} given
 * @returns {boolean}
 */
function isNewerPreview(held, given) {
  const kept = held && held[0];
  const shown = given && given[0];
  if (!kept) return false;
  // Ids compare as numbers; a pending message has none and is never later.
  if (!shown || kept.id !== shown.id) return !shown || Number(kept.id) > Number(shown.id);
  return isNewerMessage(kept, shown);
}

/**
 * Messages of one conversation: stored ones by id, in id order; optimistic
 * ones by `echo_id` until the server's copy (REST answer or socket echo)
 * replaces them.
 */
export class MessageStore {
  constructor() {
    /** @type {Map<number, Message>} */
    this.byId = new Map();
    /** @type {Map<string, Message>} */
    this.pending = new Map();
  }

  /**
   * Take a stored message; a version not newer than the one held is dropped.
   * @param {Message} message
   * @returns {"added" | "updated" | null} what changed
   */
  put(message) {
    const id = /** @type {number} */ (message.id); // stored: it has one
    const held = this.byId.get(id);
    if (held && !isNewerMessage(message, held)) return null;
    if (message.echo_id) this.pending.delete(message.echo_id);
    this.byId.set(id, message);
    return held ? "updated" : "added";
  }

  /** @param {Message} message a message not yet stored, with its `echo_id` */
  addPending(message) {
    this.pending.set(/** @type {string} */ (message.echo_id), message);
  }

  /** @param {string} echoId */
  dropPending(echoId) {
    this.pending.delete(echoId);
  }

  /** @param {number} id */
  has(id) {
    return this.byId.has(id);
  }

  /** @returns {IterableIterator<Message>} stored messages, unordered */
  stored() {
    return this.byId.values();
  }

  /** @returns {number} the highest stored id, 0 when none */
  lastId() {
    let last = 0;
    for (const id of this.byId.keys()) last = Math.max(last, id);
    return last;
  }

  /** @returns {number | null} the lowest stored id, null when none */
  firstId() {
    let first = Infinity;
    for (const id of this.byId.keys()) first = Math.min(first, id);
    return first === Infinity ? null : first;
  }

  /** @returns {Message[]} stored messages by id, then the pending ones */
  list() {
    const sent = [...this.byId.values()].sort((a, b) => Number(a.id) - Number(b.id));
    return [...sent, ...this.pending.values()];
  }

  clear() {
    this.byId.clear();
    this.pending.clear();
  }
}

/** Conversations held by a page, keyed by display id. */
export class ConversationStore {
  constructor() {
    /** @type {Map<number, Conversation>} */
    this.conversations = new Map();
  }

  /**
   * @param {number | string | undefined} id
   * @returns {Conversation | undefined}
   */
  get(id) {
    return this.conversations.get(Number(id));
  }

  /**
   * Take a conversation payload unless it is older than the one held.
   * @param {Conversation} conversation
   * @returns {boolean} whether the payload was taken
   */
  put(conversation) {
    const held = this.get(conversation.id);
    if (isStaleConversation(conversation, held)) return false;
    if (held && held.last_activity_at > conversation.last_activity_at) {
      // A message event already moved it further than this payload knows.
      conversation = { ...conversation, last_activity_at: held.last_activity_at };
    }
    if (held && isNewerPreview(held.messages, conversation.messages)) {
      // Built before a message event the page has seen (a later message, or
      // the shown one edited or deleted): keep that event's preview.
      conversation = { ...conversation, messages: held.messages };
    }
    this.conversations.set(Number(conversation.id), conversation);
    return true;
  }

  /**
   * A message moves its conversation to the top and, when unseen, bumps unread.
   * @param {Message} message
   * @param {{unseen: boolean}} options
   * @returns {boolean} false when the conversation is not held
   */
  applyMessage(message, { unseen }) {
    const held = this.get(message.conversation_id);
    if (!held) return false;
    const latest = held.messages && held.messages[0];
    // Already reflected (a replayed event after a REST reload): count it once.
    if (latest && Number(latest.id) >= Number(message.id)) return true;
    const next = { ...held };
    next.last_activity_at = Math.max(held.last_activity_at || 0, message.created_at || 0);
    next.timestamp = next.last_activity_at;
    if (!message.private && message.message_type !== MESSAGE_TYPE.ACTIVITY) next.messages = [message];
    if (message.message_type === MESSAGE_TYPE.INCOMING && unseen) {
      next.unread_count = (held.unread_count || 0) + 1;
    }
    this.conversations.set(Number(held.id), next);
    return true;
  }

  /**
   * An edited or deleted message replaces the list's preview when it is the one
   * shown; a late, older version (a delivery state read before a deletion) does not.
   * @param {Message} message a message.updated payload
   * @returns {boolean} whether the preview changed
   */
  replaceMessage(message) {
    const held = this.get(message.conversation_id);
    const latest = held && held.messages && held.messages[0];
    if (!latest || latest.id !== message.id || !isNewerMessage(message, latest)) return false;
    this.conversations.set(Number(held.id), { ...held, messages: [message] });
    return true;
  }

  /** @param {number} id */
  markRead(id) {
    const held = this.get(id);
    if (held && held.unread_count) this.conversations.set(Number(id), { ...held, unread_count: 0 });
  }

  /** @param {(conversation: Conversation) => boolean} keep */
  retain(keep) {
    for (const id of [...this.conversations.keys()]) {
      if (!keep(/** @type {Conversation} */ (this.conversations.get(id)))) this.conversations.delete(id);
    }
  }

  /**
   * The conversations `filter` keeps, latest activity first.
   * @param {(conversation: Conversation) => boolean} filter
   * @returns {Conversation[]}
   */
  sorted(filter) {
    return [...this.conversations.values()]
      .filter(filter)
      .sort((a, b) => (b.last_activity_at || 0) - (a.last_activity_at || 0) || b.id - a.id);
  }
}
