// @ts-check
// Team chat's list, people picker and live events, drawn in a jsdom page.
import "../../js/page.js";

import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { agentChatList, chatTitle } from "../../../dashboard/static/dashboard/agent_chat_list.js";
import { createPeoplePicker } from "../../../dashboard/static/dashboard/agent_chat_people.js";
import { applyChatEvent, createChatState, unreadTotal } from "../../../dashboard/static/dashboard/agent_chat_state.js";

/** @typedef {import("../../../dashboard/static/dashboard/agent_chat_list.js").AgentChat} AgentChat */

const ME = 1;

/**
 * @param {number} id
 * @param {Partial<AgentChat>} [fields]
 * @returns {AgentChat}
 */
function chat(id, fields = {}) {
  return {
    id,
    participants: [
      { id: ME, available_name: "Me" },
      { id: 2, available_name: "Casey" },
    ],
    state: "active",
    capabilities: ["send_message"],
    last_activity_at: 100,
    ...fields,
  };
}

describe("agent chat list", () => {
  it("puts the latest activity first and marks unread chats", () => {
    const chats = [chat(1, { last_activity_at: 10, topic: "Old" }), chat(2, { last_activity_at: 30, topic: "New", unread_count: 3 }), chat(3, { last_activity_at: 20, topic: "Middle" })];
    const list = agentChatList(chats, { userId: ME, onOpen: () => {} });
    const items = [...list.querySelectorAll(".agent-chat-item")];
    assert.deepEqual(
      items.map((item) => item.getAttribute("data-chat-id")),
      ["2", "3", "1"],
    );
    assert.equal(items[0].querySelector(".unread")?.textContent, "3");
    assert.equal(items[1].querySelector(".unread"), null);
  });

  it("names a chat without topic by the others in it, and what it is about", () => {
    assert.equal(chatTitle(chat(1, { conversation_id: 42 }), ME), "Casey · about #42");
  });

  it("draws a name with markup as text and opens the chat chosen", () => {
    /** @type {number[]} */
    const opened = [];
    const list = agentChatList([chat(7, { topic: "<b>Refunds</b>" })], { userId: ME, onOpen: (id) => opened.push(id) });
    const item = /** @type {HTMLButtonElement} */ (list.querySelector(".agent-chat-item"));
    assert.equal(item.querySelector("b"), null);
    assert.equal(item.textContent, "<b>Refunds</b>");
    item.click();
    assert.deepEqual(opened, [7]);
  });
});

describe("agent chat people picker", () => {
  it("has a visible label that names the picker", () => {
    const picker = createPeoplePicker([{ id: 2, name: "Casey", available_name: "Casey C" }]);
    document.body.replaceChildren(picker.element);
    const select = /** @type {HTMLSelectElement} */ (document.querySelector("select"));
    const label = document.querySelector(`label[for="${select.id}"]`);
    assert.equal(label?.textContent, "Agents to chat with");
    assert.equal(select.labels[0], label);
    assert.equal(select.getAttribute("aria-describedby"), null);
    assert.equal(select.options[0].textContent, "Casey C");
  });

  it("says so when no other agent is in the account", () => {
    const picker = createPeoplePicker([]);
    document.body.replaceChildren(picker.element);
    const select = /** @type {HTMLSelectElement} */ (document.querySelector("select"));
    const hint = document.getElementById(String(select.getAttribute("aria-describedby")));
    assert.equal(hint?.textContent, "No agents yet.");
    assert.deepEqual(picker.selectedIds(), []);
  });

  it("gives the ids chosen", () => {
    const picker = createPeoplePicker([
      { id: 2, name: "Casey" },
      { id: 3, name: "Dana" },
    ]);
    const select = /** @type {HTMLSelectElement} */ (picker.element.querySelector("select"));
    select.options[1].selected = true;
    assert.deepEqual(picker.selectedIds(), [3]);
  });
});

describe("agent chat live events", () => {
  it("counts a message in a chat not on screen as unread, and not one's own", () => {
    const state = createChatState();
    state.chats.set(5, chat(5));
    applyChatEvent(state, "agent_chat.message_created", { id: 1, chat_id: 5, content: "hi", created_at: 200, sender: { id: 2, available_name: "Casey" } }, { userId: ME, viewing: false });
    applyChatEvent(state, "agent_chat.message_created", { id: 2, chat_id: 5, content: "me", created_at: 201, sender: { id: ME, available_name: "Me" } }, { userId: ME, viewing: false });
    assert.equal(unreadTotal(state), 1);
    assert.equal(state.chats.get(5)?.last_activity_at, 201);
  });

  it("shows a message of the open chat once and asks to mark it read", () => {
    const state = createChatState();
    state.chats.set(5, chat(5));
    state.openId = 5;
    state.typing.set(2, "Casey");
    const message = { id: 9, chat_id: 5, content: "hi", created_at: 200, sender: { id: 2, available_name: "Casey" } };
    assert.deepEqual(applyChatEvent(state, "agent_chat.message_created", message, { userId: ME, viewing: true }), { changed: true, read: 5 });
    applyChatEvent(state, "agent_chat.message_created", message, { userId: ME, viewing: true });
    assert.equal(state.messages.length, 1);
    assert.equal(state.typing.size, 0);
    assert.equal(unreadTotal(state), 0);
  });

  it("keeps the unread count when a chat is updated, and typing only for the open chat", () => {
    const state = createChatState();
    state.chats.set(5, chat(5, { unread_count: 2 }));
    applyChatEvent(state, "agent_chat.updated", chat(5, { state: "completed" }), { userId: ME, viewing: false });
    assert.equal(state.chats.get(5)?.unread_count, 2);
    assert.equal(state.chats.get(5)?.state, "completed");
    const typing = { chat_id: 6, user: { id: 2, available_name: "Casey" } };
    assert.deepEqual(applyChatEvent(state, "agent_chat.typing_on", typing, { userId: ME, viewing: true }), { changed: false });
    state.openId = 6;
    applyChatEvent(state, "agent_chat.typing_on", typing, { userId: ME, viewing: true });
    assert.deepEqual([...state.typing.values()], ["Casey"]);
  });
});
