// @ts-check
// One message of the open conversation as the agent sees it: text stays text,
// notes and activity lines look their part, and the buttons offered follow
// who wrote it and whether it was sent.
import "../../js/page.js";

import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { MESSAGE_TYPE } from "../../../common/static/kit/wire.js";
import { mayDelete, mayEdit, messageView } from "../../../dashboard/static/dashboard/thread/message_view.js";

/** @typedef {import("../../../common/static/kit/wire.js").Message} Message */

/** @param {Partial<Message>} fields */
function message(fields) {
  return /** @type {Message} */ ({ id: 5, message_type: MESSAGE_TYPE.INCOMING, content: "Hello", created_at: 1_700_000_000, ...fields });
}

/** What the message's buttons asked, by action. */
/** @type {Record<string, unknown[][]>} */
let heard = {};

/** Actions that record what they were asked in `heard`. */
function actions() {
  heard = { retry: [], reply: [], react: [], startEdit: [], remove: [] };
  const note = /** @param {string} name */ (name) => /** @param {unknown[]} args */ (...args) => void heard[name].push(args);
  return {
    jumpTo: () => false,
    retry: note("retry"),
    reply: note("reply"),
    react: note("react"),
    onReacting: () => {},
    startEdit: note("startEdit"),
    remove: note("remove"),
  };
}

const look = { seen: false, editor: null, reacting: false, userId: 7, isAdministrator: false };
const mine = { type: "user", id: 7, name: "Ada Agent" };

/** @param {HTMLElement} item */
const buttons = (item) => [...item.querySelectorAll(".message-meta button")].map((b) => b.textContent);

describe("message view", () => {
  it("draws what the visitor typed as text: markup stays inert", () => {
    const item = messageView(message({ content: '<img src=x onerror="alert(1)"><b>bold</b>' }), look, actions());
    assert.equal(item.querySelector("img"), null);
    assert.equal(item.querySelector("b"), null);
    assert.match(item.querySelector(".content")?.textContent || "", /<img src=x onerror="alert\(1\)"><b>bold<\/b>/);
    assert.equal(item.dataset.messageId, "5");
    assert.ok(item.classList.contains("incoming"));
    assert.match(item.querySelector(".message-meta")?.textContent || "", /Visitor/);
  });

  it("marks a private note with its class and tag", () => {
    const item = messageView(message({ message_type: MESSAGE_TYPE.OUTGOING, private: true, sender: mine }), look, actions());
    assert.ok(item.classList.contains("note"));
    assert.ok(item.classList.contains("outgoing"));
    assert.equal(item.querySelector(".note-tag")?.textContent, "Private note");
  });

  it("draws an activity line without a bubble or buttons", () => {
    const item = messageView(message({ message_type: MESSAGE_TYPE.ACTIVITY, content: "Conversation was resolved" }), look, actions());
    assert.equal(item.className, "message activity");
    assert.equal(item.querySelector(".bubble"), null);
    assert.equal(item.querySelectorAll("button").length, 0);
    assert.match(item.textContent || "", /Conversation was resolved/);
  });

  it("offers Reply, React, Edit and Delete on the agent's own sent text", () => {
    const act = actions();
    const m = message({ message_type: MESSAGE_TYPE.OUTGOING, sender: mine });
    const item = messageView(m, look, act);
    assert.deepEqual(buttons(item), ["Reply", "React", "Edit", "Delete"]);
    /** @type {HTMLButtonElement} */ (item.querySelector(".message-edit")).click();
    /** @type {HTMLButtonElement} */ (item.querySelector(".message-reply")).click();
    assert.equal(heard.startEdit[0][0], m);
    assert.equal(heard.reply[0][0], m);
  });

  it("offers no Edit on another's message, and Delete only to administrators", () => {
    const other = message({ message_type: MESSAGE_TYPE.OUTGOING, sender: { type: "user", id: 8, name: "Bo" } });
    assert.deepEqual(buttons(messageView(other, look, actions())), ["Reply", "React"]);
    assert.deepEqual(buttons(messageView(other, { ...look, isAdministrator: true }, actions())), ["Reply", "React", "Delete"]);
    assert.equal(mayEdit(message({ message_type: MESSAGE_TYPE.OUTGOING, sender: mine, content_type: "form" }), 7), false);
    assert.equal(mayDelete(other, 7, false), false);
  });

  it("shows a pending copy as sending, with nothing to act on", () => {
    const item = messageView(message({ id: undefined, echo_id: "e1", message_type: MESSAGE_TYPE.OUTGOING, sender: mine, pending: true }), look, actions());
    assert.ok(item.classList.contains("pending"));
    assert.equal(item.dataset.echoId, "e1");
    assert.match(item.querySelector(".delivery")?.textContent || "", /Sending…/);
    assert.deepEqual(buttons(item), []);
  });

  it("offers Retry on a failed copy", () => {
    const m = message({ id: undefined, echo_id: "e2", message_type: MESSAGE_TYPE.OUTGOING, sender: mine, failed: true });
    const item = messageView(m, look, actions());
    assert.ok(item.classList.contains("failed"));
    assert.deepEqual(buttons(item), ["Retry"]);
    /** @type {HTMLButtonElement} */ (item.querySelector(".message-meta button")).click();
    assert.equal(heard.retry[0][0], m);
  });

  it("says a deleted message was deleted and offers nothing", () => {
    const item = messageView(message({ content: "secret", content_attributes: { deleted: true } }), look, actions());
    assert.equal(item.querySelector(".deleted")?.textContent, "This message was deleted");
    assert.doesNotMatch(item.textContent || "", /secret/);
    assert.deepEqual(buttons(item), []);
  });

  it("puts the edit form in place of the text while editing", () => {
    const editor = document.createElement("div");
    editor.className = "edit-form";
    const item = messageView(message({ message_type: MESSAGE_TYPE.OUTGOING, sender: mine }), { ...look, editor }, actions());
    assert.equal(item.querySelector(".edit-form"), editor);
    assert.equal(item.querySelector(".content"), null);
  });
});
