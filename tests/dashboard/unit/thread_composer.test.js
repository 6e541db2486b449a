// @ts-check
// The composer of the open conversation: Enter sends what was written (as a
// pending copy), Shift+Enter does not; typing on/off is said once each; the
// note tab writes private notes; the reply bar names the message replied to.
import "../../js/page.js";

import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { MESSAGE_TYPE } from "../../../common/static/kit/wire.js";
import { createComposer } from "../../../dashboard/static/dashboard/thread/composer.js";
import { createThreadState, openIn } from "../../../dashboard/static/dashboard/thread/state.js";
import { fakeApi, fakeContext, press } from "./thread_fakes.js";

/** @typedef {import("../../../common/static/kit/wire.js").Message} Message */

/** A composer for conversation 3, in the page. */
function setUp() {
  const api = fakeApi();
  const state = createThreadState();
  openIn(state, 3);
  /** @type {Message[]} */
  const sent = [];
  const composer = createComposer(fakeContext(api), { state, onSend: (local) => sent.push(local), onRichSent: () => {} });
  document.body.replaceChildren(composer.element);
  /** @param {string} text */
  const type = (text) => {
    composer.textarea.value = text;
    composer.textarea.dispatchEvent(new Event("input", { bubbles: true }));
  };
  const typingCalls = () => api.calls.filter((c) => c.path === "conversations/3/toggle_typing_status").map((c) => c.body);
  return { api, state, sent, composer, type, typingCalls };
}

describe("composer", () => {
  it("sends on Enter as a pending copy and empties the field", () => {
    const { sent, composer, type } = setUp();
    type("Hello <b>there</b>");
    const event = press(composer.textarea, "Enter");
    assert.ok(event.defaultPrevented);
    assert.equal(sent.length, 1);
    const [local] = sent;
    assert.equal(local.content, "Hello <b>there</b>");
    assert.equal(local.pending, true);
    assert.equal(local.private, false);
    assert.equal(local.message_type, MESSAGE_TYPE.OUTGOING);
    assert.equal(local.conversationId, 3);
    assert.equal(typeof local.echo_id, "string");
    assert.ok(local.echo_id);
    assert.deepEqual(local.sender, { id: 7, name: "Ada Agent", available_name: "Ada Agent" });
    assert.equal(composer.textarea.value, "");
  });

  it("keeps the text on Shift+Enter and sends nothing blank", () => {
    const { sent, composer, type } = setUp();
    type("line one");
    const event = press(composer.textarea, "Enter", { shiftKey: true });
    assert.equal(event.defaultPrevented, false);
    type("   ");
    press(composer.textarea, "Enter");
    assert.equal(sent.length, 0);
    assert.equal(composer.textarea.value, "   ");
  });

  it("says typing on once while writing and off when the text is sent", () => {
    const { composer, type, typingCalls } = setUp();
    type("H");
    type("Hi");
    assert.deepEqual(typingCalls(), [{ typing_status: "on", is_private: false }]);
    press(composer.textarea, "Enter");
    assert.deepEqual(typingCalls(), [
      { typing_status: "on", is_private: false },
      { typing_status: "off", is_private: false },
    ]);
    composer.stopTyping();
    assert.equal(typingCalls().length, 2);
  });

  it("writes private notes from the note tab, and says so when typing", () => {
    const { sent, composer, state, type, typingCalls } = setUp();
    const [replyTab, noteTab] = [...composer.element.querySelectorAll('[role="tab"]')];
    /** @type {HTMLButtonElement} */ (noteTab).click();
    assert.equal(state.noteMode, true);
    assert.equal(noteTab.getAttribute("aria-selected"), "true");
    assert.equal(replyTab.getAttribute("aria-selected"), "false");
    assert.ok(composer.element.classList.contains("note-mode"));
    assert.equal(composer.textarea.getAttribute("aria-label"), "Private note");
    type("only agents");
    assert.deepEqual(typingCalls(), [{ typing_status: "on", is_private: true }]);
    press(composer.textarea, "Enter");
    assert.equal(sent[0].private, true);
  });

  it("replies to a message: the bar names it, Escape drops it, the copy quotes it", () => {
    const { sent, composer, state, type } = setUp();
    const bar = /** @type {HTMLElement} */ (composer.element.querySelector(".reply-bar"));
    assert.equal(bar.hidden, true);
    const target = /** @type {Message} */ ({ id: 41, message_type: MESSAGE_TYPE.INCOMING, content: "Where is my order?", sender: { id: 2, name: "Vera Visitor" } });
    composer.setReply(target);
    assert.equal(bar.hidden, false);
    assert.match(bar.textContent || "", /Replying to Vera Visitor/);
    assert.match(bar.textContent || "", /Where is my order\?/);
    assert.equal(document.activeElement, composer.textarea);
    press(composer.textarea, "Escape");
    assert.equal(bar.hidden, true);
    assert.equal(state.replyTarget, null);
    composer.setReply(target);
    type("On its way");
    press(composer.textarea, "Enter");
    assert.equal(sent[0].content_attributes?.in_reply_to, 41);
    assert.equal(sent[0].content_attributes?.reply_to.content, "Where is my order?");
    assert.equal(sent[0].content_attributes?.reply_to.sender_name, "Vera Visitor");
    assert.equal(bar.hidden, true);
  });
});
