// Conversations held by the page, keyed by display id. A payload older than
// the one held (by its float `updated_at`) is dropped, so late events never
// undo newer state.

export class ConversationStore {
  constructor() {
    this.conversations = new Map();
  }

  get(id) {
    return this.conversations.get(Number(id));
  }

  // Returns true when the payload was taken.
  put(conversation) {
    const held = this.get(conversation.id);
    if (held && (conversation.updated_at ?? 0) < (held.updated_at ?? 0)) return false;
    if (held && held.last_activity_at > conversation.last_activity_at) {
      // A message event already moved it further than this payload knows.
      conversation = { ...conversation, last_activity_at: held.last_activity_at };
    }
    this.conversations.set(Number(conversation.id), conversation);
    return true;
  }

  // A message moves its conversation to the top and, when unseen, bumps unread.
  applyMessage(message, { unseen }) {
    const held = this.get(message.conversation_id);
    if (!held) return false;
    const latest = held.messages && held.messages[0];
    // Already reflected (a replayed event after a REST reload): count it once.
    if (latest && latest.id >= message.id) return true;
    const next = { ...held };
    next.last_activity_at = Math.max(held.last_activity_at || 0, message.created_at || 0);
    next.timestamp = next.last_activity_at;
    if (!message.private && message.message_type !== 2) next.messages = [message];
    if (message.message_type === 0 && unseen) next.unread_count = (held.unread_count || 0) + 1;
    this.conversations.set(Number(held.id), next);
    return true;
  }

  markRead(id) {
    const held = this.get(id);
    if (held && held.unread_count) this.conversations.set(Number(id), { ...held, unread_count: 0 });
  }

  retain(keep) {
    for (const id of [...this.conversations.keys()]) {
      if (!keep(this.conversations.get(id))) this.conversations.delete(id);
    }
  }

  sorted(filter) {
    return [...this.conversations.values()]
      .filter(filter)
      .sort((a, b) => (b.last_activity_at || 0) - (a.last_activity_at || 0) || b.id - a.id);
  }
}

// Messages of the open conversation: server messages by id, optimistic ones by
// echo_id until the server's copy (REST answer or socket echo) replaces them.
export class MessageStore {
  constructor() {
    this.byId = new Map();
    this.pending = new Map();
  }

  put(message) {
    if (message.echo_id) this.pending.delete(message.echo_id);
    this.byId.set(message.id, message);
  }

  addPending(message) {
    this.pending.set(message.echo_id, message);
  }

  has(id) {
    return this.byId.has(id);
  }

  lastId() {
    let last = 0;
    for (const id of this.byId.keys()) last = Math.max(last, id);
    return last;
  }

  firstId() {
    let first = Infinity;
    for (const id of this.byId.keys()) first = Math.min(first, id);
    return first === Infinity ? null : first;
  }

  list() {
    const sent = [...this.byId.values()].sort((a, b) => a.id - b.id);
    return [...sent, ...this.pending.values()];
  }
}
