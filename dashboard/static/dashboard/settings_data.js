// @ts-check
// Settings: how long the account keeps contacts' personal data and
// attachments; blank keeps them forever.

import { h, reasonOf, replaceChildren, toast } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";

/** @typedef {import("./context.js").DashboardContext} DashboardContext */

const MAX_DAYS = 36500;

/**
 * The retention form.
 * @param {DashboardContext} ctx
 * @param {HTMLElement} content
 */
export function dataSettings(ctx, content) {
  const url = `/api/v1/accounts/${ctx.config.account.id}`;
  /** @param {string} name @param {string} label */
  const daysField = (name, label) =>
    h(
      "div",
      { class: "field" },
      h("label", { for: `field-${name}` }, label),
      // Disabled until the account's values are in, so none is typed over.
      h("input", { id: `field-${name}`, name, type: "number", min: "1", max: String(MAX_DAYS), step: "1", placeholder: gettext("Keep forever"), disabled: true }),
    );
  const form = /** @type {HTMLFormElement} */ (
    h(
      "form",
      { class: "card stack retention-form" },
      daysField("contact_retention_days", gettext("Erase contacts inactive for (days)")),
      daysField("attachment_retention_days", gettext("Delete attachments older than (days)")),
      h("div", { class: "row" }, h("button", { type: "submit", class: "button primary" }, gettext("Save"))),
    )
  );
  const input = (/** @type {string} */ name) => /** @type {HTMLInputElement} */ (form.elements.namedItem(name));
  const names = ["contact_retention_days", "attachment_retention_days"];
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const body = Object.fromEntries(names.map((name) => [name, input(name).value === "" ? null : Number(input(name).value)]));
    try {
      await ctx.api.request("PATCH", url, body);
      toast(gettext("Retention saved."));
    } catch (error) {
      toast(interpolate(gettext("Could not save the retention: %(reason)s"), reasonOf(error)));
    }
  });
  replaceChildren(
    content,
    h("h1", { id: "settings-title" }, gettext("Data")),
    h("p", { class: "muted" }, gettext("A daily job erases the personal data of contacts inactive for longer than this (their messages stay) and deletes older attachments. Leave blank to keep them forever.")),
    form,
  );
  ctx.api
    .request("GET", url)
    .then((/** @type {Record<string, number | null>} */ account) => {
      for (const name of names) {
        input(name).value = account[name] == null ? "" : String(account[name]);
        input(name).disabled = false;
      }
    })
    .catch((error) => toast(interpolate(gettext("Could not load the retention: %(reason)s"), reasonOf(error))));
}
