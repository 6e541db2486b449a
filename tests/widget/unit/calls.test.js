// @ts-check
// Calls in the chat window: a call from the team rings (and opens a closed
// window), a declined call is rejected, events of other calls and refusals
// leave the window as it is, and the agent's name is drawn as text.
import "../../js/page.js";

import assert from "node:assert/strict";
import { beforeEach, describe, it } from "node:test";

import { EVENT } from "../../../common/static/kit/wire.js";
import { createCalls } from "../../../widget/static/widget/calls.js";
import { createState } from "../../../widget/static/widget/state.js";

/** @param {Record<string, any>} changes */
function call(changes = {}) {
  return {
    id: 7, account_id: 1, conversation_id: 3, state: "ringing", requested_by: "agent", audio: true, video: true,
    screen_sharing: "", agent: { id: 1, name: "Ann <b>Agent</b>" }, contact: { id: 2, name: "Bo" }, ...changes,
  };
}

function setUp({ open = false } = {}) {
  const state = createState(open);
  /** @type {[string, any][]} */
  const performed = [];
  /** @type {string[]} */
  const posted = [];
  state.live = { perform: (action, data) => void performed.push([action, data]), close: () => {} };
  state.conversation = /** @type {any} */ ({ id: 3, status: "open" });
  let changes = 0;
  const config = /** @type {any} */ ({ inbox: { name: "Acme", callsEnabled: true, visitorScreenSharing: false } });
  const calls = createCalls({ config, state, onChange: () => void changes++, post: (type) => void posted.push(type) });
  return { state, calls, performed, posted, changes: () => changes };
}

const prompt = () => document.querySelector("#call-area .call-incoming");

describe("widget calls", () => {
  beforeEach(() => {
    document.body.innerHTML = '<button id="call-start" hidden></button><section id="call-area"></section>';
  });

  it("rings a call from the team, opening a closed window, and declines it", () => {
    const { state, calls, performed, posted } = setUp();
    assert.equal(calls.handle(EVENT.CALL_UPDATED, call()), true);
    assert.deepEqual(posted, ["ring"]);
    assert.equal(state.inCall, true);
    assert.equal(prompt()?.querySelector(".call-incoming-text")?.textContent, "Ann <b>Agent</b> is calling you (video)");
    assert.equal(prompt()?.querySelector("b"), null);
    /** @type {HTMLButtonElement} */ (document.querySelector("#call-area .call-decline")).click();
    assert.deepEqual(performed, [["call_reject", { call_id: 7 }]]);
    assert.equal(prompt(), null);
    assert.equal(state.inCall, false);
  });

  it("does not open a window already open, and stops ringing when the call ends", () => {
    const { calls, posted } = setUp({ open: true });
    calls.handle(EVENT.CALL_UPDATED, call({ video: false, agent: null }));
    assert.deepEqual(posted, []);
    assert.equal(prompt()?.querySelector(".call-incoming-text")?.textContent, "Acme is calling you (voice)");
    assert.equal(prompt()?.querySelector(".call-accept-video"), null);
    calls.handle(EVENT.CALL_UPDATED, call({ id: 8, state: "ended" }));
    assert.notEqual(prompt(), null);
    calls.handle(EVENT.CALL_UPDATED, call({ state: "missed" }));
    assert.equal(prompt(), null);
  });

  it("ignores a visitor's own call ringing, other events and signals with no call", () => {
    const { calls, performed } = setUp();
    calls.handle(EVENT.CALL_UPDATED, call({ requested_by: "contact" }));
    assert.equal(prompt(), null);
    assert.equal(calls.handle(EVENT.CALL_SIGNAL, { call_id: 7, from: "agent", signal: { type: "offer", sdp: "x" } }), true);
    assert.equal(calls.handle(EVENT.MESSAGE_CREATED, {}), false);
    assert.deepEqual(performed, []);
  });

  it("offers a voice or a video call from the header's button", () => {
    const { state } = setUp({ open: true });
    /** @type {HTMLButtonElement} */ (document.getElementById("call-start")).click();
    const choice = document.querySelector(".call-choice");
    assert.deepEqual([...(choice?.querySelectorAll("button") || [])].map((b) => b.textContent), ["Video call", "Voice call", "Cancel"]);
    assert.equal(state.inCall, true);
    /** @type {HTMLButtonElement} */ (document.querySelectorAll(".call-choice button")[2]).click();
    assert.equal(document.querySelector(".call-choice"), null);
    assert.equal(state.inCall, false);
  });
});
