// @ts-check
// Settings: an inbox's satisfaction survey (CSAT), asked when a conversation
// is resolved: on or off, rated with emoji or stars, with the inbox's own
// question or OneChat's.

import { h, reasonOf, toast } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";

/** @typedef {{id: number, csat_survey_enabled?: boolean, csat_display_type?: string, csat_question?: string}} CsatInbox */

/**
 * The survey settings of `inbox`, saved with their button.
 * @param {import("./context.js").DashboardContext} ctx
 * @param {CsatInbox} inbox
 * @returns {HTMLElement}
 */
export function csatSetting(ctx, inbox) {
  const enabled = h("input", { type: "checkbox", id: "field-csat_survey_enabled", checked: Boolean(inbox.csat_survey_enabled) });
  const display = h(
    "select",
    { id: "field-csat_display_type" },
    h("option", { value: "emoji", selected: inbox.csat_display_type !== "star" }, gettext("Emoji")),
    h("option", { value: "star", selected: inbox.csat_display_type === "star" }, gettext("Stars")),
  );
  const question = h("input", {
    type: "text",
    id: "field-csat_question",
    maxlength: "500",
    value: inbox.csat_question || "",
    placeholder: gettext("Please rate the conversation"),
  });
  const form = h(
    "form",
    { class: "csat-setting" },
    h("div", { class: "field checkbox" }, enabled, h("label", { for: "field-csat_survey_enabled" }, gettext("Ask for a rating when a conversation is resolved"))),
    h("div", { class: "field" }, h("label", { for: "field-csat_display_type" }, gettext("Rating scale")), display),
    h("div", { class: "field" }, h("label", { for: "field-csat_question" }, gettext("Question (optional)")), question),
    h("p", { class: "muted small" }, gettext("Visitors who left the page get the survey's link by email when they gave one.")),
    h("button", { type: "submit", class: "button primary" }, gettext("Save survey settings")),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const changes = {
      csat_survey_enabled: /** @type {HTMLInputElement} */ (enabled).checked,
      csat_display_type: /** @type {HTMLSelectElement} */ (display).value,
      csat_question: /** @type {HTMLInputElement} */ (question).value.trim(),
    };
    try {
      await ctx.api.patch(`inboxes/${inbox.id}`, changes);
      Object.assign(inbox, changes);
      toast(gettext("Survey settings saved."));
    } catch (error) {
      toast(interpolate(gettext("Could not save the survey settings: %(reason)s"), reasonOf(error)));
    }
  });
  return form;
}
