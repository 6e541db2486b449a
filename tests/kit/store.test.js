// @ts-check
// The kit's stores, as REST answers and /cable events feed them: in any order,
// more than once.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { ConversationStore, MessageStore } from "../../common/static/kit/store.js";
import { MESSAGE_TYPE } from "../../common/static/kit/wire.js";

/** @typedef {import("../../common/static/kit/wire.js").Message} Message */
/** @typedef {import("../../common/static/kit/wire.js").Conversation} Conversation */

/**
 * @param {number} id
 * @param {Partial<Message>} [fields]
 * @returns {Message}
 */
function message(id, fields = {}) {
  return {
    id,
    conversation_id: 7,
    content: `message ${id}`,
    message_type: MESSAGE_TYPE.INCOMING,
    created_at: 1000 + id,
    updated_at: `2026-01-01T00:00:0${id % 10}.000000Z`,
    ...fields,
  };
}

/**
 * @param {number} id
 * @param {Partial<Conversation>} [fields]
 * @returns {Conversation}
 */
function conversation(id, fields = {}) {
  return {
    id,
    inbox_id: 1,
    status: "open",
    created_at: 900,
    updated_at: 1000.5,
    last_activity_at: 1000,
    unread_count: 0,
    messages: [],
    ...fields,
  };
}

describe("MessageStore", () => {
  it("lists stored messages by id whatever the arrival order, each once", () => {
    const store = new MessageStore();
    for (const id of [3, 1, 2, 3, 1]) store.put(message(id));
    assert.deepEqual(
      store.list().map((m) => m.id),
      [1, 2, 3],
    );
    assert.equal(store.firstId(), 1);
    assert.equal(store.lastId(), 3);
  });

  it("reports what a put changed", () => {
    const store = new MessageStore();
    assert.equal(store.put(message(1)), "added");
    assert.equal(store.put(message(1)), null);
    assert.equal(store.put(message(1, { updated_at: "2026-01-01T00:01:00.000000Z" })), "updated");
  });

  it("keeps the newer version of a message, whichever arrives last", () => {
    const store = new MessageStore();
    const edited = message(1, { content: "edited", updated_at: "2026-01-01T00:05:00.000000Z" });
    store.put(edited);
    assert.equal(store.put(message(1, { content: "original" })), null);
    assert.equal(store.list()[0].content, "edited");
  });

  it("takes a delivery status further on with the same updated_at, never one back", () => {
    const store = new MessageStore();
    const withStatus = (/** @type {string} */ status) => /** @type {any} */ ({ ...message(1), status });
    store.put(withStatus("sent"));
    assert.equal(store.put(withStatus("read")), "updated");
    assert.equal(store.put(withStatus("delivered")), null);
    assert.equal(/** @type {any} */ (store.byId.get(1)).status, "read");
  });

  it("takes the copy that carries the attachments of the same version", () => {
    const store = new MessageStore();
    store.put(message(1));
    const attachment = { id: 9, file_type: "image", data_url: "https://x.test/a.png", thumb_url: "" };
    assert.equal(store.put(message(1, { attachments: [attachment] })), "updated");
    assert.equal(store.list()[0].attachments?.length, 1);
  });

  it("shows a pending message after the stored ones until its echo replaces it", () => {
    const store = new MessageStore();
    store.put(message(1));
    store.addPending({ echo_id: "e-1", content: "sending", message_type: MESSAGE_TYPE.OUTGOING });
    assert.deepEqual(
      store.list().map((m) => m.id ?? m.echo_id),
      [1, "e-1"],
    );
    store.put(message(2, { echo_id: "e-1" }));
    assert.deepEqual(
      store.list().map((m) => m.id ?? m.echo_id),
      [1, 2],
    );
  });

  it("has no first id when empty, and forgets everything on clear", () => {
    const store = new MessageStore();
    assert.equal(store.firstId(), null);
    assert.equal(store.lastId(), 0);
    store.put(message(4));
    store.addPending({ echo_id: "e-2", message_type: MESSAGE_TYPE.INCOMING });
    store.clear();
    assert.deepEqual(store.list(), []);
  });
});

describe("ConversationStore", () => {
  it("drops a payload older than the one held", () => {
    const store = new ConversationStore();
    assert.equal(store.put(conversation(5, { status: "resolved", updated_at: 2000.25 })), true);
    assert.equal(store.put(conversation(5, { status: "open", updated_at: 2000.125 })), false);
    assert.equal(store.get(5)?.status, "resolved");
    assert.equal(store.get("5")?.status, "resolved");
  });

  it("keeps the activity time a message event already moved forward", () => {
    const store = new ConversationStore();
    store.put(conversation(5));
    store.applyMessage(message(8, { conversation_id: 5, created_at: 3000 }), { unseen: false });
    store.put(conversation(5, { updated_at: 1001.5, last_activity_at: 1000 }));
    assert.equal(store.get(5)?.last_activity_at, 3000);
  });

  it("keeps a preview newer than the payload's, and takes a newer one", () => {
    const store = new ConversationStore();
    const sent = message(8, { conversation_id: 5, content: "Your card ends 4242." });
    store.put(conversation(5, { messages: [sent] }));
    const deleted = { ...sent, content: "This message was deleted", updated_at: "2026-01-01T00:00:09.000000Z" };
    store.replaceMessage(deleted);
    // A payload built before the deletion, with a later conversation time.
    store.put(conversation(5, { updated_at: 1002.5, messages: [sent] }));
    assert.equal(store.get(5)?.messages?.[0].content, "This message was deleted");
    assert.equal(store.get(5)?.updated_at, 1002.5);
    // Built before a later message arrived.
    store.applyMessage(message(9, { conversation_id: 5 }), { unseen: false });
    store.put(conversation(5, { updated_at: 1003.5, messages: [deleted] }));
    assert.equal(store.get(5)?.messages?.[0].id, 9);
    // A newer preview in the payload is taken.
    store.put(conversation(5, { updated_at: 1004.5, messages: [message(10, { conversation_id: 5 })] }));
    assert.equal(store.get(5)?.messages?.[0].id, 10);
  });

  it("counts an unseen incoming message once, even when replayed", () => {
    const store = new ConversationStore();
    store.put(conversation(5));
    const incoming = message(8, { conversation_id: 5 });
    store.applyMessage(incoming, { unseen: true });
    store.applyMessage(incoming, { unseen: true });
    assert.equal(store.get(5)?.unread_count, 1);
    assert.equal(store.get(5)?.messages?.[0].id, 8);
    store.markRead(5);
    assert.equal(store.get(5)?.unread_count, 0);
  });

  it("leaves the preview alone for a private note or an activity line", () => {
    const store = new ConversationStore();
    store.put(conversation(5, { messages: [message(2, { conversation_id: 5 })] }));
    store.applyMessage(message(3, { conversation_id: 5, private: true, message_type: MESSAGE_TYPE.OUTGOING }), {
      unseen: true,
    });
    store.applyMessage(message(4, { conversation_id: 5, message_type: MESSAGE_TYPE.ACTIVITY }), { unseen: true });
    assert.equal(store.get(5)?.messages?.[0].id, 2);
    assert.equal(store.get(5)?.unread_count, 0);
  });

  it("answers false for a message of a conversation not held", () => {
    const store = new ConversationStore();
    assert.equal(store.applyMessage(message(1, { conversation_id: 99 }), { unseen: true }), false);
  });

  it("replaces the preview with an edited or deleted message only when it is the one shown", () => {
    const store = new ConversationStore();
    store.put(conversation(5, { messages: [message(8, { conversation_id: 5, content: "secret" })] }));
    const deleted = message(8, {
      conversation_id: 5,
      content: "This message was deleted",
      content_attributes: { deleted: true },
      updated_at: "2026-01-01T00:00:09.000000Z",
    });
    assert.equal(store.replaceMessage(deleted), true);
    assert.equal(store.get(5)?.messages?.[0].content, "This message was deleted");
    // A delivery state read before the deletion, arriving after it, is dropped.
    const delivered = message(8, { conversation_id: 5, content: "secret" });
    assert.equal(store.replaceMessage(delivered), false);
    assert.equal(store.get(5)?.messages?.[0].content, "This message was deleted");
    assert.equal(store.replaceMessage(message(7, { conversation_id: 5 })), false);
    assert.equal(store.replaceMessage(message(1, { conversation_id: 99 })), false);
    assert.equal(store.get(5)?.messages?.[0].id, 8);
  });

  it("sorts by latest activity, then by id, and retains what is asked", () => {
    const store = new ConversationStore();
    store.put(conversation(1, { last_activity_at: 10 }));
    store.put(conversation(2, { last_activity_at: 30 }));
    store.put(conversation(3, { last_activity_at: 30 }));
    assert.deepEqual(
      store.sorted(() => true).map((c) => c.id),
      [3, 2, 1],
    );
    store.retain((c) => c.id !== 2);
    assert.deepEqual(
      store.sorted(() => true).map((c) => c.id),
      [3, 1],
    );
  });
});
