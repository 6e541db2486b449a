// @ts-check
// Read state both ways: the agent reading the open conversation marks it
// seen (when the page is visible), and the contact's last-seen mark reads the
// agents' messages it is past.

/** @typedef {import("./state.js").ThreadState} ThreadState */
/** @typedef {import("./state.js").ThreadContext} ThreadContext */
/** @typedef {import("./state.js").ConversationStore} ConversationStore */
/** @typedef {import("../../kit/wire.js").Message} Message */
/** @typedef {import("../../kit/wire.js").Conversation} Conversation */

/**
 * Whether the contact's last-seen mark is past a stored message.
 * @param {Message} m
 * @param {Conversation | undefined} conversation
 * @returns {boolean}
 */
export function seenByContact(m, conversation) {
  const seenAt = (conversation && conversation.contact_last_seen_at) || 0;
  return Boolean(m.id) && (m.created_at || 0) <= seenAt;
}

/**
 * Mark the open conversation seen now and whenever the page comes back into
 * view; `onChange` hears that its unread count went.
 * @param {ThreadContext} ctx
 * @param {{state: ThreadState, store: ConversationStore, onChange: () => void}} options
 * @returns {{markSeen: () => void}}
 */
export function createReadState(ctx, { state, store, onChange }) {
  function markSeen() {
    const id = state.openId;
    if (!id || document.visibilityState !== "visible") return;
    store.markRead(id);
    ctx.api.post(`conversations/${id}/update_last_seen`).catch(() => {});
  }
  document.addEventListener("visibilitychange", () => {
    if (state.openId && document.visibilityState === "visible") {
      markSeen();
      onChange();
    }
  });
  return { markSeen };
}
