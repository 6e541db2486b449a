// @ts-check
// The fixed words of the chat window, written again at each language switch;
// the launcher on the host page takes its words from here too.
import { gettext } from "./i18n.js";
import { $ } from "./page.js";

/**
 * @param {import("./state.js").WidgetConfig["inbox"]} inbox
 * @returns {Record<string, string>} the launcher's words for the host page
 */
export function writeWords(inbox) {
  $("title").textContent = inbox.welcomeTitle || inbox.name;
  $("tagline").textContent = inbox.welcomeTagline || inbox.name;
  $("greeting").textContent = inbox.greeting;
  $("greeting").hidden = !inbox.greeting;
  /** @type {HTMLTextAreaElement} */ ($("input")).placeholder = gettext("Type your message…");
  $("input-label").textContent = gettext("Your message");
  $("send").setAttribute("aria-label", gettext("Send message"));
  $("attach").setAttribute("aria-label", gettext("Attach a file"));
  $("file").setAttribute("aria-label", gettext("Attach a file"));
  $("close").setAttribute("aria-label", gettext("Close chat"));
  $("end-chat").textContent = gettext("End chat");
  $("emoji").setAttribute("aria-label", gettext("Insert emoji"));
  $("emoji-panel").setAttribute("aria-label", gettext("Insert emoji"));
  $("messages").setAttribute("aria-label", inbox.name);
  $("branding").textContent = gettext("Powered by OneChat");
  $("earlier").textContent = gettext("Show earlier messages");
  $("reply-label").textContent = gettext("Replying to");
  $("share-location").setAttribute("aria-label", gettext("Share my location"));
  $("share-location").title = gettext("Share my location");
  $("reply-cancel").setAttribute("aria-label", gettext("Cancel reply"));
  return { launcher: gettext("Chat with us"), close: gettext("Close chat"), chatWindow: gettext("Chat window") };
}
