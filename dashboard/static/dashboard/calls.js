// @ts-check
// Calls on every dashboard page: a contact's ringing call as a banner (Accept
// with video, Accept audio only, Decline), the agent's own call in a panel,
// and the open conversation's call buttons (thread_header.js) starting one.
import { CallSession } from "../kit/call.js";
import { createCallPanel, incomingCall } from "../kit/call_panel.js";
import { EVENT } from "../kit/wire.js";
import { CALL_START } from "./context.js";
import { h, replaceChildren, toast } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";

/** @typedef {import("./context.js").DashboardContext} DashboardContext */
/** @typedef {import("../kit/call.js").Call} Call */

/** @returns {import("../kit/call_panel.js").CallWords} the words in the agent's language */
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
    someone: gettext("Visitor"),
  };
}

/**
 * Why the camera or microphone could not be used, in the agent's language.
 * @param {unknown} error
 * @returns {string}
 */
function mediaProblem(error) {
  const name = error && typeof error === "object" && "name" in error ? error.name : "";
  if (name === "NotAllowedError") return gettext("The browser did not allow the microphone or camera.");
  return gettext("The microphone could not be used.");
}

/**
 * Show calls on this page.
 * @param {DashboardContext} ctx
 */
export function mount(ctx) {
  /** @type {CallSession | null} */
  let session = null;
  /** @type {Map<number, Call>} contacts' calls ringing for this agent */
  const ringing = new Map();
  const banners = h("div", { class: "call-banners", "aria-live": "assertive" });
  const panel = createCallPanel({ words, fill: interpolate, canShare: () => true, onClose: () => panel.hide() });
  document.body.append(banners, panel.element);

  /** @param {CallSession} changed */
  const draw = (changed) => {
    if (changed === session) panel.render(changed);
  };
  const perform = (/** @type {string} */ action, /** @type {object} */ data) => ctx.cable?.perform(action, data);
  const newSession = () => new CallSession({ side: "agent", perform, onChange: draw });
  const busy = () => Boolean(session && !session.closed);

  function drawBanners() {
    replaceChildren(
      banners,
      [...ringing.values()].map((call) =>
        incomingCall({ call, side: "agent", words: words(), fill: interpolate, onAccept: (video) => accept(call, video), onDecline: () => decline(call) }),
      ),
    );
  }

  /** @param {Call} call @param {boolean} video */
  async function accept(call, video) {
    if (busy()) session?.hangUp();
    ringing.delete(call.id);
    drawBanners();
    const answering = newSession();
    session = answering;
    answering.ring(call);
    try {
      await answering.accept(video);
    } catch (error) {
      toast(mediaProblem(error));
      answering.close();
    }
  }

  /** @param {Call} call */
  function decline(call) {
    ringing.delete(call.id);
    drawBanners();
    perform("call_reject", { call_id: call.id });
  }

  /** @param {{conversationId: number, video: boolean}} data */
  async function start({ conversationId, video }) {
    if (busy()) {
      toast(gettext("You are already in a call."));
      return;
    }
    const calling = newSession();
    session = calling;
    panel.render(calling);
    try {
      await calling.request(conversationId, video);
    } catch (error) {
      toast(mediaProblem(error));
      calling.close();
    }
  }

  /** @param {Call} call */
  function updated(call) {
    if (session && session.update(call)) return;
    const mine = !call.agent || call.agent.id === ctx.config.user.id;
    if (call.state === "ringing" && call.requested_by === "contact" && mine) ringing.set(call.id, call);
    else ringing.delete(call.id);
    drawBanners();
  }

  /** @param {any} data */
  function failed(data) {
    if (data.operation !== "call") return;
    toast(data.reason || gettext("The call could not be made."));
    if (data.call_id) ringing.delete(data.call_id);
    drawBanners();
    // A refused request or answer leaves the session with no call to join.
    session?.refused(data.call_id);
  }

  ctx.on((name, data) => {
    if (name === EVENT.CALL_UPDATED) updated(data);
    else if (name === EVENT.CALL_SIGNAL) session?.receive(data);
    else if (name === EVENT.OPERATION_FAILED) failed(data);
    else if (name === CALL_START) start(data);
  });
  window.addEventListener("pagehide", () => session?.hangUp());
}
