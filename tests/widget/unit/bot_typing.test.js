// @ts-check
// An agent bot's typing in the widget: shown under its name like an agent's,
// gone when its answer arrives.
import "../../js/page.js";

import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { EVENT, MESSAGE_TYPE } from "../../../common/static/kit/wire.js";
import { createAgentTyping } from "../../../widget/static/widget/agent_typing.js";
import { createEventHandler } from "../../../widget/static/widget/events.js";

describe("widget bot typing", () => {
  it("shows the bot typing and hides it with the bot's message", () => {
    const thread = document.createElement("div");
    thread.id = "thread";
    document.body.append(thread);
    const line = document.createElement("p");
    const agentTyping = createAgentTyping(line, () => {});
    const conversation = { id: 7 };
    const handle = createEventHandler(/** @type {any} */ ({
      config: { agentIds: [] },
      state: { conversation },
      thread: { merge: () => [] },
      header: {},
      agentTyping,
      calls: { handle: () => false },
      noteNew: () => {},
      scheduleEmailPrompt: () => {},
      setConversation: () => {},
    }));
    const bot = { id: 3, name: "Robo <b>One</b>", type: "agent_bot" };
    handle(EVENT.CONVERSATION_TYPING_ON, { conversation: { id: 7 }, user: bot, is_private: false });
    assert.equal(line.hidden, false);
    assert.equal(line.textContent, "Robo <b>One</b> is typing…");
    assert.equal(line.querySelector("b"), null);
    handle(EVENT.MESSAGE_CREATED, { id: 1, conversation_id: 7, message_type: MESSAGE_TYPE.OUTGOING, sender: bot, content: "Hi" });
    assert.equal(line.hidden, true);
    handle(EVENT.CONVERSATION_TYPING_ON, { conversation: { id: 7 }, user: bot, is_private: true });
    assert.equal(line.hidden, true);
    thread.remove();
  });
});
