// @ts-check
// The settings page's live preview: the real chat window, without a session,
// drawn again with each set of unsaved settings the page posts to it. Only a
// page of OneChat's own origin that framed it is listened to.
import { applyAppearance } from "./appearance.js";
import { createComposer } from "./composer.js";
import { createHeader } from "./header.js";
import { $ } from "./page.js";
import { createState } from "./state.js";
import { writeWords } from "./words.js";

/** @typedef {import("./state.js").WidgetConfig} WidgetConfig */
/** @typedef {import("./state.js").InboxLook} InboxLook */

// The settings a preview message may change, with the type each must have.
const FIELDS = {
  color: "string",
  welcomeTitle: "string",
  welcomeTagline: "string",
  greeting: "string",
  replyTime: "string",
  avatarUrl: "string",
  darkMode: "string",
};

/**
 * `inbox` with the well-typed known fields of `changes` over it.
 * @param {InboxLook} inbox
 * @param {Record<string, unknown>} changes
 * @returns {InboxLook}
 */
export function previewed(inbox, changes) {
  const next = { ...inbox };
  for (const [key, type] of Object.entries(FIELDS)) {
    if (Object.hasOwn(changes, key) && typeof changes[key] === type) {
      /** @type {Record<string, unknown>} */ (next)[key] = changes[key];
    }
  }
  return next;
}

/**
 * Draw the chat window for `config` and redraw it on each "settings" message.
 * @param {WidgetConfig} config
 */
export function startPreview(config) {
  let inbox = config.inbox;
  const state = createState(true);
  const header = createHeader(state);
  // The real composer, drawn but sending nothing: there is no session.
  createComposer({ config, state, sendTyping: async () => {}, onSend: () => {}, onShareLocation: () => {} });
  const draw = () => {
    applyAppearance(inbox);
    writeWords(inbox);
    header.setAvailability(true);
  };
  $("chat").hidden = false;
  /** @type {HTMLTextAreaElement} */ ($("input")).disabled = true;
  draw();
  window.addEventListener("message", (event) => {
    const data = event.data;
    if (event.source !== window.parent || event.origin !== location.origin) return;
    if (!data || data.source !== "onechat-settings" || data.type !== "preview") return;
    if (typeof data.inbox !== "object" || data.inbox === null) return;
    inbox = previewed(inbox, data.inbox);
    draw();
  });
  if (window.parent !== window) window.parent.postMessage({ source: "onechat-widget", type: "preview-ready" }, location.origin);
}
