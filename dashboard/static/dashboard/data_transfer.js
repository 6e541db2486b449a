// @ts-check
// Data in and out: downloads of exports and transcripts, the contacts
// import (file, preview with each row's errors, confirm), and a contact's
// data export and erasure (typed confirmation).

import { ApiError } from "../kit/http.js";
import { h, reasonOf, replaceChildren, toast } from "./dom.js";
import { gettext, interpolate, ngettext } from "./i18n.js";

/** @typedef {import("./context.js").DashboardContext} DashboardContext */

/**
 * @typedef {object} ImportRow
 * @property {number} line
 * @property {"create" | "update"} action
 * @property {string | null} name
 * @property {string | null} email
 * @property {string | null} phone_number
 * @property {string | null} identifier
 * @property {string[]} labels
 */

/**
 * @typedef {object} ImportPlan
 * @property {ImportRow[]} rows
 * @property {{line: number | null, column: string | null, message: string}[]} errors
 * @property {number} create_count
 * @property {number} update_count
 */

/**
 * Call the account's API at `path` and save the answer as a file.
 * @param {DashboardContext} ctx
 * @param {string} method
 * @param {string} path
 * @param {Record<string, unknown> | null} body
 * @param {string} fallbackName the file's name when the answer names none
 */
export async function download(ctx, method, path, body, fallbackName) {
  const response = await fetch(`/api/v1/accounts/${ctx.config.account.id}/${path}`, {
    method,
    credentials: "same-origin",
    headers: { "X-CSRFToken": ctx.config.csrfToken, ...(body ? { "Content-Type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) {
    const text = await response.text();
    let data = null;
    try {
      data = JSON.parse(text);
    } catch {
      data = { error: text.slice(0, 200) };
    }
    throw new ApiError(response.status, data);
  }
  const named = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") || "");
  const url = URL.createObjectURL(await response.blob());
  const link = h("a", { href: url, download: named ? named[1] : fallbackName, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * A modal dialog with a title; it removes itself when closed.
 * @param {string} className
 * @param {string} title
 * @returns {{dialog: HTMLDialogElement, body: HTMLElement}}
 */
function modal(className, title) {
  const body = h("div", { class: "stack" });
  const titleId = `${className}-title`;
  const dialog = /** @type {HTMLDialogElement} */ (h("dialog", { class: `data-dialog ${className}`, "aria-labelledby": titleId }, h("h2", { id: titleId }, title), body));
  dialog.addEventListener("close", () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  return { dialog, body };
}

/**
 * The Import and Export buttons of the contacts page (administrators).
 * @param {DashboardContext} ctx
 * @param {{onImported: () => void, search: () => string}} options
 * @returns {HTMLElement | null}
 */
export function contactsTransfer(ctx, { onImported, search }) {
  if (!ctx.isAdministrator) return null;
  const exportContacts = () => {
    const q = search();
    download(ctx, "POST", "contacts/export", q ? { q } : {}, "contacts.csv").catch((error) => toast(interpolate(gettext("Could not export the contacts: %(reason)s"), reasonOf(error))));
  };
  return h(
    "div",
    { class: "row data-transfer" },
    h("button", { type: "button", class: "button small", onclick: () => showImport(ctx, onImported) }, gettext("Import")),
    h("button", { type: "button", class: "button small", onclick: exportContacts, title: gettext("The contacts the search finds, or all") }, gettext("Export")),
  );
}

/**
 * The import dialog: pick a CSV file, read the preview, confirm.
 * @param {DashboardContext} ctx
 * @param {() => void} onImported
 */
function showImport(ctx, onImported) {
  const { dialog, body } = modal("import-dialog", gettext("Import contacts"));
  const file = /** @type {HTMLInputElement} */ (h("input", { type: "file", accept: ".csv,text/csv", "aria-label": gettext("CSV file") }));
  const preview = h("div", { class: "import-preview" });
  const confirm = /** @type {HTMLButtonElement} */ (h("button", { type: "button", class: "button primary", disabled: true }, gettext("Import")));
  const form = () => {
    const data = new FormData();
    if (file.files && file.files[0]) data.append("import_file", file.files[0]);
    return data;
  };
  file.addEventListener("change", async () => {
    confirm.disabled = true;
    replaceChildren(preview, h("p", { class: "muted" }, gettext("Reading the file…")));
    try {
      /** @type {ImportPlan} */
      const plan = await ctx.api.post("contacts/import/preview", form());
      replaceChildren(preview, planView(plan));
      confirm.disabled = plan.errors.length > 0 || plan.rows.length === 0;
    } catch (error) {
      replaceChildren(preview, h("p", { class: "error" }, reasonOf(error).reason));
    }
  });
  confirm.addEventListener("click", async () => {
    confirm.disabled = true;
    try {
      await ctx.api.post("contacts/import", form());
      toast(gettext("Contacts imported."));
      dialog.close();
      onImported();
    } catch (error) {
      const plan = error instanceof ApiError && error.body && Array.isArray(error.body.errors) ? error.body : null;
      if (plan) replaceChildren(preview, planView({ rows: [], errors: plan.errors, create_count: 0, update_count: 0 }));
      toast(interpolate(gettext("Could not import the contacts: %(reason)s"), reasonOf(error)));
    }
  });
  replaceChildren(
    body,
    h("p", { class: "muted" }, gettext("Columns: name, email, phone_number, identifier, labels (separated by commas); any other column becomes a custom attribute. Nothing is written until you confirm, and nothing at all if a row has an error.")),
    file,
    preview,
    h("div", { class: "row" }, confirm, h("button", { type: "button", class: "button", onclick: () => dialog.close() }, gettext("Cancel"))),
  );
  file.focus();
}

/**
 * The preview: the errors by line and column, then the rows.
 * @param {ImportPlan} plan
 * @returns {HTMLElement}
 */
function planView(plan) {
  const errors = plan.errors.length
    ? h(
        "table",
        { class: "table import-errors" },
        h("caption", {}, interpolate(ngettext("%(count)s error: nothing will be imported", "%(count)s errors: nothing will be imported", plan.errors.length), { count: plan.errors.length })),
        h("thead", {}, h("tr", {}, h("th", {}, gettext("Line")), h("th", {}, gettext("Column")), h("th", {}, gettext("Error")))),
        h("tbody", {}, plan.errors.map((e) => h("tr", {}, h("td", {}, e.line == null ? "" : String(e.line)), h("td", {}, e.column || ""), h("td", {}, e.message)))),
      )
    : null;
  const summary = [
    interpolate(ngettext("%(count)s new contact", "%(count)s new contacts", plan.create_count), { count: plan.create_count }),
    interpolate(ngettext("%(count)s contact updated", "%(count)s contacts updated", plan.update_count), { count: plan.update_count }),
  ].join(" · ");
  const cells = (/** @type {ImportRow} */ row) => [String(row.line), row.action === "create" ? gettext("New") : gettext("Update"), row.name || "", row.email || "", row.phone_number || "", row.identifier || "", row.labels.join(", ")];
  const heads = [gettext("Line"), gettext("Action"), gettext("Name"), gettext("Email"), gettext("Phone"), gettext("Identifier"), gettext("Labels")];
  const rows = plan.rows.length
    ? h(
        "table",
        { class: "table import-rows" },
        h("caption", {}, summary),
        h("thead", {}, h("tr", {}, heads.map((text) => h("th", {}, text)))),
        h("tbody", {}, plan.rows.map((row) => h("tr", {}, cells(row).map((text) => h("td", {}, text))))),
      )
    : null;
  return h("div", { class: "stack" }, errors, rows);
}

/**
 * A contact's Export data and Erase buttons (administrators).
 * @param {DashboardContext} ctx
 * @param {{id: number, name?: string | null}} contact
 * @param {(erased: any) => void} onErased
 * @returns {HTMLElement | null}
 */
export function contactPrivacyActions(ctx, contact, onErased) {
  if (!ctx.isAdministrator) return null;
  const exportData = () => download(ctx, "GET", `contacts/${contact.id}/data_export`, null, `contact-${contact.id}.json`).catch((error) => toast(interpolate(gettext("Could not export the data: %(reason)s"), reasonOf(error))));
  return h(
    "div",
    { class: "row contact-privacy" },
    h("button", { type: "button", class: "button small", onclick: exportData }, gettext("Export data")),
    h("button", { type: "button", class: "button small danger", onclick: () => showErase(ctx, contact, onErased) }, gettext("Erase")),
  );
}

/**
 * The erase dialog: the word typed before the button works.
 * @param {DashboardContext} ctx
 * @param {{id: number, name?: string | null}} contact
 * @param {(erased: any) => void} onErased
 */
function showErase(ctx, contact, onErased) {
  const { dialog, body } = modal("erase-dialog", interpolate(gettext("Erase %(name)s?"), { name: contact.name || gettext("Visitor") }));
  const word = gettext("ERASE");
  const input = /** @type {HTMLInputElement} */ (h("input", { type: "text", autocomplete: "off", "aria-label": gettext("Confirmation") }));
  const erase = /** @type {HTMLButtonElement} */ (h("button", { type: "button", class: "button danger", disabled: true }, gettext("Erase personal data")));
  input.addEventListener("input", () => (erase.disabled = input.value.trim() !== word));
  erase.addEventListener("click", async () => {
    erase.disabled = true;
    try {
      const data = await ctx.api.post(`contacts/${contact.id}/erase`);
      toast(gettext("The contact's personal data was erased."));
      dialog.close();
      onErased(data.payload || data);
    } catch (error) {
      toast(interpolate(gettext("Could not erase the contact: %(reason)s"), reasonOf(error)));
      erase.disabled = false;
    }
  });
  replaceChildren(
    body,
    h("p", {}, gettext("Their name, email, phone, identifier, attributes, browser details and the files they sent are removed for good. Their messages stay, shown as from an erased contact.")),
    h("label", {}, interpolate(gettext("Type %(word)s to confirm"), { word }), input),
    h("div", { class: "row" }, erase, h("button", { type: "button", class: "button", onclick: () => dialog.close() }, gettext("Cancel"))),
  );
  input.focus();
}
