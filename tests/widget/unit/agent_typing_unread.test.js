// @ts-check
// The agent's typing line and the unread count for the launcher's badge.
import "../../js/page.js";

import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { MESSAGE_TYPE } from "../../../common/static/kit/wire.js";
import { createAgentTyping } from "../../../widget/static/widget/agent_typing.js";
import { createState } from "../../../widget/static/widget/state.js";
import { createUnread } from "../../../widget/static/widget/unread.js";

/** @typedef {import("../../../common/static/kit/wire.js").Message} Message */

describe("widget agent typing", () => {
  it("names the agent as text, and goes when hidden", () => {
    const line = document.createElement("p");
    let scrolled = 0;
    const typing = createAgentTyping(line, () => { scrolled += 1; });
    typing.show({ id: 1, available_name: "<i>Lin</i>", type: "user" });
    assert.equal(line.hidden, false);
    assert.equal(line.textContent, "<i>Lin</i> is typing…");
    assert.equal(line.querySelector("i"), null);
    assert.equal(scrolled, 1);
    typing.hide();
    assert.equal(line.hidden, true);
    assert.equal(line.textContent, "");
    typing.show({ id: 2, type: "user" });
    assert.equal(line.textContent, "Someone is typing…");
    typing.hide();
  });
});

describe("widget unread count", () => {
  /** @param {number} type @param {Partial<Message>} [fields] */
  const message = (type, fields = {}) => /** @type {Message} */ ({ id: 1, message_type: type, ...fields });

  it("counts replies for the launcher while the chat is closed, not the visitor's own", () => {
    const state = createState(false);
    /** @type {unknown[]} */
    const posted = [];
    const unread = createUnread({
      state,
      markSeen: async () => {},
      post: (type, data) => posted.push([type, data]),
      scrollToEnd: () => {},
    });
    unread.noteNew([message(MESSAGE_TYPE.INCOMING)]);
    assert.deepEqual(posted, []);
    unread.noteNew([message(MESSAGE_TYPE.OUTGOING), message(MESSAGE_TYPE.OUTGOING, { content_type: "reaction" })]);
    unread.noteNew([message(MESSAGE_TYPE.OUTGOING)]);
    assert.equal(state.unread, 2);
    assert.deepEqual(posted.at(-1), ["unread", { count: 2 }]);
    unread.setUnread(0);
    assert.deepEqual(posted.at(-1), ["unread", { count: 0 }]);
  });
});
