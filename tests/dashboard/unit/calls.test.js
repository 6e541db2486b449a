// @ts-check
// Calls on a dashboard page: a contact's call rings this agent as a banner
// until it is answered, declined or taken by a colleague; other calls and
// refusals are handled without drawing what is not this agent's.
import "../../js/page.js";

import assert from "node:assert/strict";
import { beforeEach, describe, it } from "node:test";

import { EVENT } from "../../../common/static/kit/wire.js";
import { mount } from "../../../dashboard/static/dashboard/calls.js";
import { fakeApi, fakeContext } from "./thread_fakes.js";

/** @param {Record<string, any>} changes */
function call(changes = {}) {
  return {
    id: 7, account_id: 1, conversation_id: 3, state: "ringing", requested_by: "contact", audio: true, video: true,
    screen_sharing: "", agent: null, contact: { id: 2, name: '<img src=x onerror="alert(1)">Vera' }, ...changes,
  };
}

function setUp() {
  const ctx = fakeContext(fakeApi());
  /** @type {[string, any][]} */
  const performed = [];
  ctx.cable = { perform: (action, data) => void performed.push([action, data || {}]) };
  mount(ctx);
  return { ctx, performed };
}

const banners = () => [...document.querySelectorAll(".call-banners .call-incoming")];

describe("dashboard calls", () => {
  beforeEach(() => {
    document.body.innerHTML = '<div id="toast" hidden></div>';
  });

  it("rings a contact's call as a banner, the name drawn as text, and declines it", () => {
    const { ctx, performed } = setUp();
    ctx.emit(EVENT.CALL_UPDATED, call());
    assert.equal(banners().length, 1);
    assert.equal(banners()[0].querySelector(".call-incoming-text")?.textContent, '<img src=x onerror="alert(1)">Vera is calling you (video)');
    assert.equal(document.querySelector(".call-banners img"), null);
    /** @type {HTMLButtonElement} */ (document.querySelector(".call-banners .call-decline")).click();
    assert.deepEqual(performed, [["call_reject", { call_id: 7 }]]);
    assert.equal(banners().length, 0);
  });

  it("stops ringing when a colleague answers or the call ends, and ignores another agent's call", () => {
    const { ctx, performed } = setUp();
    ctx.emit(EVENT.CALL_UPDATED, call());
    ctx.emit(EVENT.CALL_UPDATED, call({ id: 8, conversation_id: 4 }));
    assert.equal(banners().length, 2);
    ctx.emit(EVENT.CALL_UPDATED, call({ state: "accepted", agent: { id: 99, name: "Colin" } }));
    assert.deepEqual(banners().map((b) => b.getAttribute("data-call-id")), ["8"]);
    ctx.emit(EVENT.CALL_UPDATED, call({ id: 8, conversation_id: 4, state: "missed" }));
    assert.equal(banners().length, 0);
    ctx.emit(EVENT.CALL_UPDATED, call({ id: 9, state: "ringing", requested_by: "agent", agent: { id: 99, name: "Colin" } }));
    ctx.emit(EVENT.CALL_SIGNAL, { call_id: 9, from: "contact", signal: { type: "offer", sdp: "x" } });
    assert.equal(banners().length, 0);
    assert.deepEqual(performed, []);
  });

  it("a refusal of a ringing call's answer takes its banner away", () => {
    const { ctx } = setUp();
    ctx.emit(EVENT.CALL_UPDATED, call());
    ctx.emit(EVENT.OPERATION_FAILED, { operation: "assign", call_id: 7 });
    assert.equal(banners().length, 1);
    ctx.emit(EVENT.OPERATION_FAILED, { operation: "call", code: "already_answered", reason: "Someone else already answered this call.", call_id: 7 });
    assert.equal(banners().length, 0);
    assert.equal(document.getElementById("toast")?.textContent, "Someone else already answered this call.");
  });
});
