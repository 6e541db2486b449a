// @ts-check
// The call's panel and prompt: the status line of each phase, the controls a
// call offers, and the caller's name drawn as text.
import "../js/page.js";

import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { CallSession } from "../../common/static/kit/call.js";
import { callStatus, createCallPanel, incomingCall } from "../../common/static/kit/call_panel.js";
import { interpolate } from "../../common/static/kit/i18n.js";

const WORDS = {
  title: "Call with %(name)s", ringing: "Ringing…", connecting: "Connecting…", connected: "Connected %(time)s",
  reconnecting: "Connection lost — reconnecting…", ended: "Call ended", mute: "Mute", unmute: "Unmute",
  cameraOff: "Camera off", cameraOn: "Camera on", share: "Share screen", stopSharing: "Stop sharing",
  hangUp: "Hang up", close: "Close", incomingVideo: "%(name)s is calling you (video)",
  incomingVoice: "%(name)s is calling you (voice)", acceptVideo: "Accept with video",
  acceptAudio: "Accept audio only", decline: "Decline", voiceOnly: "Voice call", someone: "Visitor",
};

/**
 * @param {Record<string, any>} changes
 * @returns {import("../../common/static/kit/call.js").Call}
 */
function call(changes = {}) {
  return /** @type {any} */ ({
    id: 7, account_id: 1, conversation_id: 3, state: "ringing", requested_by: "contact", audio: true, video: true,
    screen_sharing: "", agent: null, contact: { id: 2, name: "Bo" }, ...changes,
  });
}

/** @returns {CallSession} */
function session() {
  return new CallSession({ side: "agent", perform: () => {}, media: /** @type {any} */ ({}) });
}

describe("callStatus", () => {
  it("says how the call goes", () => {
    const s = session();
    assert.equal(callStatus(s, WORDS, interpolate), "Ringing…");
    s.call = call();
    assert.equal(callStatus(s, WORDS, interpolate), "Ringing…");
    s.call = call({ state: "accepted" });
    assert.equal(callStatus(s, WORDS, interpolate), "Connecting…");
    s.call = call({ state: "active", connected_at: new Date(Date.now() - 42_000).toISOString() });
    assert.equal(callStatus(s, WORDS, interpolate), "Connected 00:42");
    s.call = call({ state: "interrupted" });
    assert.equal(callStatus(s, WORDS, interpolate), "Connection lost — reconnecting…");
    s.call = call({ state: "ended" });
    assert.equal(callStatus(s, WORDS, interpolate), "Call ended");
  });
});

describe("call panel and prompt", () => {
  it("draws the caller's name as text, with the answers the call allows", () => {
    const name = '<img src=x onerror="alert(1)">Bo';
    /** @type {boolean[]} */
    const answers = [];
    const video = incomingCall({ call: call({ contact: { id: 2, name } }), side: "agent", words: WORDS, fill: interpolate, onAccept: (v) => answers.push(v), onDecline: () => {} });
    assert.equal(video.querySelector(".call-incoming-text")?.textContent, `${name} is calling you (video)`);
    assert.equal(video.querySelector("img"), null);
    /** @type {HTMLButtonElement} */ (video.querySelector(".call-accept-audio")).click();
    /** @type {HTMLButtonElement} */ (video.querySelector(".call-accept-video")).click();
    assert.deepEqual(answers, [false, true]);
    const voice = incomingCall({ call: call({ video: false, contact: { id: 2, name: "" } }), side: "agent", words: WORDS, fill: interpolate, onAccept: () => {}, onDecline: () => {} });
    assert.equal(voice.querySelector(".call-incoming-text")?.textContent, "Visitor is calling you (voice)");
    assert.equal(voice.querySelector(".call-accept-video"), null);
  });

  it("offers Close once the call is over", () => {
    const panel = createCallPanel({ words: () => WORDS, fill: interpolate, canShare: () => true, onClose: () => {} });
    const s = session();
    s.call = call({ state: "accepted", agent: { id: 1, name: "Ann" } });
    panel.render(s);
    assert.equal(panel.element.querySelector(".call-title")?.textContent, "Call with Bo");
    assert.deepEqual([...panel.element.querySelectorAll(".call-controls button")].map((b) => b.textContent), ["Mute", "Hang up"]);
    s.closed = true;
    panel.render(s);
    assert.equal(panel.element.querySelector(".call-status")?.textContent, "Call ended");
    assert.deepEqual([...panel.element.querySelectorAll(".call-controls button")].map((b) => b.textContent), ["Close"]);
    panel.hide();
    assert.equal(panel.element.hidden, true);
  });
});
