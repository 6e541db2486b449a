// @ts-check
// The widget's thread: a pending message and its confirmation are one message
// (by echo id), a failed one offers a retry, and what agents and visitors
// typed stays text.
import "../../js/page.js";

import assert from "node:assert/strict";
import { beforeEach, describe, it } from "node:test";

import { MESSAGE_TYPE } from "../../../common/static/kit/wire.js";
import { Thread } from "../../../widget/static/widget/thread.js";

/** @typedef {import("../../../common/static/kit/wire.js").Message} Message */

const MARKUP = '<img src=x onerror="window.hacked = 1">';

/** @param {Partial<Message>} fields */
const stored = (fields) =>
  /** @type {Message} */ ({
    message_type: MESSAGE_TYPE.INCOMING,
    created_at: 1700000000,
    updated_at: "2026-12-07T10:00:00Z",
    content_attributes: {},
    ...fields,
  });

/** @returns {{thread: Thread, list: HTMLElement, retried: Message[]}} */
function openThread() {
  document.body.innerHTML = '<ol id="messages"></ol>';
  const list = /** @type {HTMLElement} */ (document.getElementById("messages"));
  /** @type {Message[]} */
  const retried = [];
  const thread = new Thread(list, {
    onSubmitEmail: async () => {},
    onRetry: (message) => retried.push(message),
    onAnswer: async () => {},
    onReact: () => {},
    onReply: () => {},
    viewer: /** @type {import("../../../widget/static/widget/media.js").ImageViewer} */ ({}),
  });
  return { thread, list, retried };
}

describe("widget thread", () => {
  /** @type {ReturnType<typeof openThread>} */
  let page;
  beforeEach(() => {
    page = openThread();
  });

  it("replaces a pending message with its confirmation by echo id, in the same row", () => {
    page.thread.addPending("echo-1", "Hello", null);
    const row = page.list.querySelector("li");
    assert.ok(row?.classList.contains("message-sending"));
    assert.match(row?.textContent || "", /Sending…/);
    const added = page.thread.merge([stored({ id: 7, echo_id: "echo-1", content: "Hello" })]);
    assert.equal(added.length, 1);
    const rows = page.list.querySelectorAll("li");
    assert.equal(rows.length, 1);
    assert.equal(rows[0], row, "the row drawn while sending stays in place");
    assert.equal(rows[0].id, "message-7");
    assert.ok(!rows[0].classList.contains("message-sending"));
    assert.doesNotMatch(rows[0].textContent || "", /Sending…/);
    // The same message again (a socket echo after the REST answer) adds nothing.
    assert.deepEqual(page.thread.merge([stored({ id: 7, echo_id: "echo-1", content: "Hello" })]), []);
    assert.equal(page.list.querySelectorAll("li").length, 1);
  });

  it("offers a failed message for retry and drops it when retried", () => {
    page.thread.addPending("echo-2", "Are you there?", null);
    page.thread.failPending("echo-2");
    const row = page.list.querySelector("li.message-failed");
    const retry = /** @type {HTMLButtonElement | null | undefined} */ (row?.querySelector("button.link-button"));
    assert.equal(retry?.textContent, "Not sent. Select to try again.");
    retry?.click();
    assert.equal(page.retried.length, 1);
    assert.equal(page.retried[0].content, "Are you there?");
    assert.equal(page.retried[0].echo_id, "echo-2");
    page.thread.dropPending("echo-2");
    assert.equal(page.list.querySelectorAll("li").length, 0);
  });

  it("keeps markup in an agent's name and message as text", () => {
    page.thread.merge([
      stored({
        id: 9,
        message_type: MESSAGE_TYPE.OUTGOING,
        content: MARKUP,
        sender: { id: 3, name: "<b>Boss</b>", type: "user" },
      }),
    ]);
    const row = page.list.querySelector("li.message-theirs");
    assert.equal(row?.querySelector(".message-author")?.textContent, "<b>Boss</b>");
    assert.equal(row?.querySelector(".message-text")?.textContent, MARKUP);
    assert.equal(page.list.querySelector("img, b"), null);
  });

  it("draws a visitor's own markup as text too, and skips private notes", () => {
    page.thread.merge([
      stored({ id: 10, content: MARKUP }),
      stored({ id: 11, message_type: MESSAGE_TYPE.OUTGOING, content: "internal", private: true }),
    ]);
    assert.equal(page.list.querySelectorAll("li").length, 1);
    assert.equal(page.list.querySelector(".message-mine .message-text")?.textContent, MARKUP);
    assert.equal(page.list.querySelector("img"), null);
  });
});
