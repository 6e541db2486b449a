// @ts-check
// CallSession: the phases, which signals a session takes, perfect negotiation
// and the actions it performs, with fake media and peer connections.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { CallSession, callPhase, formatDuration, isMissingCamera, timeOf } from "../../common/static/kit/call.js";

class FakeTrack extends EventTarget {
  /** @param {string} kind @param {string} [label] */
  constructor(kind, label = kind) {
    super();
    this.kind = kind;
    this.label = label;
    this.enabled = true;
    this.stopped = false;
  }
  stop() {
    this.stopped = true;
  }
}

class FakeStream {
  /** @param {FakeTrack[]} tracks */
  constructor(tracks = []) {
    this.tracks = [...tracks];
  }
  getTracks() {
    return this.tracks;
  }
  getVideoTracks() {
    return this.tracks.filter((t) => t.kind === "video");
  }
  /** @param {FakeTrack} track */
  addTrack(track) {
    this.tracks.push(track);
  }
  /** @param {FakeTrack} track */
  removeTrack(track) {
    this.tracks = this.tracks.filter((t) => t !== track);
  }
}

class FakePeer {
  /** @param {any} config */
  constructor(config) {
    this.config = config;
    /** @type {any[]} */
    this.transceivers = [];
    this.signalingState = "stable";
    /** @type {any} */
    this.localDescription = null;
    /** @type {any[]} */
    this.remote = [];
    /** @type {any[]} */
    this.candidates = [];
    this.restarts = 0;
    this.closed = false;
    this.connectionState = "new";
    /** @type {any} */
    this.onconnectionstatechange = null;
  }
  /** @param {any} trackOrKind @param {any} init */
  addTransceiver(trackOrKind, init) {
    const kind = typeof trackOrKind === "string" ? trackOrKind : trackOrKind.kind;
    this.transceivers.push(transceiver(kind, typeof trackOrKind === "string" ? null : trackOrKind, init.direction));
  }
  getTransceivers() {
    return this.transceivers;
  }
  async setLocalDescription() {
    const type = this.signalingState === "have-remote-offer" ? "answer" : "offer";
    this.signalingState = type === "offer" ? "have-local-offer" : "stable";
    this.localDescription = { type, sdp: `${type}-sdp`, toJSON: () => ({ type, sdp: `${type}-sdp` }) };
  }
  /** @param {any} description */
  async setRemoteDescription(description) {
    this.remote.push(description);
    if (description.type === "offer") {
      if (!this.transceivers.length) this.transceivers = [transceiver("audio", null, "recvonly"), transceiver("video", null, "recvonly")];
      this.signalingState = "have-remote-offer";
    } else this.signalingState = "stable";
  }
  /** @param {any} candidate */
  async addIceCandidate(candidate) {
    this.candidates.push(candidate);
  }
  restartIce() {
    this.restarts += 1;
  }
  close() {
    this.closed = true;
  }
  /** @param {string} state */
  goes(state) {
    this.connectionState = state;
    this.onconnectionstatechange?.();
  }
}

/** @param {string} kind @param {any} track @param {string} direction */
function transceiver(kind, track, direction) {
  return {
    direction,
    receiver: { track: new FakeTrack(kind) },
    sender: {
      track,
      /** @param {any} next */
      async replaceTrack(next) {
        this.track = next;
      },
      setStreams() {},
    },
  };
}

/**
 * A session with fakes; `performed` holds its actions, `peers` its connections.
 * @param {"agent" | "contact"} side
 * @param {{camera?: boolean}} [options]
 */
function session(side, { camera = true } = {}) {
  /** @type {[string, any][]} */
  const performed = [];
  /** @type {FakePeer[]} */
  const peers = [];
  /** @type {any[]} */
  const asked = [];
  const media = {
    /** @param {any} constraints */
    async getUserMedia(constraints) {
      asked.push(constraints);
      if (constraints.video && !camera) throw Object.assign(new Error("none"), { name: "NotFoundError" });
      return new FakeStream([new FakeTrack("audio"), ...(constraints.video ? [new FakeTrack("video", "camera")] : [])]);
    },
    async getDisplayMedia() {
      return new FakeStream([new FakeTrack("video", "screen")]);
    },
  };
  const s = new CallSession({
    side,
    perform: (action, data) => performed.push([action, data]),
    media: /** @type {any} */ (media),
    peers: {
      createPeer: (config) => {
        const peer = new FakePeer(config);
        peers.push(peer);
        return /** @type {any} */ (peer);
      },
      createStream: () => /** @type {any} */ (new FakeStream()),
    },
  });
  return { s, performed, peers, asked };
}

/**
 * @param {Record<string, any>} changes
 * @returns {import("../../common/static/kit/call.js").Call}
 */
function call(changes = {}) {
  return /** @type {any} */ ({
    id: 7, account_id: 1, conversation_id: 3, state: "ringing", requested_by: "agent", audio: true, video: true,
    screen_sharing: "", agent: { id: 1, name: "Ann" }, contact: { id: 2, name: "Bo" }, ice_servers: [{ urls: "stun:example.org" }],
    ...changes,
  });
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("callPhase", () => {
  it("tells who rings and how the connection goes", () => {
    assert.equal(callPhase(call(), "agent"), "calling");
    assert.equal(callPhase(call(), "contact"), "incoming");
    assert.equal(callPhase(call({ state: "accepted" }), "contact"), "connecting");
    assert.equal(callPhase(call({ state: "active" }), "agent"), "connected");
    assert.equal(callPhase(call({ state: "interrupted" }), "agent"), "reconnecting");
    for (const state of ["ended", "rejected", "missed"]) assert.equal(callPhase(call({ state }), "agent"), "ended");
  });
});

describe("formatDuration and timeOf", () => {
  it("writes a clock", () => {
    assert.equal(formatDuration(42), "00:42");
    assert.equal(formatDuration(725), "12:05");
    assert.equal(formatDuration(3723), "1:02:03");
    assert.equal(formatDuration(-3), "00:00");
  });

  it("reads epoch seconds and ISO times", () => {
    assert.equal(timeOf(10), 10000);
    assert.equal(timeOf("1970-01-01T00:00:10Z"), 10000);
    assert.equal(timeOf("soon"), null);
    assert.equal(timeOf(null), null);
  });

  it("knows which media errors mean no camera", () => {
    assert.equal(isMissingCamera({ name: "NotFoundError" }), true);
    assert.equal(isMissingCamera({ name: "NotAllowedError" }), false);
    assert.equal(isMissingCamera(null), false);
  });
});

describe("CallSession", () => {
  it("asks for the devices only when the person calls, then requests", async () => {
    const { s, performed, asked } = session("agent");
    assert.equal(asked.length, 0);
    await s.request(3, true);
    assert.deepEqual(asked, [{ audio: true, video: true }]);
    assert.deepEqual(performed, [["call_request", { conversation_id: 3, video: true }]]);
  });

  it("falls back to the microphone when there is no camera", async () => {
    const { s, performed } = session("contact", { camera: false });
    s.ring(call());
    await s.accept(true);
    assert.equal(s.noCamera, true);
    assert.deepEqual(s.local?.getTracks().map((t) => t.kind), ["audio"]);
    assert.deepEqual(performed, [["call_accept", { call_id: 7, video: false }]]);
  });

  it("takes its own request's call, not a call of another conversation or side", async () => {
    const { s } = session("agent");
    await s.request(3, true);
    assert.equal(s.update(call({ id: 9, conversation_id: 4 })), false);
    assert.equal(s.update(call({ id: 9, requested_by: "contact" })), false);
    assert.equal(s.update(call()), true);
    assert.equal(s.update(call({ id: 8 })), false);
    assert.equal(s.call?.id, 7);
  });

  it("ignores signals of other calls and its own", async () => {
    const { s, peers } = session("contact");
    s.ring(call());
    await s.accept(true);
    s.update(call({ state: "accepted" }));
    assert.equal(s.receive({ call_id: 8, from: "agent", signal: { type: "offer", sdp: "x" } }), false);
    assert.equal(s.receive({ call_id: 7, from: "contact", signal: { type: "offer", sdp: "x" } }), false);
    assert.equal(s.receive({ call_id: 7, from: "agent", signal: "offer" }), false);
    await tick();
    assert.equal(peers[0].remote.length, 0);
  });

  it("agent offers once accepted; the contact answers with its tracks", async () => {
    const agent = session("agent");
    const contact = session("contact");
    await agent.s.request(3, true);
    agent.s.update(call());
    contact.s.ring(call());
    await contact.s.accept(true);
    // A signal before the connection exists waits for it.
    agent.s.update(call({ state: "accepted" }));
    const agentPeer = agent.peers[0];
    assert.deepEqual(agentPeer.config, { iceServers: [{ urls: "stun:example.org" }] });
    assert.deepEqual(agentPeer.transceivers.map((t) => t.sender.track?.label), ["audio", "camera"]);
    await agent.s.offer();
    const [action, offer] = agent.performed.at(-1) || [];
    assert.equal(action, "call_signal");
    assert.deepEqual(offer, { call_id: 7, signal: { type: "offer", sdp: "offer-sdp" } });
    contact.s.receive({ call_id: 7, from: "agent", signal: offer.signal });
    contact.s.update(call({ state: "accepted" }));
    await tick();
    const contactPeer = contact.peers[0];
    assert.deepEqual(contactPeer.remote.map((d) => d.type), ["offer"]);
    assert.deepEqual(contactPeer.transceivers.map((t) => [t.sender.track?.label, t.direction]), [["audio", "sendrecv"], ["camera", "sendrecv"]]);
    assert.deepEqual(contact.performed.at(-1), ["call_signal", { call_id: 7, signal: { type: "answer", sdp: "answer-sdp" } }]);
  });

  it("the impolite agent ignores a colliding offer; the polite contact yields", async () => {
    const agent = session("agent");
    await agent.s.request(3, true);
    agent.s.update(call({ state: "accepted" }));
    await agent.s.offer();
    agent.s.receive({ call_id: 7, from: "contact", signal: { type: "offer", sdp: "theirs" } });
    await tick();
    assert.equal(agent.peers[0].remote.length, 0);
    assert.equal(agent.s.ignoreOffer, true);

    const contact = session("contact");
    contact.s.ring(call());
    await contact.s.accept(true);
    contact.s.update(call({ state: "accepted" }));
    contact.peers[0].signalingState = "have-local-offer";
    contact.s.receive({ call_id: 7, from: "agent", signal: { type: "offer", sdp: "theirs" } });
    await tick();
    assert.deepEqual(contact.peers[0].remote.map((d) => d.sdp), ["theirs"]);
  });

  it("reports the connection once per change and restarts ICE when it fails", async () => {
    const { s, performed, peers } = session("agent");
    await s.request(3, false);
    s.update(call({ video: false, state: "accepted" }));
    const peer = peers[0];
    peer.goes("connected");
    peer.goes("connected");
    peer.goes("disconnected");
    peer.goes("failed");
    peer.goes("connected");
    const states = performed.filter(([a]) => a === "call_state").map(([, d]) => d.state);
    assert.deepEqual(states, ["active", "interrupted", "active"]);
    assert.equal(peer.restarts, 1);
    assert.ok(s.connectedSince);
  });

  it("restarts a connection that stays disconnected, not one that comes back", (t) => {
    t.mock.timers.enable({ apis: ["setTimeout"] });
    const { s, peers } = session("contact");
    s.ring(call({ state: "accepted" }));
    s.local = /** @type {any} */ (new FakeStream([new FakeTrack("audio")]));
    s.connect();
    const peer = peers[0];
    peer.goes("connected");
    peer.goes("disconnected");
    t.mock.timers.tick(1000);
    peer.goes("connected");
    t.mock.timers.tick(5000);
    assert.equal(peer.restarts, 0);
    peer.goes("disconnected");
    t.mock.timers.tick(3000);
    assert.equal(peer.restarts, 1);
    s.close();
  });

  it("mutes, turns the camera off, shares the screen and comes back to the camera", async () => {
    const { s, performed, peers } = session("agent");
    await s.request(3, true);
    s.update(call({ state: "accepted" }));
    s.toggleMute();
    s.toggleCamera();
    assert.equal(s.track("audio")?.enabled, false);
    assert.equal(s.track("video")?.enabled, false);
    await s.shareScreen();
    const sender = peers[0].transceivers[1].sender;
    assert.equal(sender.track.label, "screen");
    await s.stopSharing();
    assert.equal(sender.track.label, "camera");
    const screen = performed.filter(([a]) => a === "call_screen").map(([, d]) => d.sharing);
    assert.deepEqual(screen, [true, false]);
  });

  it("lets the camera go when the call was answered without video", async () => {
    const { s, peers } = session("agent");
    await s.request(3, true);
    const camera = s.track("video");
    s.update(call({ state: "accepted", video: false }));
    assert.equal(/** @type {any} */ (camera)?.stopped, true);
    assert.equal(peers[0].transceivers[1].sender.track, null);
  });

  it("cancels its own ringing call, declines another's, hangs up a live one", async () => {
    const caller = session("agent");
    await caller.s.request(3, true);
    caller.s.update(call());
    caller.s.hangUp();
    assert.deepEqual(caller.performed.at(-1), ["call_cancel", { call_id: 7 }]);
    assert.equal(caller.s.local?.getTracks().every((t) => /** @type {any} */ (t).stopped), true);

    const callee = session("contact");
    callee.s.ring(call());
    callee.s.decline();
    assert.deepEqual(callee.performed, [["call_reject", { call_id: 7 }]]);

    const live = session("contact");
    live.s.ring(call());
    await live.s.accept(false);
    live.s.update(call({ state: "active" }));
    live.s.hangUp();
    assert.deepEqual(live.performed.at(-1), ["call_hangup", { call_id: 7 }]);
    assert.equal(live.peers[0].closed, true);
  });

  it("ends a refused request or answer, not a call going on", async () => {
    const refusedRequest = session("agent");
    await refusedRequest.s.request(3, true);
    refusedRequest.s.refused(undefined);
    assert.equal(refusedRequest.s.closed, true);
    const lateAnswer = session("agent");
    lateAnswer.s.ring(call({ requested_by: "contact" }));
    lateAnswer.s.refused(8);
    assert.equal(lateAnswer.s.closed, false);
    lateAnswer.s.refused(7);
    assert.equal(lateAnswer.s.closed, true);
    const live = session("agent");
    live.s.ring(call({ requested_by: "contact", state: "active" }));
    live.s.refused(7);
    assert.equal(live.s.closed, false);
  });

  it("closes when the call ends elsewhere and performs nothing after", async () => {
    const { s, performed, peers } = session("contact");
    s.ring(call());
    await s.accept(true);
    s.update(call({ state: "active" }));
    s.update(call({ state: "ended", ended_by: "agent" }));
    assert.equal(s.closed, true);
    assert.equal(peers[0].closed, true);
    const before = performed.length;
    s.hangUp();
    peers[0].goes("failed");
    assert.equal(performed.length, before);
  });
});
