// @ts-check
// Settings: an inbox's calls: whether agents and visitors may call each other
// there, and whether a visitor may share their screen in a call.

import { h, reasonOf, toast } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";

/** @typedef {{id: number, calls_enabled?: boolean, visitor_screen_sharing?: boolean}} CallsInbox */

/**
 * The call settings of `inbox`, saved with their button.
 * @param {import("./context.js").DashboardContext} ctx
 * @param {CallsInbox} inbox
 * @returns {HTMLElement}
 */
export function callsSetting(ctx, inbox) {
  const enabled = h("input", { type: "checkbox", id: "field-calls_enabled", checked: inbox.calls_enabled !== false });
  const screens = h("input", { type: "checkbox", id: "field-visitor_screen_sharing", checked: Boolean(inbox.visitor_screen_sharing) });
  const form = h(
    "form",
    { class: "calls-setting" },
    h("div", { class: "field checkbox" }, enabled, h("label", { for: "field-calls_enabled" }, gettext("Voice and video calls between agents and visitors"))),
    h("div", { class: "field checkbox" }, screens, h("label", { for: "field-visitor_screen_sharing" }, gettext("Visitors may share their screen in a call"))),
    h("button", { type: "submit", class: "button primary" }, gettext("Save call settings")),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const changes = {
      calls_enabled: /** @type {HTMLInputElement} */ (enabled).checked,
      visitor_screen_sharing: /** @type {HTMLInputElement} */ (screens).checked,
    };
    try {
      await ctx.api.patch(`inboxes/${inbox.id}`, changes);
      Object.assign(inbox, changes);
      toast(gettext("Call settings saved."));
    } catch (error) {
      toast(interpolate(gettext("Could not save the call settings: %(reason)s"), reasonOf(error)));
    }
  });
  return form;
}
