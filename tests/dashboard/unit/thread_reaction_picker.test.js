// @ts-check
// The reaction picker under a message: the React button opens it with focus
// on the first emoji, Escape closes it and gives focus back to the button,
// picking reacts; in the thread only one picker is open at a time.
import "../../js/page.js";

import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { ConversationStore } from "../../../common/static/kit/store.js";
import { MESSAGE_TYPE } from "../../../common/static/kit/wire.js";
import { createMessageList } from "../../../dashboard/static/dashboard/thread/message_list.js";
import { createReactionPicker, REACTIONS } from "../../../dashboard/static/dashboard/thread/reaction_picker.js";
import { createThreadState, openIn } from "../../../dashboard/static/dashboard/thread/state.js";
import { press } from "./thread_fakes.js";

/** A React button and its message item, in the page. */
function setUp() {
  const item = document.createElement("li");
  const button = document.createElement("button");
  button.textContent = "React";
  item.append(button);
  document.body.replaceChildren(item);
  /** @type {string[]} */
  const picked = [];
  const picker = createReactionPicker(button, { place: (panel) => item.append(panel), onPick: (emoji) => picked.push(emoji) });
  return { item, button, picker, picked };
}

describe("reaction picker", () => {
  it("is built at the first click and focuses its first emoji", () => {
    const { item, button, picker } = setUp();
    assert.equal(item.querySelector(".reaction-picker"), null);
    assert.equal(button.getAttribute("aria-expanded"), "false");
    button.click();
    const panel = item.querySelector(".reaction-picker");
    assert.ok(panel instanceof HTMLElement);
    assert.equal(panel.hidden, false);
    assert.equal(panel.getAttribute("aria-label"), "Pick a reaction");
    assert.equal(button.getAttribute("aria-expanded"), "true");
    assert.equal(document.activeElement?.textContent, REACTIONS[0]);
    assert.ok(picker.isOpen());
  });

  it("closes on Escape and gives focus back to the React button", () => {
    const { item, button, picker } = setUp();
    button.click();
    /** @type {string[]} */
    const outside = [];
    document.body.addEventListener("keydown", (event) => outside.push(event.key));
    press(/** @type {Element} */ (document.activeElement), "Escape");
    assert.equal(/** @type {HTMLElement} */ (item.querySelector(".reaction-picker")).hidden, true);
    assert.equal(button.getAttribute("aria-expanded"), "false");
    assert.equal(document.activeElement, button);
    assert.equal(picker.isOpen(), false);
    // The dialog or chat around it stays open.
    assert.deepEqual(outside, []);
    // The button opens it again.
    button.click();
    assert.ok(picker.isOpen());
  });

  it("reacts with the emoji picked, closes and focuses the button", () => {
    const { item, button, picked, picker } = setUp();
    button.click();
    const choice = [...item.querySelectorAll(".emoji-choice")].find((b) => b.textContent === "🎉");
    /** @type {HTMLButtonElement} */ (choice).click();
    assert.deepEqual(picked, ["🎉"]);
    assert.equal(picker.isOpen(), false);
    assert.equal(document.activeElement, button);
  });

  it("in the thread, opening one message's picker closes the other's", () => {
    const state = createThreadState();
    openIn(state, 3);
    const agent = { type: "user", id: 8, name: "Bo" };
    state.messages.put({ id: 1, message_type: MESSAGE_TYPE.INCOMING, content: "one" });
    state.messages.put({ id: 2, message_type: MESSAGE_TYPE.OUTGOING, content: "two", sender: agent });
    const noop = () => {};
    const list = createMessageList({
      state,
      conversations: new ConversationStore(),
      userId: 7,
      isAdministrator: false,
      actions: { retry: noop, reply: noop, react: noop, startEdit: noop, saveEdit: noop, cancelEdit: noop, remove: noop, loadOlder: noop },
    });
    document.body.replaceChildren(list.element);
    list.update();
    const react = /** @param {number} id */ (id) => /** @type {HTMLButtonElement} */ (list.list.querySelector(`[data-message-id="${id}"] .message-react`));
    react(1).click();
    assert.equal(state.reactingId, 1);
    react(2).click();
    assert.equal(state.reactingId, 2);
    assert.equal(react(1).getAttribute("aria-expanded"), "false");
    assert.equal(react(2).getAttribute("aria-expanded"), "true");
    // A redraw for another event keeps the open picker, and focus in it.
    const focused = document.activeElement;
    state.messages.put({ id: 4, message_type: MESSAGE_TYPE.INCOMING, content: "three" });
    list.update();
    assert.equal(react(2).getAttribute("aria-expanded"), "true");
    assert.equal(document.activeElement, focused);
  });
});
