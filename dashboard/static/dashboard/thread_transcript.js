// @ts-check
// The open conversation's "Send transcript": asks for the address (the
// contact's email first) and has the transcript mailed
// (continuity/api: conversations/<id>/transcript).

import { h, reasonOf, toast } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";

/**
 * The control's maker for a header: `control(id, email)` is the control of
 * conversation `id`, the same element while that conversation stays open,
 * so a redrawn header keeps the form open and what was typed.
 * @param {import("./context.js").DashboardContext} ctx
 * @returns {{control: (conversationId: number, contactEmail: string) => HTMLDetailsElement, isTyping: () => boolean}}
 */
export function createTranscriptMenu(ctx) {
  /** @type {{id: number, element: HTMLDetailsElement} | null} */
  let current = null;
  return {
    control(conversationId, contactEmail) {
      if (!current || current.id !== conversationId) current = { id: conversationId, element: transcriptControl(ctx, conversationId, contactEmail) };
      return current.element;
    },
    /** Whether the open form holds the focus. */
    isTyping() {
      return Boolean(current && current.element.open && current.element.contains(document.activeElement));
    },
  };
}

/**
 * The button and its small form for conversation `conversationId`.
 * @param {import("./context.js").DashboardContext} ctx
 * @param {number} conversationId the display id
 * @param {string} contactEmail the address offered first
 * @returns {HTMLDetailsElement}
 */
function transcriptControl(ctx, conversationId, contactEmail) {
  const input = h("input", { type: "email", name: "email", required: true, value: contactEmail, autocomplete: "email", "aria-label": gettext("Send the transcript to") });
  const send = h("button", { type: "submit", class: "button small primary" }, gettext("Send"));
  const form = h("form", { class: "transcript-form" }, h("label", { class: "small" }, gettext("Send the transcript to"), input), send);
  const menu = /** @type {HTMLDetailsElement} */ (h("details", { class: "transcript-menu" }, h("summary", { class: "button small" }, gettext("Send transcript")), form));
  menu.addEventListener("toggle", () => {
    if (menu.open) input.focus();
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!input.reportValidity()) return;
    send.disabled = true;
    try {
      await ctx.api.post(`conversations/${conversationId}/transcript`, { email: input.value });
      toast(interpolate(gettext("The transcript is on its way to %(email)s."), { email: input.value }));
      menu.open = false;
    } catch (error) {
      toast(interpolate(gettext("Could not send the transcript: %(reason)s"), reasonOf(error)));
    } finally {
      send.disabled = false;
    }
  });
  return menu;
}
