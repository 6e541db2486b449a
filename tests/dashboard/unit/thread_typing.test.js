// @ts-check
// Who else is typing in the open conversation: the contact or another agent,
// until they stop, send or go quiet; never the agent reading.
import "../../js/page.js";

import assert from "node:assert/strict";
import { describe, it, mock } from "node:test";

import { createTypingIndicator } from "../../../dashboard/static/dashboard/thread/typing_indicator.js";

const vera = { id: 4, name: "Vera Visitor" };
const bo = { id: 8, type: "user", name: "Bo", available_name: "Bo Agent" };

describe("typing indicator", () => {
  it("names who types, and who writes a note", () => {
    const typing = createTypingIndicator({ selfId: 7 });
    typing.set(true, vera);
    assert.equal(typing.element.textContent, "Vera Visitor is typing…");
    typing.set(true, bo, true);
    assert.equal(typing.element.textContent, "Vera Visitor is typing… Bo Agent is writing a note…");
    typing.set(false, vera);
    assert.equal(typing.element.textContent, "Bo Agent is writing a note…");
    typing.clear();
    assert.equal(typing.element.textContent, "");
  });

  it("never shows the agent reading", () => {
    const typing = createTypingIndicator({ selfId: 7 });
    typing.set(true, { id: 7, type: "user", name: "Ada" });
    assert.equal(typing.element.textContent, "");
    // A contact with the same id is someone else.
    typing.set(true, { id: 7, name: "Cy" });
    assert.equal(typing.element.textContent, "Cy is typing…");
  });

  it("drops who sent a message, and who went quiet", () => {
    mock.timers.enable({ apis: ["setTimeout"] });
    try {
      const typing = createTypingIndicator({ selfId: 7, timeoutMs: 1000 });
      typing.set(true, vera);
      typing.heard(vera);
      assert.equal(typing.element.textContent, "");
      typing.set(true, bo);
      mock.timers.tick(999);
      assert.equal(typing.element.textContent, "Bo Agent is typing…");
      mock.timers.tick(1);
      assert.equal(typing.element.textContent, "");
    } finally {
      mock.timers.reset();
    }
  });
});
