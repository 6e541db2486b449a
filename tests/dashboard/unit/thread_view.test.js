// @ts-check
// The thread as the conversations page uses it (createThread's contract):
// opening draws the conversation and its messages, events from the page
// reach the right pieces, and closing empties the pane.
import "../../js/page.js";

import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { ConversationStore } from "../../../common/static/kit/store.js";
import { MESSAGE_TYPE } from "../../../common/static/kit/wire.js";
import { createThread } from "../../../dashboard/static/dashboard/thread.js";
import { fakeApi, fakeContext, press, settle } from "./thread_fakes.js";

const conversation = {
  id: 3,
  inbox_id: 1,
  status: "open",
  updated_at: 1.5,
  last_activity_at: 1,
  created_at: 1,
  contact_last_seen_at: 1_700_000_100,
  meta: { sender: { id: 4, name: "Vera Visitor" } },
  labels: [],
};

const hello = { id: 10, conversation_id: 3, message_type: MESSAGE_TYPE.INCOMING, content: "Hello", created_at: 1_700_000_000, sender: { id: 4, name: "Vera Visitor", type: "contact" } };
const answer = { id: 11, conversation_id: 3, message_type: MESSAGE_TYPE.OUTGOING, content: "Hi Vera", created_at: 1_700_000_050, sender: { id: 7, name: "Ada Agent", type: "user" } };

async function openThree() {
  const api = fakeApi({
    "GET conversations/3": { ...conversation, capabilities: ["send_message", "resolve"] },
    "GET conversations/3/messages": { payload: [hello, answer] },
    "POST conversations/3/messages": (/** @type {any} */ body) => ({ ...body, id: 12, conversation_id: 3, message_type: MESSAGE_TYPE.OUTGOING, created_at: 1_700_000_200 }),
  });
  const ctx = fakeContext(api);
  const threadPane = document.createElement("section");
  const contactPane = document.createElement("aside");
  document.body.replaceChildren(threadPane, contactPane);
  const store = new ConversationStore();
  let changes = 0;
  const thread = createThread(ctx, { threadPane, contactPane, store, lookups: {}, onBack: () => {}, onChange: () => changes++ });
  await thread.open(3);
  await settle();
  const messageIds = () => [...threadPane.querySelectorAll(".messages > [data-message-id]")].map((li) => /** @type {HTMLElement} */ (li).dataset.messageId);
  return { api, ctx, thread, threadPane, store, messageIds, changes: () => changes };
}

describe("thread", () => {
  it("opens a conversation: header, messages with their read ticks, marked seen", async () => {
    const { api, threadPane, store, messageIds, changes } = await openThree();
    assert.equal(threadPane.querySelector(".thread-header h2")?.textContent, "Vera Visitor");
    assert.deepEqual(messageIds(), ["10", "11"]);
    assert.equal(threadPane.querySelector('[data-message-id="11"] .ticks')?.getAttribute("data-status"), "read");
    assert.ok(threadPane.querySelector("#composer-input"));
    assert.ok(api.calls.some((c) => c.method === "POST" && c.path === "conversations/3/update_last_seen"));
    assert.equal(store.get(3)?.status, "open");
    assert.ok(changes() >= 1);
  });

  it("takes messages and typing events for the open conversation only", async () => {
    const { thread, threadPane, messageIds } = await openThree();
    const typing = /** @type {HTMLElement} */ (threadPane.querySelector(".typing-indicator"));
    thread.typing(true, { conversation: { id: 3 }, user: { id: 4, name: "Vera Visitor" } });
    assert.equal(typing.textContent, "Vera Visitor is typing…");
    thread.typing(true, { conversation: { id: 9 }, user: { id: 5, name: "Other" } });
    assert.equal(typing.textContent, "Vera Visitor is typing…");
    thread.receiveMessage({ ...hello, id: 13, content: "Anyone?" });
    thread.receiveMessage({ ...hello, id: 14, conversation_id: 9 });
    assert.deepEqual(messageIds(), ["10", "11", "13"]);
    // Her message ends her typing.
    assert.equal(typing.textContent, "");
  });

  it("sends from the composer and shows the server's copy", async () => {
    const { api, threadPane, messageIds } = await openThree();
    const field = /** @type {HTMLTextAreaElement} */ (threadPane.querySelector("#composer-input"));
    field.value = "On its way";
    press(field, "Enter");
    assert.ok(threadPane.querySelector(".message.pending"));
    await settle();
    assert.deepEqual(messageIds(), ["10", "11", "12"]);
    assert.equal(threadPane.querySelector(".message.pending"), null);
    const sent = api.calls.find((c) => c.method === "POST" && c.path === "conversations/3/messages");
    assert.equal(sent?.body.content, "On its way");
  });

  it("closes to an empty pane", async () => {
    const { thread, threadPane } = await openThree();
    thread.close();
    assert.equal(threadPane.querySelector(".messages"), null);
    assert.match(threadPane.textContent || "", /Pick a conversation/);
    // Events for the closed conversation change nothing.
    thread.receiveMessage(hello);
    thread.conversationChanged(/** @type {any} */ (conversation));
    assert.equal(threadPane.querySelector(".messages"), null);
  });
});
