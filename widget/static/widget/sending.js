// @ts-check
// Sending the visitor's messages: drawn at once as pending (by echo id) until
// the server's copy replaces them; a failed one waits for a retry. And the
// visitor's location, once the browser and the visitor allow it.
import { quoteOf } from "../kit/replies.js";
import { MESSAGE_TYPE, newEchoId } from "../kit/wire.js";
import { gettext } from "./i18n.js";
import { $, errorMessage, errorStatus, hideError, keepingEnd, scrollToEnd, showError } from "./page.js";

/** @typedef {import("../kit/wire.js").Message} Message */

// Coordinates to about a metre: enough for a map, no more than that.
const COORDINATE_DIGITS = 5;

/**
 * The name a quote shows for the author of `message`.
 * @param {Message} message
 * @returns {string}
 */
export function senderName(message) {
  if (message.message_type === MESSAGE_TYPE.INCOMING) return gettext("You");
  return (message.sender && (message.sender.available_name || message.sender.name)) || gettext("Someone");
}

/**
 * @typedef {object} SendingParts
 * @property {import("./api.js").WidgetApi} api
 * @property {import("./thread.js").Thread} thread
 * @property {{ensure: () => Promise<void>, reset: () => void, openedConversation: () => Promise<void>}} session
 * @property {() => void} scheduleEmailPrompt
 * @property {() => void} stopTyping
 * @property {() => number | null} takeReply the message the composer replied to, taken off it
 */

/**
 * Sending messages, retrying failed ones, and sharing the visitor's location.
 * @param {SendingParts} parts
 */
export function createSending({ api, thread, session, scheduleEmailPrompt, stopTyping, takeReply }) {
  /**
   * @param {string} content
   * @param {File | null} file
   * @param {number | null} [inReplyTo] the message quoted
   */
  async function send(content, file, inReplyTo = null) {
    const echoId = newEchoId();
    const quoted = inReplyTo ? thread.get(inReplyTo) : null;
    thread.addPending(echoId, content, file, quoted ? quoteOf(quoted, senderName(quoted)) : null);
    scrollToEnd();
    stopTyping();
    try {
      await session.ensure();
      const message = await api.sendMessage({ content, echoId, file, inReplyTo });
      await session.openedConversation();
      thread.merge([message]);
      scheduleEmailPrompt();
    } catch (error) {
      if (errorStatus(error) === 401) {
        session.reset();
        showError(gettext("Your chat session ended. Send your message again."));
      } else if (errorStatus(error) === 400) {
        thread.dropPending(echoId);
        showError(errorMessage(error));
      } else {
        thread.failPending(echoId);
      }
    }
  }

  /** @param {Message} message a failed message, sent again in its place */
  function retry(message) {
    if (message.echo_id) thread.dropPending(message.echo_id);
    send(message.content || "", message.file || null, message.content_attributes?.in_reply_to || null);
  }

  /** @param {GeolocationCoordinates} coords */
  async function sendPlace(coords) {
    await session.ensure();
    const place = {
      latitude: Number(coords.latitude.toFixed(COORDINATE_DIGITS)),
      longitude: Number(coords.longitude.toFixed(COORDINATE_DIGITS)),
    };
    const message = await api.sendLocation(place, takeReply());
    await session.openedConversation();
    keepingEnd(() => thread.merge([message]));
    scrollToEnd();
    hideError();
  }

  /** Send where the visitor is, once the browser (and the visitor) allow it. */
  function shareLocation() {
    if (!navigator.geolocation) {
      showError(gettext("This browser cannot share a location."));
      return;
    }
    const button = /** @type {HTMLButtonElement} */ ($("share-location"));
    button.disabled = true;
    navigator.geolocation.getCurrentPosition(
      ({ coords }) => {
        sendPlace(coords)
          .catch((error) => showError(errorMessage(error)))
          .finally(() => { button.disabled = false; });
      },
      () => {
        button.disabled = false;
        showError(gettext("Your location could not be read. Check that this site may use it."));
      },
      { timeout: 15000, maximumAge: 60000 },
    );
  }

  return { send, retry, shareLocation };
}
