// @ts-check
// The fixed words of the chat window, written again at each language switch;
// the launcher on the host page takes its words from here too.
import { gettext } from "./i18n.js";
import { $ } from "./page.js";

/**
 * How soon the team typically replies, in the reader's language.
 * @param {string} replyTime the inbox's `reply_time`
 * @returns {string} "" for a value the widget does not know
 */
export function replyTimeText(replyTime) {
  /** @type {Record<string, string>} */
  const texts = {
    in_a_few_minutes: gettext("Typically replies in a few minutes"),
    in_a_few_hours: gettext("Typically replies in a few hours"),
    in_a_day: gettext("Typically replies in a day"),
  };
  return Object.hasOwn(texts, replyTime) ? texts[replyTime] : "";
}

/**
 * @param {import("./state.js").InboxLook} inbox
 * @returns {Record<string, string>} the launcher's words for the host page
 */
export function writeWords(inbox) {
  $("title").textContent = inbox.welcomeTitle || inbox.name;
  $("tagline").textContent = inbox.welcomeTagline || inbox.name;
  $("greeting").textContent = inbox.greeting;
  $("greeting").hidden = !inbox.greeting;
  const replyTime = replyTimeText(inbox.replyTime);
  $("reply-time").textContent = replyTime;
  $("reply-time").hidden = !replyTime;
  /** @type {HTMLTextAreaElement} */ ($("input")).placeholder = gettext("Type your message…");
  $("input-label").textContent = gettext("Your message");
  $("send").setAttribute("aria-label", gettext("Send message"));
  $("attach").setAttribute("aria-label", gettext("Attach a file"));
  $("file").setAttribute("aria-label", gettext("Attach a file"));
  $("close").setAttribute("aria-label", gettext("Close chat"));
  $("end-chat").textContent = gettext("End chat");
  $("transcript").textContent = gettext("Email transcript");
  $("emoji").setAttribute("aria-label", gettext("Insert emoji"));
  $("emoji-panel").setAttribute("aria-label", gettext("Insert emoji"));
  $("messages").setAttribute("aria-label", inbox.name);
  $("branding").textContent = gettext("Powered by OneChat");
  $("earlier").textContent = gettext("Show earlier messages");
  $("reply-label").textContent = gettext("Replying to");
  $("share-location").setAttribute("aria-label", gettext("Share my location"));
  $("share-location").title = gettext("Share my location");
  $("reply-cancel").setAttribute("aria-label", gettext("Cancel reply"));
  $("call-start").setAttribute("aria-label", gettext("Call us"));
  $("call-start").title = gettext("Call us");
  return { launcher: gettext("Chat with us"), close: gettext("Close chat"), chatWindow: gettext("Chat window") };
}
