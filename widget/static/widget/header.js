// @ts-check
// The header's live lines: whether the team is online (or away until business
// hours reopen), the visitor's place in line, and the End chat and Email
// transcript buttons.
import { gettext, interpolate, ngettext } from "./i18n.js";
import { $, errorMessage, showError } from "./page.js";

/** @typedef {import("./state.js").WidgetState} WidgetState */
/** @typedef {import("./state.js").QueuePlace} QueuePlace */
/** @typedef {import("./state.js").BusinessHours} BusinessHours */

/**
 * The queue line for `place`, or null once the visitor is served.
 * @param {QueuePlace | null | undefined} place
 * @returns {string | null}
 */
export function queueText(place) {
  if (!place || place.position == null) return null;
  if (place.wait == null) return interpolate(gettext("You are number %(position)s in line"), { position: place.position });
  const minutes = Math.max(1, Math.round(place.wait / 60));
  const wait = interpolate(ngettext("%(count)s minute", "%(count)s minutes", minutes), { count: minutes });
  return interpolate(gettext("You are number %(position)s in line, about %(wait)s"), { position: place.position, wait });
}

/**
 * The availability line: outside business hours the team is away whoever has
 * the dashboard open.
 * @param {boolean} online an agent of the inbox is online
 * @param {BusinessHours | null} hours
 * @param {string} language how the reopening time is written
 * @returns {{online: boolean, text: string}}
 */
export function availability(online, hours, language) {
  const closed = Boolean(hours && !hours.open);
  if (closed && hours?.reopens_at) {
    const when = new Date(hours.reopens_at).toLocaleString(language, { weekday: "long", hour: "numeric", minute: "2-digit" });
    return { online: false, text: interpolate(gettext("We are away. Back %(when)s"), { when }) };
  }
  const open = online && !closed;
  return { online: open, text: open ? gettext("We are online") : gettext("We are away") };
}

/**
 * The header's live lines, drawn from `state` (business hours, conversation).
 * @param {WidgetState} state
 * @param {boolean} callsEnabled the inbox takes calls
 */
export function createHeader(state, callsEnabled = false) {
  /** @param {boolean} online */
  function setAvailability(online) {
    const shown = availability(online, state.hours, document.documentElement.lang);
    $("availability").dataset.state = shown.online ? "online" : "away";
    $("availability-text").textContent = shown.text;
  }

  return {
    setAvailability,
    /** Draw the availability again (a new language, new business hours). */
    redrawAvailability() {
      setAvailability($("availability").dataset.state === "online");
    },
    /** @param {QueuePlace | null | undefined} place */
    showQueue(place) {
      const line = $("queue");
      const text = queueText(place);
      line.hidden = text === null;
      if (text !== null) line.textContent = text;
    },
    /** The visitor may end an open chat (writing again reopens it), and
     * have the transcript mailed once the session knows their email. */
    showEndChat() {
      $("end-chat").hidden = !state.conversation || state.conversation.status === "resolved";
      $("transcript").hidden = !state.conversation || !state.session?.contact?.email;
      $("call-start").hidden = !callsEnabled || !state.conversation || state.inCall;
    },
  };
}

/**
 * Have the conversation's transcript mailed to the visitor; the button says
 * it went, or the error shows.
 * @param {import("./api.js").WidgetApi} api
 */
export async function emailTranscript(api) {
  const button = /** @type {HTMLButtonElement} */ ($("transcript"));
  button.disabled = true;
  try {
    await api.emailTranscript();
    button.textContent = gettext("Transcript sent");
  } catch (error) {
    button.disabled = false;
    showError(errorMessage(error));
  }
}
