// @ts-check
// The call's panel and the incoming call's prompt, as both front ends show
// them; each front end gives the words in its reader's language and styles
// the classes.
import { callPhase, formatDuration } from "./call.js";
import { h, replaceChildren } from "./dom.js";

/** @typedef {import("./call.js").CallSession} CallSession */
/** @typedef {import("./call.js").Call} Call */

/**
 * The panel's words; `title`, `connected`, `incomingVideo` and `incomingVoice`
 * are templates (`%(name)s`, `%(time)s`).
 * @typedef {object} CallWords
 * @property {string} title
 * @property {string} ringing
 * @property {string} connecting
 * @property {string} connected
 * @property {string} reconnecting
 * @property {string} ended
 * @property {string} mute
 * @property {string} unmute
 * @property {string} cameraOff
 * @property {string} cameraOn
 * @property {string} share
 * @property {string} stopSharing
 * @property {string} hangUp
 * @property {string} close
 * @property {string} incomingVideo
 * @property {string} incomingVoice
 * @property {string} acceptVideo
 * @property {string} acceptAudio
 * @property {string} decline
 * @property {string} voiceOnly
 * @property {string} someone the other side's name when it has none
 */

/** @typedef {(template: string, params: Record<string, string | number>) => string} Fill */

/**
 * The status line of `session`'s call.
 * @param {CallSession} session
 * @param {CallWords} words
 * @param {Fill} fill
 * @returns {string}
 */
export function callStatus(session, words, fill) {
  if (!session.call) return words.ringing;
  if (session.closed) return words.ended;
  const phase = callPhase(session.call, session.side);
  if (phase === "calling" || phase === "incoming") return words.ringing;
  if (phase === "connecting") return session.connectedSince ? fill(words.connected, { time: formatDuration(session.elapsed()) }) : words.connecting;
  if (phase === "connected") return fill(words.connected, { time: formatDuration(session.elapsed()) });
  if (phase === "reconnecting") return words.reconnecting;
  return words.ended;
}

/**
 * The name of the other side of `call` as `side` sees it.
 * @param {Call | null} call
 * @param {"agent" | "contact"} side
 * @returns {string}
 */
export function otherName(call, side) {
  if (!call) return "";
  const other = side === "agent" ? call.contact : call.agent;
  return (other && other.name) || "";
}

/**
 * @param {HTMLVideoElement} video
 * @param {MediaStream | null} stream
 */
function show(video, stream) {
  if (video.srcObject !== stream) video.srcObject = stream;
}

/**
 * The call's panel: remote and local video, the status line, the controls.
 * @param {{words: () => CallWords, fill: Fill, canShare: (session: CallSession) => boolean, onClose: () => void}} options
 */
export function createCallPanel({ words, fill, canShare, onClose }) {
  const remote = h("video", { class: "call-remote", autoplay: true, playsInline: true });
  const local = h("video", { class: "call-local", autoplay: true, playsInline: true, muted: true });
  const voice = h("div", { class: "call-voice", "aria-hidden": "true" });
  const title = h("p", { class: "call-title", dir: "auto" });
  const status = h("p", { class: "call-status", role: "status" });
  const controls = h("div", { class: "call-controls" });
  const element = h("section", { class: "call-panel", hidden: true }, h("div", { class: "call-stage" }, remote, voice, local), h("div", { class: "call-info" }, title, status), controls);
  /** @type {CallSession | null} */
  let current = null;
  /** @type {ReturnType<typeof setInterval> | undefined} */
  let clock;

  /**
   * @param {string} name
   * @param {string} text
   * @param {() => void} onclick
   * @param {{pressed?: boolean, danger?: boolean}} [options]
   */
  const button = (name, text, onclick, { pressed, danger } = {}) =>
    h("button", { type: "button", class: `call-button call-${name}${danger ? " danger" : ""}`, "aria-pressed": pressed === undefined ? null : String(pressed), onclick }, text);

  /** @param {CallSession} session */
  function render(session) {
    current = session;
    const w = words();
    const call = session.call;
    element.hidden = false;
    element.dataset.phase = session.closed ? "ended" : call ? callPhase(call, session.side) : "calling";
    const remoteVideo = Boolean(call && (call.video || call.screen_sharing));
    element.classList.toggle("voice-only", !remoteVideo);
    title.textContent = fill(w.title, { name: otherName(call, session.side) || w.someone });
    status.textContent = callStatus(session, w, fill);
    voice.textContent = w.voiceOnly;
    show(remote, session.closed ? null : session.remote);
    const preview = session.closed ? null : session.preview();
    show(local, preview);
    local.hidden = !preview || (!session.screen && (!session.track("video") || session.cameraOff));
    if (session.closed) {
      replaceChildren(controls, button("close", w.close, onClose));
    } else {
      replaceChildren(
        controls,
        button("mute", session.muted ? w.unmute : w.mute, () => session.toggleMute(), { pressed: session.muted }),
        session.track("video") ? button("camera", session.cameraOff ? w.cameraOn : w.cameraOff, () => session.toggleCamera(), { pressed: session.cameraOff }) : null,
        canShare(session) && session.peer ? button("share", session.screen ? w.stopSharing : w.share, () => (session.screen ? session.stopSharing() : session.shareScreen()).catch(() => {}), { pressed: Boolean(session.screen) }) : null,
        button("hangup", w.hangUp, () => session.hangUp(), { danger: true }),
      );
    }
    clearInterval(clock);
    if (!session.closed) clock = setInterval(() => current && (status.textContent = callStatus(current, words(), fill)), 1000);
  }

  function hide() {
    clearInterval(clock);
    current = null;
    element.hidden = true;
    remote.srcObject = null;
    local.srcObject = null;
  }

  return { element, render, hide };
}

/**
 * The prompt of a call ringing here: who calls, Accept with video, Accept
 * audio only, Decline. The caller's name is drawn as text.
 * @param {{call: Call, side: "agent" | "contact", words: CallWords, fill: Fill, onAccept: (video: boolean) => void, onDecline: () => void}} options
 * @returns {HTMLElement}
 */
export function incomingCall({ call, side, words, fill, onAccept, onDecline }) {
  const name = otherName(call, side) || words.someone;
  const text = fill(call.video ? words.incomingVideo : words.incomingVoice, { name });
  return h(
    "div",
    { class: "call-incoming", role: "alertdialog", "aria-label": text, dataset: { callId: String(call.id) } },
    h("p", { class: "call-incoming-text", dir: "auto" }, text),
    h(
      "div",
      { class: "call-controls" },
      call.video ? h("button", { type: "button", class: "call-button call-accept-video", onclick: () => onAccept(true) }, words.acceptVideo) : null,
      h("button", { type: "button", class: "call-button call-accept-audio", onclick: () => onAccept(false) }, words.acceptAudio),
      h("button", { type: "button", class: "call-button call-decline danger", onclick: onDecline }, words.decline),
    ),
  );
}
