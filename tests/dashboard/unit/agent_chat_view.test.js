// @ts-check
// One Team chat drawn in a jsdom page: typing said once, then off on send;
// refills keep the draft.
import "../../js/page.js";

import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { createChatView } from "../../../dashboard/static/dashboard/agent_chat_view.js";

/** @returns {{ctx: any, posts: [string, any][]}} */
function fakeContext() {
  /** @type {[string, any][]} */
  const posts = [];
  const api = { post: async (/** @type {string} */ path, /** @type {any} */ body) => (posts.push([path, body]), {}) };
  return { ctx: { config: { user: { id: 1 } }, api }, posts };
}

const CHAT = {
  id: 4,
  topic: "Refunds",
  participants: [
    { id: 1, available_name: "Me" },
    { id: 2, available_name: "Casey" },
  ],
  state: "active",
  capabilities: ["send_message", "complete"],
  last_activity_at: 1,
};

const noop = { onBack() {}, onSearch() {}, onComplete() {} };

describe("agent chat view", () => {
  it("says typing on once while writing, and off when the message is sent", async () => {
    const { ctx, posts } = fakeContext();
    const body = document.createElement("div");
    createChatView(ctx, body, CHAT, "", noop);
    const input = /** @type {HTMLTextAreaElement} */ (body.querySelector("textarea"));
    input.value = "Hello";
    input.dispatchEvent(new Event("input"));
    input.dispatchEvent(new Event("input"));
    /** @type {HTMLFormElement} */ (body.querySelector("form")).requestSubmit();
    await new Promise((resolve) => setTimeout(resolve, 0));
    assert.deepEqual(posts, [
      ["agent_chats/4/typing", { typing_status: "on" }],
      ["agent_chats/4/messages", { content: "Hello" }],
      ["agent_chats/4/typing", { typing_status: "off" }],
    ]);
    assert.equal(input.value, "");
  });

  it("refills messages and who is typing without touching the draft", () => {
    const { ctx } = fakeContext();
    const body = document.createElement("div");
    const view = createChatView(ctx, body, CHAT, "", noop);
    const input = /** @type {HTMLTextAreaElement} */ (body.querySelector("textarea"));
    input.value = "A draft";
    view.update([{ id: 1, chat_id: 4, content: "<i>hi</i>", created_at: 1, sender: { id: 2, available_name: "Casey" } }], ["Casey"]);
    assert.equal(body.querySelector("textarea"), input);
    assert.equal(input.value, "A draft");
    assert.equal(body.querySelector(".agent-chat-messages p")?.textContent, "<i>hi</i>");
    assert.equal(body.querySelector(".typing-indicator")?.textContent, "Casey is typing…");
    assert.ok(view.isShown());
    body.replaceChildren();
    assert.equal(view.isShown(), false);
  });
});
