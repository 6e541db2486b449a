// @ts-check
// Sending from the widget: a message shows at once and its stored copy takes
// its place; a send that fails can be retried; a refused one says why; the
// composer turns away a file the server would refuse.
import "../../js/page.js";

import assert from "node:assert/strict";
import { beforeEach, describe, it } from "node:test";

import { ApiError } from "../../../common/static/kit/http.js";
import { MESSAGE_TYPE } from "../../../common/static/kit/wire.js";
import { fileProblem } from "../../../widget/static/widget/composer.js";
import { createSending } from "../../../widget/static/widget/sending.js";
import { Thread } from "../../../widget/static/widget/thread.js";

/** @typedef {import("../../../common/static/kit/wire.js").Message} Message */

/**
 * A chat page with a thread and a server whose answers the test decides.
 * @param {Array<(body: {content: string, echoId: string}) => Message>} answers one per send, in order
 */
function openChat(answers) {
  document.body.innerHTML = '<section id="thread"><ol id="messages"></ol></section><p id="error" hidden></p>';
  /** @type {{content: string, echoId: string}[]} */
  const sent = [];
  const session = { ensured: 0, resets: 0 };
  const thread = new Thread(/** @type {HTMLElement} */ (document.getElementById("messages")), {
    onSubmitEmail: async () => {},
    onRetry: (message) => sending.retry(message),
    onAnswer: async () => {},
    onReact: () => {},
    onReply: () => {},
    viewer: /** @type {import("../../../widget/static/widget/media.js").ImageViewer} */ ({}),
  });
  const api = /** @type {import("../../../widget/static/widget/api.js").WidgetApi} */ (/** @type {unknown} */ ({
    /** @param {{content: string, echoId: string}} body */
    sendMessage: async (body) => {
      sent.push(body);
      const answer = answers.shift();
      if (!answer) throw new Error("no answer left");
      return answer(body);
    },
  }));
  let typingStops = 0;
  const sending = createSending({
    api,
    thread,
    session: {
      ensure: async () => { session.ensured += 1; },
      reset: () => { session.resets += 1; },
      openedConversation: async () => {},
    },
    scheduleEmailPrompt: () => {},
    stopTyping: () => { typingStops += 1; },
    takeReply: () => null,
  });
  return { sending, sent, session, typingStops: () => typingStops, rows: () => [...document.querySelectorAll("#messages li")] };
}

/** @param {number} id */
const confirmed = (id) => (/** @type {{content: string, echoId: string}} */ body) =>
  /** @type {Message} */ ({
    id,
    echo_id: body.echoId,
    content: body.content,
    message_type: MESSAGE_TYPE.INCOMING,
    created_at: 1700000000,
    updated_at: "2026-12-07T10:00:00Z",
  });

const fails = (/** @type {number} */ status) => () => {
  throw new ApiError(status, { error: status === 400 ? "Too long" : "Unavailable" });
};

describe("widget sending", () => {
  beforeEach(() => {
    document.body.innerHTML = "";
  });

  it("sends with a fresh echo id and shows the stored copy in its place", async () => {
    const chat = openChat([confirmed(21), confirmed(22)]);
    await chat.sending.send("Hi", null);
    await chat.sending.send("Again", null);
    assert.equal(chat.sent.length, 2);
    assert.ok(chat.sent[0].echoId);
    assert.notEqual(chat.sent[0].echoId, chat.sent[1].echoId);
    assert.deepEqual(chat.rows().map((row) => row.id), ["message-21", "message-22"]);
    assert.equal(chat.session.ensured, 2);
    assert.equal(chat.typingStops(), 2);
  });

  it("keeps a failed message for a retry that sends it once more and replaces it", async () => {
    const chat = openChat([fails(503), confirmed(31)]);
    await chat.sending.send("Still there?", null);
    assert.equal(chat.rows().length, 1);
    const retry = /** @type {HTMLButtonElement} */ (chat.rows()[0].querySelector(".message-failed button"));
    assert.ok(retry, "a failed message offers a retry");
    retry.click();
    // The retry's request is answered on the next turns of the event loop.
    await new Promise((resolve) => setTimeout(resolve, 0));
    assert.deepEqual(chat.sent.map((body) => body.content), ["Still there?", "Still there?"]);
    assert.deepEqual(chat.rows().map((row) => row.id), ["message-31"]);
    assert.equal(document.querySelector(".message-failed"), null);
  });

  it("drops a refused message and says why; an ended session starts over", async () => {
    const chat = openChat([fails(400), fails(401)]);
    await chat.sending.send("x".repeat(20000), null);
    assert.equal(chat.rows().length, 0);
    const error = /** @type {HTMLElement} */ (document.getElementById("error"));
    assert.equal(error.hidden, false);
    assert.equal(error.textContent, "Too long");
    await chat.sending.send("Hello?", null);
    assert.equal(chat.session.resets, 1);
    assert.equal(error.textContent, "Your chat session ended. Send your message again.");
  });
});

describe("widget file check", () => {
  const rules = { extensions: ["png", "pdf"], types: ["image/png", "application/pdf"], maxBytes: 1000, maxSize: "1 KB" };

  it("lets an allowed file through and names the problem of another", () => {
    assert.equal(fileProblem(new File(["x"], "a.png", { type: "image/png" }), rules), null);
    assert.equal(
      fileProblem(new File(["x"], "<b>run</b>.exe", { type: "application/x-msdownload" }), rules),
      "<b>run</b>.exe: this file type is not allowed.",
    );
    assert.equal(
      fileProblem(new File(["x".repeat(2000)], "big.pdf", { type: "application/pdf" }), rules),
      "big.pdf: the file is larger than the 1 KB limit.",
    );
  });
});
