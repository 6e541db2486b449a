// @ts-check
// Sending the composer's messages: in the order typed, the server's copy
// replacing the pending one; a failure keeps the message and its text in the
// thread, marked, and Retry sends it again.
import "../../js/page.js";

import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { MESSAGE_TYPE } from "../../../common/static/kit/wire.js";
import { createOutbox, pendingMessage, requestBody } from "../../../dashboard/static/dashboard/thread/outbox.js";
import { createThreadState, openIn } from "../../../dashboard/static/dashboard/thread/state.js";
import { fakeApi, fakeContext, settle } from "./thread_fakes.js";

const user = { id: 7, name: "Ada Agent" };

/** @param {string} content */
const local = (content) => pendingMessage({ content, files: [], note: false, target: null, user, conversationId: 3 });

describe("outbox", () => {
  it("sends in the order typed and takes the server's copy in place of the pending one", async () => {
    let stored = 100;
    const api = fakeApi({ "POST conversations/3/messages": (/** @type {any} */ body) => ({ ...body, id: ++stored, message_type: MESSAGE_TYPE.OUTGOING }) });
    const state = createThreadState();
    openIn(state, 3);
    let redraws = 0;
    const outbox = createOutbox(fakeContext(api), { state, redraw: () => redraws++ });
    const first = local("first");
    const second = local("second");
    state.messages.addPending(first);
    state.messages.addPending(second);
    outbox.send(first);
    outbox.send(second);
    await settle();
    assert.deepEqual(api.calls.map((c) => c.body.content), ["first", "second"]);
    assert.equal(api.calls[0].body.echo_id, first.echo_id);
    assert.deepEqual(state.messages.list().map((m) => [m.id, m.content]), [[101, "first"], [102, "second"]]);
    assert.equal(redraws, 2);
  });

  it("keeps a failed message and its text, marked, and sends it again on Retry", async () => {
    let fail = true;
    const api = fakeApi({ "POST conversations/3/messages": (/** @type {any} */ body) => (fail ? new Error("offline") : { ...body, id: 9, message_type: MESSAGE_TYPE.OUTGOING }) });
    const state = createThreadState();
    openIn(state, 3);
    const outbox = createOutbox(fakeContext(api), { state, redraw: () => {} });
    const message = local("still here");
    state.messages.addPending(message);
    outbox.send(message);
    await settle();
    assert.equal(message.failed, true);
    assert.equal(message.pending, false);
    assert.deepEqual(state.messages.list().map((m) => m.content), ["still here"]);
    fail = false;
    outbox.retry(message);
    assert.equal(message.pending, true);
    assert.equal(message.failed, false);
    await settle();
    assert.equal(api.calls.length, 2);
    assert.equal(api.calls[1].body.echo_id, message.echo_id);
    assert.deepEqual(state.messages.list().map((m) => [m.id, m.content]), [[9, "still here"]]);
  });

  it("sends files as a form with the reply's target, text alone as JSON", () => {
    const target = /** @type {import("../../../common/static/kit/wire.js").Message} */ ({ id: 41, message_type: MESSAGE_TYPE.INCOMING, content: "hi" });
    const file = new File(["x"], "photo.png", { type: "image/png" });
    const body = requestBody(pendingMessage({ content: "see", files: [file], note: true, target, user, conversationId: 3 }));
    assert.ok(body instanceof FormData);
    assert.equal(body.get("content"), "see");
    assert.equal(body.get("private"), "true");
    assert.equal(body.get("content_attributes"), JSON.stringify({ in_reply_to: 41 }));
    assert.equal(/** @type {File} */ (body.getAll("attachments[]")[0]).name, "photo.png");
    const plain = local("plain");
    assert.deepEqual(requestBody(plain), { content: "plain", private: false, echo_id: plain.echo_id });
  });
});
