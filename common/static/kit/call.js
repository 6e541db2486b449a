// @ts-check
// In-chat calls: one CallSession per call wraps an RTCPeerConnection between
// the agent (impolite, makes the first offer) and the contact (polite), with
// the signalling and the call's control over /cable (`call_*` actions, the
// `call.updated` and `call.signal` events). The camera and microphone are
// asked for only once the person starts or accepts a call.

/**
 * The call as `call.updated` carries it (calls/serializers.py).
 * @typedef {object} Call
 * @property {number} id
 * @property {number} account_id
 * @property {number} conversation_id
 * @property {number} [inbox_id]
 * @property {string} state ringing, accepted, active, interrupted, ended, rejected, missed
 * @property {Side} requested_by
 * @property {boolean} audio
 * @property {boolean} video
 * @property {Side | ""} screen_sharing
 * @property {{id: number, name: string, avatar_url?: string} | null} agent
 * @property {{id: number, name: string}} contact
 * @property {number | string | null} [created_at]
 * @property {number | string | null} [connected_at]
 * @property {number | string | null} [ended_at]
 * @property {string | null} [ended_by]
 * @property {number | null} [duration]
 * @property {RTCIceServer[]} [ice_servers]
 */

/** @typedef {"agent" | "contact"} Side */

/**
 * What a call looks like from one side: "incoming" (the other side rings),
 * "calling" (this side rings), "connecting", "connected", "reconnecting", "ended".
 * @typedef {"incoming" | "calling" | "connecting" | "connected" | "reconnecting" | "ended"} Phase
 */

/** The client actions of a call. */
export const CALL_ACTION = Object.freeze({
  REQUEST: "call_request",
  ACCEPT: "call_accept",
  REJECT: "call_reject",
  CANCEL: "call_cancel",
  HANGUP: "call_hangup",
  STATE: "call_state",
  SCREEN: "call_screen",
  SIGNAL: "call_signal",
});

/** How long a disconnected connection may come back by itself before an ICE restart. */
export const RESTART_AFTER_MS = 3000;

/** The states in which a call still goes on. */
export const LIVE_STATES = new Set(["ringing", "accepted", "active", "interrupted"]);

/**
 * The call's phase as `side` sees it.
 * @param {Pick<Call, "state" | "requested_by">} call
 * @param {Side} side
 * @returns {Phase}
 */
export function callPhase(call, side) {
  if (call.state === "ringing") return call.requested_by === side ? "calling" : "incoming";
  if (call.state === "accepted") return "connecting";
  if (call.state === "active") return "connected";
  if (call.state === "interrupted") return "reconnecting";
  return "ended";
}

/**
 * Seconds as a clock: "00:42", "12:05", "1:02:03".
 * @param {number} seconds
 * @returns {string}
 */
export function formatDuration(seconds) {
  const total = Math.max(0, Math.floor(seconds || 0));
  const two = (/** @type {number} */ n) => String(n).padStart(2, "0");
  const hours = Math.floor(total / 3600);
  const clock = `${two(Math.floor((total % 3600) / 60))}:${two(total % 60)}`;
  return hours ? `${hours}:${clock}` : clock;
}

/**
 * A wire time (epoch seconds or ISO 8601) in epoch milliseconds, or null.
 * @param {number | string | null | undefined} value
 * @returns {number | null}
 */
export function timeOf(value) {
  if (typeof value === "number") return value * 1000;
  if (typeof value === "string" && value) {
    const at = Date.parse(value);
    return Number.isNaN(at) ? null : at;
  }
  return null;
}

/**
 * Whether an error of getUserMedia means there is no camera to use, so the
 * call goes on with the microphone alone.
 * @param {unknown} error
 * @returns {boolean}
 */
export function isMissingCamera(error) {
  const name = error && typeof error === "object" && "name" in error ? error.name : "";
  return name === "NotFoundError" || name === "OverconstrainedError" || name === "NotReadableError";
}

/**
 * @typedef {object} PeerFactory
 * @property {(config: RTCConfiguration) => RTCPeerConnection} createPeer
 * @property {() => MediaStream} createStream
 */

/**
 * @typedef {object} SessionOptions
 * @property {Side} side
 * @property {(action: string, data: object) => void} perform the page's /cable subscription
 * @property {Pick<MediaDevices, "getUserMedia" | "getDisplayMedia">} [media]
 * @property {PeerFactory} [peers]
 * @property {(session: CallSession) => void} [onChange] after anything shown changed
 */

/** One call seen from this page: its media, its connection, its signalling. */
export class CallSession {
  /** @param {SessionOptions} options */
  constructor({ side, perform, media, peers, onChange = () => {} }) {
    this.side = side;
    this.polite = side === "contact";
    this.perform = perform;
    this.media = media || navigator.mediaDevices;
    this.peers = peers || { createPeer: (config) => new RTCPeerConnection(config), createStream: () => new MediaStream() };
    this.onChange = onChange;
    /** @type {Call | null} */
    this.call = null;
    /** @type {MediaStream | null} */
    this.local = null;
    /** @type {MediaStream | null} */
    this.remote = null;
    /** @type {MediaStreamTrack | null} */
    this.screen = null;
    /** @type {RTCPeerConnection | null} */
    this.peer = null;
    this.muted = false;
    this.cameraOff = false;
    this.noCamera = false;
    this.makingOffer = false;
    this.ignoreOffer = false;
    this.tracksAttached = false;
    /** @type {"" | "active" | "interrupted"} */
    this.reported = "";
    /** @type {number | null} epoch ms when this page's connection first came up */
    this.connectedSince = null;
    /** @type {object[]} signals that came before the connection was made */
    this.pending = [];
    this.closed = false;
    /** @type {number | null} the conversation this page asked a call on */
    this.conversationId = null;
    /** @type {MediaStream | null} the shared screen, as the preview shows it */
    this.screenStream = null;
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.restartTimer = undefined;
  }

  // ### Starting and answering

  /**
   * Ask the other side for a call on `conversationId`: the camera and
   * microphone first, then the request.
   * @param {number} conversationId
   * @param {boolean} video
   */
  async request(conversationId, video) {
    this.conversationId = conversationId;
    await this.openMedia(video);
    this.perform(CALL_ACTION.REQUEST, { conversation_id: conversationId, video: video && !this.noCamera });
  }

  /**
   * Take up a call the other side asked for (it rings here).
   * @param {Call} call
   */
  ring(call) {
    this.call = call;
    this.update(call);
  }

  /**
   * Answer the ringing call, with the camera or the microphone alone.
   * @param {boolean} video
   */
  async accept(video) {
    const call = this.requireCall();
    await this.openMedia(video && call.video);
    this.perform(CALL_ACTION.ACCEPT, { call_id: call.id, video: video && call.video && !this.noCamera });
  }

  /** Decline the ringing call. */
  decline() {
    this.perform(CALL_ACTION.REJECT, { call_id: this.requireCall().id });
    this.close();
  }

  /** End the call: a call still ringing from this side is cancelled. */
  hangUp() {
    const call = this.call;
    if (call && LIVE_STATES.has(call.state)) {
      const phase = callPhase(call, this.side);
      if (phase === "calling") this.perform(CALL_ACTION.CANCEL, { call_id: call.id });
      else if (phase === "incoming") this.perform(CALL_ACTION.REJECT, { call_id: call.id });
      else this.perform(CALL_ACTION.HANGUP, { call_id: call.id });
    }
    this.close();
  }

  /**
   * The camera and microphone; without a camera, the microphone alone.
   * @param {boolean} video
   */
  async openMedia(video) {
    if (this.local) return;
    try {
      this.local = await this.media.getUserMedia({ audio: true, video });
    } catch (error) {
      if (!video || !isMissingCamera(error)) throw error;
      this.noCamera = true;
      this.local = await this.media.getUserMedia({ audio: true, video: false });
    }
    if (this.closed) this.stopMedia();
    this.onChange(this);
  }

  // ### Events from /cable

  /**
   * Take a `call.updated`: the first one names this session's call; one of
   * another call is ignored (returns false).
   * @param {Call} call
   * @returns {boolean}
   */
  update(call) {
    if (this.call && this.call.id !== call.id) return false;
    // The page's own request is answered by a call of this side on that conversation.
    if (!this.call && (call.conversation_id !== this.conversationId || call.requested_by !== this.side)) return false;
    if (this.closed) return false;
    this.call = call;
    if (!LIVE_STATES.has(call.state)) {
      this.close();
      return true;
    }
    if (!call.video) this.dropCamera();
    if (call.state !== "ringing" && this.local && !this.peer) this.connect();
    this.onChange(this);
    return true;
  }

  /**
   * Take a `call.signal`; one of another call, or sent by this side, is ignored.
   * @param {{call_id: number, from: string, signal: any}} data
   * @returns {boolean}
   */
  receive(data) {
    if (!this.call || data.call_id !== this.call.id || data.from === this.side || this.closed) return false;
    if (!data.signal || typeof data.signal !== "object") return false;
    if (!this.peer) this.pending.push(data.signal);
    else this.handleSignal(data.signal).catch(() => {});
    return true;
  }

  /**
   * The server refused an action of this page (`operation.failed`): a request
   * or an answer that never started ends the session here.
   * @param {number | undefined} callId
   */
  refused(callId) {
    if (this.closed) return;
    if (!this.call || (this.call.id === callId && this.call.state === "ringing")) this.close();
  }

  // ### The connection

  /** Make the peer connection; the agent offers the call's tracks at once. */
  connect() {
    const call = this.requireCall();
    const peer = this.peers.createPeer({ iceServers: call.ice_servers || [] });
    this.peer = peer;
    this.remote = this.peers.createStream();
    peer.ontrack = ({ track }) => {
      this.remote?.addTrack(track);
      this.onChange(this);
    };
    peer.onicecandidate = ({ candidate }) => {
      if (candidate) this.signal({ type: "candidate", candidate: candidate.toJSON() });
    };
    peer.onnegotiationneeded = () => this.offer();
    peer.onconnectionstatechange = () => this.connectionChanged(peer.connectionState);
    if (!this.polite) {
      // A video transceiver even on a voice call: sharing a screen then only
      // replaces its track, with no new negotiation.
      const audio = this.track("audio");
      const video = this.track("video");
      const streams = this.local ? [this.local] : [];
      peer.addTransceiver(audio || "audio", { direction: "sendrecv", streams });
      peer.addTransceiver(video || "video", { direction: "sendrecv", streams });
      this.tracksAttached = true;
    }
    const early = this.pending.splice(0);
    (async () => {
      for (const signal of early) await this.handleSignal(signal);
    })().catch(() => {});
  }

  /** Send an offer (perfect negotiation: either side may). */
  async offer() {
    const peer = this.peer;
    if (!peer) return;
    try {
      this.makingOffer = true;
      await peer.setLocalDescription();
      if (peer.localDescription) this.signal(peer.localDescription.toJSON());
    } finally {
      this.makingOffer = false;
    }
  }

  /**
   * An offer, answer or candidate from the other side.
   * @param {any} signal
   */
  async handleSignal(signal) {
    const peer = this.peer;
    if (!peer) return;
    if (signal.type === "candidate") {
      try {
        await peer.addIceCandidate(signal.candidate || null);
      } catch (error) {
        if (!this.ignoreOffer) throw error;
      }
      return;
    }
    if (signal.type !== "offer" && signal.type !== "answer") return;
    const collision = signal.type === "offer" && (this.makingOffer || peer.signalingState !== "stable");
    this.ignoreOffer = !this.polite && collision;
    if (this.ignoreOffer) return;
    await peer.setRemoteDescription({ type: signal.type, sdp: String(signal.sdp || "") });
    if (signal.type !== "offer") return;
    if (!this.tracksAttached) await this.attachTracks();
    await peer.setLocalDescription();
    if (peer.localDescription) this.signal(peer.localDescription.toJSON());
  }

  /** The contact's tracks go on the transceivers the agent's offer made. */
  async attachTracks() {
    const peer = /** @type {RTCPeerConnection} */ (this.peer);
    this.tracksAttached = true;
    for (const transceiver of peer.getTransceivers()) {
      const kind = transceiver.receiver.track.kind;
      const track = kind === "video" ? this.screen || this.track("video") : this.track(kind);
      if (track) await transceiver.sender.replaceTrack(track);
      if (this.local) transceiver.sender.setStreams?.(this.local);
      transceiver.direction = "sendrecv";
    }
  }

  /**
   * The connection came up or went away: the server hears it once per change,
   * and a lost connection is restarted.
   * @param {RTCPeerConnectionState} state
   */
  connectionChanged(state) {
    clearTimeout(this.restartTimer);
    if (state === "connected") {
      this.connectedSince ??= Date.now();
      this.report("active");
    } else if (state === "disconnected" || state === "failed") {
      this.report("interrupted");
      // A "disconnected" connection often comes back by itself; one that
      // does not soon is restarted before the browser calls it failed.
      if (state === "failed") this.resume();
      else this.restartTimer = setTimeout(() => this.resume(), RESTART_AFTER_MS);
    }
    this.onChange(this);
  }

  /** Resume after a lost connection: an ICE restart. */
  resume() {
    if (this.peer && !this.closed && this.peer.connectionState !== "connected") this.peer.restartIce();
  }

  /** @param {"active" | "interrupted"} state */
  report(state) {
    if (this.reported === state || !this.call || this.closed) return;
    this.reported = state;
    this.perform(CALL_ACTION.STATE, { call_id: this.call.id, state });
  }

  /** @param {object} signal */
  signal(signal) {
    if (this.call && !this.closed) this.perform(CALL_ACTION.SIGNAL, { call_id: this.call.id, signal });
  }

  // ### The person's controls

  /** Mute or unmute the microphone. */
  toggleMute() {
    this.muted = !this.muted;
    const audio = this.track("audio");
    if (audio) audio.enabled = !this.muted;
    this.onChange(this);
  }

  /** Turn the camera off or on again. */
  toggleCamera() {
    this.cameraOff = !this.cameraOff;
    const video = this.track("video");
    if (video) video.enabled = !this.cameraOff;
    this.onChange(this);
  }

  /** Show the screen (or a window) instead of the camera. */
  async shareScreen() {
    const call = this.requireCall();
    if (this.screen) return;
    const shown = await this.media.getDisplayMedia({ video: true, audio: false });
    const track = shown.getVideoTracks()[0];
    if (this.closed || !track) {
      shown.getTracks().forEach((t) => t.stop());
      return;
    }
    this.screen = track;
    this.screenStream = shown;
    // The browser's own "Stop sharing" ends the track.
    track.addEventListener("ended", () => this.stopSharing());
    await this.videoSender()?.replaceTrack(track);
    this.perform(CALL_ACTION.SCREEN, { call_id: call.id, sharing: true });
    this.onChange(this);
  }

  /** Back from the screen to the camera (or to nothing on a voice call). */
  async stopSharing() {
    const track = this.screen;
    if (!track) return;
    this.screen = null;
    this.screenStream = null;
    track.stop();
    await this.videoSender()?.replaceTrack(this.track("video"));
    if (this.call && !this.closed) this.perform(CALL_ACTION.SCREEN, { call_id: this.call.id, sharing: false });
    this.onChange(this);
  }

  // ### Utility

  /** @returns {MediaStream | null} what the local preview shows: the shared screen, else the camera */
  preview() {
    return this.screenStream || this.local;
  }

  /**
   * Seconds the call has been connected, from the server's connected_at
   * (else from when this page's connection came up).
   * @param {number} [now] epoch ms
   * @returns {number}
   */
  elapsed(now = Date.now()) {
    const since = timeOf(this.call?.connected_at) ?? this.connectedSince;
    return since === null ? 0 : Math.max(0, (now - since) / 1000);
  }

  /**
   * The local track of `kind`, if any.
   * @param {string} kind
   * @returns {MediaStreamTrack | null}
   */
  track(kind) {
    return (this.local?.getTracks() || []).find((t) => t.kind === kind) || null;
  }

  /** @returns {RTCRtpSender | null} the sender of the video transceiver */
  videoSender() {
    const transceiver = (this.peer?.getTransceivers() || []).find((t) => t.receiver.track.kind === "video");
    return transceiver ? transceiver.sender : null;
  }

  /** The call went on without video: the camera is let go. */
  dropCamera() {
    const video = this.track("video");
    if (!video || !this.local) return;
    video.stop();
    this.local.removeTrack(video);
  }

  /** @returns {Call} */
  requireCall() {
    if (!this.call) throw new Error("No call");
    return this.call;
  }

  stopMedia() {
    for (const track of this.local?.getTracks() || []) track.stop();
    this.screen?.stop();
  }

  /** Let go of the devices and the connection; the session is done. */
  close() {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.restartTimer);
    this.stopMedia();
    this.screen = null;
    if (this.peer) {
      this.peer.onconnectionstatechange = null;
      this.peer.close();
    }
    this.onChange(this);
  }
}
