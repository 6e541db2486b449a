// @ts-check
// Calls in the chat window: the header's call button, a call from the team
// ringing (Accept with video, Accept audio only, Decline), and the call's
// panel. The camera and microphone are asked for only once the visitor
// accepts or starts a call.
import { CallSession } from "../kit/call.js";
import { createCallPanel, incomingCall } from "../kit/call_panel.js";
import { h, replaceChildren } from "../kit/dom.js";
import { EVENT } from "../kit/wire.js";
import { gettext, interpolate } from "./i18n.js";
import { $, showError } from "./page.js";

/** @typedef {import("../kit/call.js").Call} Call */

/** @returns {import("../kit/call_panel.js").CallWords} the words in the visitor's language */
function words() {
  return {
    title: gettext("Call with %(name)s"),
    ringing: gettext("Ringing…"),
    connecting: gettext("Connecting…"),
    connected: gettext("Connected %(time)s"),
    reconnecting: gettext("Connection lost — reconnecting…"),
    ended: gettext("Call ended"),
    mute: gettext("Mute"),
    unmute: gettext("Unmute"),
    cameraOff: gettext("Camera off"),
    cameraOn: gettext("Camera on"),
    share: gettext("Share screen"),
    stopSharing: gettext("Stop sharing"),
    hangUp: gettext("Hang up"),
    close: gettext("Close"),
    incomingVideo: gettext("%(name)s is calling you (video)"),
    incomingVoice: gettext("%(name)s is calling you (voice)"),
    acceptVideo: gettext("Accept with video"),
    acceptAudio: gettext("Accept audio only"),
    decline: gettext("Decline"),
    voiceOnly: gettext("Voice call"),
    someone: gettext("the team"),
  };
}

/**
 * The call's other side as the visitor names it: the agent, else the inbox.
 * @param {Call} call
 * @param {string} inboxName
 * @returns {Call}
 */
function named(call, inboxName) {
  return call.agent && call.agent.name ? call : { ...call, agent: { id: 0, name: inboxName } };
}

/**
 * @param {unknown} error
 * @returns {string}
 */
function mediaProblem(error) {
  const name = error && typeof error === "object" && "name" in error ? error.name : "";
  if (name === "NotAllowedError") return gettext("Your browser did not allow the microphone or camera.");
  return gettext("Your microphone could not be used.");
}

/**
 * The choice the call button opens: a video call, a voice call, or none (null).
 * @param {(video: boolean | null) => void} choose
 * @returns {HTMLElement}
 */
function callChoice(choose) {
  return h(
    "div",
    { class: "call-incoming call-choice", role: "group", "aria-label": gettext("Call us") },
    h("p", { class: "call-incoming-text" }, gettext("Call the team")),
    h(
      "div",
      { class: "call-controls" },
      h("button", { type: "button", class: "call-button call-accept-video", onclick: () => choose(true) }, gettext("Video call")),
      h("button", { type: "button", class: "call-button call-accept-audio", onclick: () => choose(false) }, gettext("Voice call")),
      h("button", { type: "button", class: "call-button", onclick: () => choose(null) }, gettext("Cancel")),
    ),
  );
}

/**
 * Calls in the chat window.
 * @param {{config: import("./state.js").WidgetConfig, state: import("./state.js").WidgetState, onChange: () => void, post: (type: string) => void}} parts
 */
export function createCalls({ config, state, onChange, post }) {
  const flags = config.inbox;
  const area = $("call-area");
  /** @type {CallSession | null} */
  let session = null;
  /** @type {Call | null} */
  let ringing = null;
  // The visitor is choosing between a voice and a video call.
  let choosing = false;
  const canShare = () => Boolean(flags.visitorScreenSharing);
  const panel = createCallPanel({ words, fill: interpolate, canShare, onClose: () => (panel.hide(), changed()) });
  const prompt = h("div", { class: "call-prompt" });
  area.append(panel.element, prompt);

  const perform = (/** @type {string} */ action, /** @type {object} */ data) => state.live?.perform(action, data);
  const newSession = () => new CallSession({ side: "contact", perform, onChange: (s) => s === session && draw() });

  function changed() {
    state.inCall = Boolean(choosing || ringing || (session && !session.closed));
    onChange();
  }

  function draw() {
    if (session) panel.render(session);
    drawPrompt();
    changed();
  }

  function drawPrompt() {
    if (choosing) {
      replaceChildren(prompt, callChoice((video) => {
        choosing = false;
        if (video === null) draw();
        else start(video);
      }));
      return;
    }
    const call = ringing;
    replaceChildren(prompt, call ? incomingCall({ call, side: "contact", words: words(), fill: interpolate, onAccept: (video) => accept(call, video), onDecline: () => decline(call) }) : null);
  }

  /** @param {Call} call @param {boolean} video */
  async function accept(call, video) {
    ringing = null;
    session?.close();
    const answering = newSession();
    session = answering;
    answering.ring(call);
    try {
      await answering.accept(video);
    } catch (error) {
      showError(mediaProblem(error));
      answering.decline();
    }
  }

  /** @param {Call} call */
  function decline(call) {
    ringing = null;
    perform("call_reject", { call_id: call.id });
    draw();
  }

  /**
   * The visitor calls the team.
   * @param {boolean} video
   */
  async function start(video) {
    if (!state.conversation || (session && !session.closed)) return;
    const calling = newSession();
    session = calling;
    draw();
    try {
      await calling.request(state.conversation.id, video);
    } catch (error) {
      showError(mediaProblem(error));
      calling.close();
    }
  }

  /** @param {Call} call */
  function updated(call) {
    if (session && session.update(call)) return;
    if (call.state === "ringing" && call.requested_by === "agent") {
      // A closed chat window opens for a call ringing: its prompt is inside.
      if (!ringing && !state.open) post("ring");
      ringing = call;
    }
    else if (ringing && ringing.id === call.id) ringing = null;
    draw();
  }

  /** @param {any} data */
  function failed(data) {
    if (data.operation !== "call") return;
    showError(data.reason || gettext("The call could not be made."));
    session?.refused(data.call_id);
  }

  $("call-start").addEventListener("click", () => ((choosing = true), draw()));
  window.addEventListener("pagehide", () => session?.hangUp());

  return {
    /**
     * Take a /cable event of calls; false for any other event.
     * @param {string} name
     * @param {any} data
     * @returns {boolean}
     */
    handle(name, data) {
      if (name === EVENT.CALL_UPDATED) updated(named(data, config.inbox.name));
      else if (name === EVENT.CALL_SIGNAL) session?.receive(data);
      else if (name === EVENT.OPERATION_FAILED) failed(data);
      else return false;
      return true;
    },
  };
}
