// @ts-check
// Settings: an inbox's wrap-up on resolve (labels and a private note asked
// for before resolving): off, optional, or required.

import { h, reasonOf, toast } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";

/**
 * The wrap-up choice of `inbox`, saved as soon as it changes.
 * @param {import("./context.js").DashboardContext} ctx
 * @param {{id: number, wrap_up?: string}} inbox
 * @returns {HTMLElement}
 */
export function wrapUpSetting(ctx, inbox) {
  const choices = [
    ["off", gettext("Off")],
    ["optional", gettext("Ask, skipping allowed")],
    ["required", gettext("Required: labels and a note")],
  ];
  const select = h(
    "select",
    { id: "field-wrap_up", name: "wrap_up" },
    choices.map(([value, words]) => h("option", { value, selected: (inbox.wrap_up || "off") === value }, words)),
  );
  select.addEventListener("change", async () => {
    try {
      await ctx.api.patch(`inboxes/${inbox.id}`, { wrap_up: select.value });
      inbox.wrap_up = select.value;
      toast(gettext("Wrap-up setting saved."));
    } catch (error) {
      select.value = inbox.wrap_up || "off";
      toast(interpolate(gettext("Could not save the wrap-up setting: %(reason)s"), reasonOf(error)));
    }
  });
  return h(
    "div",
    { class: "field wrap-up-setting" },
    h("label", { for: "field-wrap_up" }, gettext("Wrap-up on resolve")),
    select,
    h("p", { class: "muted small" }, gettext("Before resolving, agents add labels and a private note for the team.")),
  );
}
