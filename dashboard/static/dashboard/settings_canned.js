// @ts-check
// Settings: the account's canned responses, with the files each carries.
// Agents call them up in the composer by typing `/` and the short code.

import { listOf, newestOnly, STALE } from "../kit/http.js";
import { h, reasonOf, replaceChildren, toast } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";
import { field } from "./settings_form.js";

/** @typedef {import("./context.js").DashboardContext} DashboardContext */
/** @typedef {import("../kit/canned.js").CannedResponse} CannedResponse */

const VARIABLES = "{{contact.name}} {{contact.email}} {{contact.phone_number}} {{agent.name}} {{agent.email}} {{conversation.id}} {{inbox.name}} {{account.name}}";

/**
 * The fields of a canned response's form: short code, content, files, and
 * for one that exists the files to take off.
 * @param {string} prefix makes the fields' ids unique on the page
 * @param {CannedResponse} [canned]
 */
function cannedFields(prefix, canned) {
  const code = field(gettext("Short code"), `${prefix}short_code`, { required: true, maxlength: 255, value: canned?.short_code || "" });
  const contentId = `field-${prefix}content`;
  const content = h(
    "div",
    { class: "field" },
    h("label", { for: contentId }, gettext("Content")),
    h("textarea", { id: contentId, name: `${prefix}content`, rows: 4, required: true }, canned?.content || ""),
    h("p", { class: "muted small" }, interpolate(gettext("Variables: %(list)s"), { list: VARIABLES })),
  );
  const filesId = `field-${prefix}attachments`;
  const files = h("div", { class: "field" }, h("label", { for: filesId }, gettext("Attach files")), h("input", { id: filesId, name: `${prefix}attachments`, type: "file", multiple: true }));
  const kept = (canned?.attachments || []).map((file) =>
    h("label", { class: "canned-file" }, h("input", { type: "checkbox", name: `${prefix}removed`, value: String(file.id) }), " ", interpolate(gettext("Remove %(name)s"), { name: file.file_name })),
  );
  return [code, content, kept.length ? h("div", { class: "field" }, kept) : null, files];
}

/**
 * A form's canned response as multipart: short code, content, new files, and
 * the ids of files to take off.
 * @param {HTMLFormElement} form
 * @param {string} prefix
 */
function cannedBody(form, prefix) {
  const filled = new FormData(form);
  const body = new FormData();
  body.append("short_code", String(filled.get(`${prefix}short_code`) || ""));
  body.append("content", String(filled.get(`${prefix}content`) || ""));
  for (const file of filled.getAll(`${prefix}attachments`)) {
    if (file instanceof File && file.name) body.append("attachments[]", file);
  }
  for (const id of filled.getAll(`${prefix}removed`)) body.append("removed_attachment_ids", String(id));
  return body;
}

/**
 * The canned responses, each editable and deletable, and a form for a new one.
 * @param {DashboardContext} ctx
 * @param {HTMLElement} content
 */
export function cannedSettings(ctx, content) {
  const list = h("div", { class: "canned-list stack" });
  const form = h("form", { class: "card stack", onsubmit: create }, h("h2", {}, gettext("New canned response")), cannedFields("new-"), h("button", { type: "submit", class: "button primary" }, gettext("Add canned response")));
  replaceChildren(content, h("h1", { id: "settings-title" }, gettext("Canned responses")), h("div", { class: "settings-grid" }, list, form));

  const newest = newestOnly();
  async function load() {
    const found = await newest(ctx.api.get("canned_responses"));
    if (found === STALE) return;
    /** @type {CannedResponse[]} */
    const all = listOf(found);
    replaceChildren(list, all.map(card), all.length ? null : h("p", { class: "muted" }, gettext("No canned responses yet.")));
  }

  /** @param {CannedResponse} canned */
  function card(canned) {
    const prefix = `canned-${canned.id}-`;
    const files = (canned.attachments || []).map((file) => h("li", {}, file.file_name));
    const edit = h("form", { class: "stack", hidden: true, onsubmit: (/** @type {SubmitEvent} */ event) => save(event, canned, prefix) }, cannedFields(prefix, canned), h("button", { type: "submit", class: "button primary" }, gettext("Save")));
    return h(
      "div",
      { class: "card canned-card", "data-canned-id": String(canned.id) },
      h("h2", { class: "canned-code" }, `/${canned.short_code}`),
      h("p", { class: "canned-content" }, canned.content),
      files.length ? h("ul", { class: "plain-list muted small" }, files) : null,
      h(
        "div",
        { class: "row" },
        h("button", { type: "button", class: "button small", onclick: () => (edit.hidden = !edit.hidden) }, gettext("Edit")),
        h("button", { type: "button", class: "button small danger", onclick: () => remove(canned) }, gettext("Delete")),
      ),
      edit,
    );
  }

  /** @param {Promise<unknown>} action @param {string} failure */
  async function act(action, failure) {
    try {
      await action;
      await load();
      return true;
    } catch (error) {
      toast(interpolate(failure, reasonOf(error)));
      return false;
    }
  }

  /** @param {SubmitEvent} event */
  async function create(event) {
    event.preventDefault();
    if (await act(ctx.api.post("canned_responses", cannedBody(form, "new-")), gettext("Could not add the canned response: %(reason)s"))) form.reset();
  }

  /** @param {SubmitEvent} event @param {CannedResponse} canned @param {string} prefix */
  function save(event, canned, prefix) {
    event.preventDefault();
    const body = cannedBody(/** @type {HTMLFormElement} */ (event.currentTarget), prefix);
    act(ctx.api.patch(`canned_responses/${canned.id}`, body), gettext("Could not save the canned response: %(reason)s"));
  }

  /** @param {CannedResponse} canned */
  function remove(canned) {
    if (!confirm(interpolate(gettext("Delete the canned response /%(code)s?"), { code: canned.short_code }))) return;
    act(ctx.api.request("DELETE", `canned_responses/${canned.id}`), gettext("Could not delete the canned response: %(reason)s"));
  }

  load().catch((error) => toast(interpolate(gettext("Could not load canned responses: %(reason)s"), reasonOf(error))));
}
