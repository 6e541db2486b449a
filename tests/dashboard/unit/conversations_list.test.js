// @ts-check
// The conversations page's list: an item, the tabs' counts, the filters and
// the event router, in a jsdom page.
import "../../js/page.js";

import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { ConversationStore } from "../../../common/static/kit/store.js";
import { conversationEventRouter } from "../../../dashboard/static/dashboard/conversation_events.js";
import { conversationItem, messagePreview } from "../../../dashboard/static/dashboard/conversation_item.js";
import { createConversationList } from "../../../dashboard/static/dashboard/conversation_list.js";
import { createListState, matchesFilters } from "../../../dashboard/static/dashboard/conversation_state.js";
import { createFilterTabs } from "../../../dashboard/static/dashboard/conversation_tabs.js";

/** @typedef {import("../../../common/static/kit/wire.js").Conversation} Conversation */

const ME = 7;

/**
 * @param {number} id
 * @param {Partial<Conversation>} [fields]
 * @returns {Conversation}
 */
function conversation(id, fields = {}) {
  return { id, inbox_id: 1, status: "open", updated_at: 1, last_activity_at: 100, created_at: 1, meta: { sender: { id: 3, name: "Ann" }, assignee: { id: ME, name: "Me" } }, ...fields };
}

/** @param {Partial<import("../../../dashboard/static/dashboard/conversation_item.js").ItemOptions>} [options] */
function itemOptions(options = {}) {
  return { base: "/app/accounts/1", userId: ME, inboxes: [{ id: 1, name: "Website" }], online: false, active: false, onOpen: () => {}, ...options };
}

describe("conversation list item", () => {
  it("draws markup in a contact's name and last message as text", () => {
    const c = conversation(5, {
      meta: { sender: { id: 3, name: "<img src=x onerror=alert(1)>Eve" } },
      messages: [{ id: 1, message_type: 0, content: "<b>hello</b>" }],
    });
    const item = conversationItem(c, itemOptions());
    assert.equal(item.querySelector("img"), null);
    assert.equal(item.querySelector("b"), null);
    assert.equal(item.querySelector(".item-name")?.textContent, "<img src=x onerror=alert(1)>Eve");
    assert.match(item.querySelector(".item-preview")?.textContent || "", /hello/);
  });

  it("links to the conversation, marks it open and unread, and opens it in place on a plain click", () => {
    /** @type {number[]} */
    const opened = [];
    const item = conversationItem(conversation(5, { unread_count: 2, status: "pending" }), itemOptions({ active: true, onOpen: (id) => opened.push(id) }));
    const link = /** @type {HTMLAnchorElement} */ (item.querySelector("a"));
    assert.equal(link.getAttribute("href"), "/app/accounts/1/conversations/5");
    assert.equal(link.getAttribute("aria-current"), "true");
    assert.ok(link.classList.contains("unread"));
    assert.equal(link.querySelector(".badge")?.textContent, "2");
    assert.equal(link.querySelector(".chip")?.textContent, "Pending");
    assert.match(link.textContent || "", /Website/);
    // A modified click is left to the browser (a new tab); jsdom cannot follow it.
    link.addEventListener("click", (event) => event.preventDefault());
    link.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true, ctrlKey: true }));
    assert.deepEqual(opened, []);
    link.click();
    assert.deepEqual(opened, [5]);
  });

  it("previews one's own message, a deleted one and an attachment", () => {
    assert.equal(messagePreview({ message_type: 1, content: "Hi", sender: { id: ME } }, ME), "You: Hi");
    assert.equal(messagePreview({ message_type: 1, content: "Hi", sender: { id: 99 } }, ME), "Hi");
    assert.equal(messagePreview({ message_type: 0, content: "x", content_attributes: { deleted: true } }, ME), "This message was deleted");
    assert.equal(messagePreview({ message_type: 0, content: "", attachments: [{ id: 1, file_type: "image", data_url: "", thumb_url: "" }] }, ME), "Attachment");
  });
});

describe("conversation filter tabs", () => {
  it("shows each tab's count, 0 when unknown, and selects the one asked", () => {
    /** @type {string[]} */
    const chosen = [];
    const tabs = createFilterTabs((value) => chosen.push(value));
    tabs.update("unassigned", { mine_count: 4, unassigned_count: 12 });
    const buttons = [...tabs.element.querySelectorAll('[role="tab"]')];
    assert.deepEqual(
      buttons.map((b) => b.querySelector(".count")?.textContent),
      ["4", "12", "0"],
    );
    assert.deepEqual(
      buttons.map((b) => b.getAttribute("aria-selected")),
      ["false", "true", "false"],
    );
    /** @type {HTMLElement} */ (buttons[2]).click();
    assert.deepEqual(chosen, ["all"]);
  });

  it("keeps the keyboard focus on the same tab when redrawn", () => {
    const tabs = createFilterTabs(() => {});
    document.body.replaceChildren(tabs.element);
    tabs.update("me", {});
    /** @type {HTMLElement} */ (tabs.element.children[1]).focus();
    tabs.update("me", { unassigned_count: 1 });
    assert.equal(document.activeElement, tabs.element.children[1]);
  });
});

describe("conversation list", () => {
  it("shows the empty note and the Load more button as told", () => {
    const list = createConversationList(() => {});
    const note = /** @type {HTMLElement} */ (list.element.querySelector(".empty"));
    const more = /** @type {HTMLButtonElement} */ (list.element.querySelector("button"));
    list.update([], false);
    assert.equal(note.hidden, false);
    assert.equal(more.hidden, true);
    list.update([conversationItem(conversation(1), itemOptions())], true);
    assert.equal(note.hidden, true);
    assert.equal(more.hidden, false);
  });
});

describe("conversation filters", () => {
  it("keeps the status, assignee, inbox, team and search asked", () => {
    const state = createListState();
    const mine = conversation(1);
    assert.ok(matchesFilters(mine, state, ME));
    assert.equal(matchesFilters(mine, state, 99), false);
    state.filters.assignee_type = "unassigned";
    assert.equal(matchesFilters(mine, state, ME), false);
    state.filters.assignee_type = "all";
    state.filters.status = "resolved";
    assert.equal(matchesFilters(mine, state, ME), false);
    state.filters.status = "all";
    state.filters.inbox_id = "2";
    assert.equal(matchesFilters(mine, state, ME), false);
    state.filters.inbox_id = "1";
    state.searchIds = new Set([2]);
    assert.equal(matchesFilters(mine, state, ME), false);
  });
});

describe("conversation event router", () => {
  function routed() {
    const store = new ConversationStore();
    const state = createListState();
    /** @type {string[]} */
    const calls = [];
    const thread = {
      conversationChanged: () => calls.push("thread.conversationChanged"),
      receiveMessage: () => calls.push("thread.receiveMessage"),
      typing: (/** @type {boolean} */ on) => calls.push(`thread.typing ${on}`),
      presenceChanged: () => calls.push("thread.presenceChanged"),
      catchUp: () => calls.push("thread.catchUp"),
    };
    const feed = {
      refreshCounts: () => calls.push("refreshCounts"),
      refreshMatches: () => calls.push("refreshMatches"),
      fetchConversation: async (/** @type {number} */ id) => void calls.push(`fetch ${id}`),
      catchUp: async (/** @type {number} */ since) => void calls.push(`catchUp ${since}`),
    };
    const route = conversationEventRouter({ store, state, thread, feed, render: () => calls.push("render"), renderAgents: () => calls.push("renderAgents"), pageVisible: () => true });
    return { store, state, calls, route };
  }

  it("sends a conversation.updated to the store, and to the thread when it is open", () => {
    const { store, state, calls, route } = routed();
    state.openId = 5;
    route("conversation.updated", conversation(5, { status: "resolved", updated_at: 2 }));
    assert.equal(store.get(5)?.status, "resolved");
    assert.deepEqual(calls, ["render", "thread.conversationChanged", "refreshCounts"]);
  });

  it("runs a filter query shown again after a conversation event", () => {
    const { calls, state, route } = routed();
    state.advanced = { name: "urgent", query: { payload: [{ attribute_key: "priority", filter_operator: "equal_to", values: ["urgent"] }] } };
    route("conversation.updated", conversation(5, { priority: "low", updated_at: 2 }));
    assert.deepEqual(calls, ["render", "refreshCounts", "refreshMatches"]);
    route("conversation.read", conversation(5, { priority: "low", updated_at: 3 }));
    assert.deepEqual(calls.slice(3), ["render", "refreshCounts"]);
  });

  it("drops an older conversation payload but still refreshes the counts", () => {
    const { store, calls, route } = routed();
    store.put(conversation(5, { status: "resolved", updated_at: 5 }));
    route("conversation.status_changed", conversation(5, { status: "open", updated_at: 4 }));
    assert.equal(store.get(5)?.status, "resolved");
    assert.deepEqual(calls, ["refreshCounts"]);
  });

  it("counts a message in a conversation not open as unread, and fetches one the list lacks", () => {
    const { store, calls, route } = routed();
    store.put(conversation(5));
    route("message.created", { id: 10, conversation_id: 5, message_type: 0, content: "hi", created_at: 200 });
    assert.equal(store.get(5)?.unread_count, 1);
    route("message.created", { id: 11, conversation_id: 6, message_type: 1, content: "yo", created_at: 200 });
    assert.deepEqual(calls, ["render", "refreshCounts", "fetch 6", "render"]);
  });

  it("catches up after a reconnection, not after the first connection", () => {
    const { calls, route } = routed();
    route("cable.connected", { reconnected: false });
    route("cable.connected", { reconnected: true, disconnectedAt: 1234 });
    assert.deepEqual(calls, ["catchUp 1234", "thread.catchUp"]);
  });
});
