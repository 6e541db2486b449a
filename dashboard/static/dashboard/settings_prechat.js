// @ts-check
// Settings: a website inbox's pre-chat form (Chatwoot's pre_chat_form_options):
// on or off, the message above it, and which of the contact's name, email and
// phone number and the account's custom attributes it asks for, each
// required or not, with its label.

import { definitionsOf } from "./attribute_values.js";
import { h, reasonOf, replaceChildren, toast } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";

/** @typedef {import("./context.js").DashboardContext} DashboardContext */

/**
 * @typedef {{name: string, field_type: string, label?: string, placeholder?: string,
 *   required?: boolean, enabled?: boolean}} PreChatField
 * @typedef {{id: number, name: string, pre_chat_form_enabled?: boolean,
 *   pre_chat_form_options?: {pre_chat_message?: string, pre_chat_fields?: PreChatField[]}}} PreChatInbox
 */

/** @returns {[string, string][]} the contact's own details a form may ask for */
function standardFields() {
  return [["email", gettext("Email")], ["name", gettext("Name")], ["phone_number", gettext("Phone number")]];
}

/**
 * Every field the form may ask for: the saved ones in their order, then the
 * others, each with the words that say what it is.
 * @param {PreChatField[]} saved
 * @param {import("./settings_attributes.js").AttributeDefinition[]} definitions
 * @returns {{field: PreChatField, what: string}[]}
 */
function candidates(saved, definitions) {
  const kinds = /** @type {Record<string, string>} */ ({
    standard: gettext("Contact detail"), contact_attribute: gettext("Contact attribute"), conversation_attribute: gettext("Conversation attribute"),
  });
  const all = [
    ...standardFields().map(([name, words]) => ({ name, field_type: "standard", words })),
    ...definitions.map((definition) => ({ name: definition.attribute_key, field_type: definition.attribute_model, words: definition.attribute_display_name })),
  ];
  const key = (/** @type {{name: string, field_type: string}} */ field) => `${field.field_type}:${field.name}`;
  const known = new Map(all.map((each) => [key(each), each]));
  const savedKeys = saved.filter((field) => known.has(key(field))).map(key);
  const order = [...savedKeys, ...all.map(key).filter((each) => !savedKeys.includes(each))];
  const savedBy = new Map(saved.map((field) => [key(field), field]));
  return order.map((each) => {
    const found = /** @type {{name: string, field_type: string, words: string}} */ (known.get(each));
    const field = savedBy.get(each) || { name: found.name, field_type: found.field_type, enabled: false, required: false, label: "" };
    return { field, what: `${found.words} · ${kinds[found.field_type]}` };
  });
}

/**
 * One row of the fields table.
 * @param {PreChatField} field
 * @param {string} what
 * @param {number} index
 */
function fieldRow(field, what, index) {
  const id = `prechat-${index}`;
  return h("tr", { dataset: { field: field.name, kind: field.field_type } },
    h("td", {}, h("label", { for: `${id}-enabled` }, what)),
    h("td", {}, h("input", { type: "checkbox", id: `${id}-enabled`, class: "prechat-enabled", checked: field.enabled !== false && field.enabled !== undefined })),
    h("td", {}, h("input", { type: "checkbox", class: "prechat-required", checked: Boolean(field.required), "aria-label": interpolate(gettext("%(field)s is required"), { field: what }) })),
    h("td", {}, h("input", { type: "text", class: "prechat-label", maxlength: 255, value: field.label || "", "aria-label": interpolate(gettext("Label of %(field)s"), { field: what }) })));
}

/**
 * The pre-chat form's editor of `inbox`.
 * @param {DashboardContext} ctx
 * @param {PreChatInbox} inbox
 * @returns {HTMLElement}
 */
export function preChatEditor(ctx, inbox) {
  const form = h("form", { class: "card stack prechat-form", onsubmit: save });
  /** @type {{field: PreChatField, what: string}[]} */
  let rows = [];

  /** @param {import("./settings_attributes.js").AttributeDefinition[]} definitions */
  function draw(definitions) {
    const options = inbox.pre_chat_form_options || {};
    rows = candidates(options.pre_chat_fields || [], definitions);
    replaceChildren(form,
      h("h2", {}, gettext("Pre-chat form")),
      h("label", { class: "check" }, h("input", { type: "checkbox", name: "pre_chat_form_enabled", checked: Boolean(inbox.pre_chat_form_enabled) }),
        gettext("Ask new visitors to fill in a form before their first message")),
      h("div", { class: "field" }, h("label", { for: "field-pre_chat_message" }, gettext("Message above the form")),
        h("textarea", { id: "field-pre_chat_message", name: "pre_chat_message", rows: 2, maxlength: 2000 }, options.pre_chat_message || "")),
      h("table", { class: "label-table prechat-fields" },
        h("thead", {}, h("tr", {}, [gettext("Field"), gettext("Ask"), gettext("Required"), gettext("Label")].map((words) => h("th", { scope: "col" }, words)))),
        h("tbody", {}, rows.map(({ field, what }, index) => fieldRow(field, what, index)))),
      h("div", { class: "row" }, h("button", { type: "submit", class: "button primary" }, gettext("Save pre-chat form"))));
  }

  /** @param {SubmitEvent} event */
  async function save(event) {
    event.preventDefault();
    const lines = [...form.querySelectorAll("tbody tr")];
    const fields = rows.map(({ field }, index) => {
      const line = lines[index];
      const box = (/** @type {string} */ selector) => /** @type {HTMLInputElement} */ (line.querySelector(selector));
      return {
        name: field.name, field_type: field.field_type, placeholder: field.placeholder || "",
        enabled: box(".prechat-enabled").checked, required: box(".prechat-required").checked, label: box(".prechat-label").value.trim(),
      };
    });
    const enabled = /** @type {HTMLInputElement} */ (form.elements.namedItem("pre_chat_form_enabled")).checked;
    const message = /** @type {HTMLTextAreaElement} */ (form.elements.namedItem("pre_chat_message")).value;
    try {
      Object.assign(inbox, await ctx.api.patch(`inboxes/${inbox.id}`, {
        pre_chat_form_enabled: enabled, pre_chat_form_options: { pre_chat_message: message, pre_chat_fields: fields },
      }));
      toast(interpolate(gettext("Pre-chat form of “%(name)s” saved."), { name: inbox.name }));
    } catch (error) {
      toast(interpolate(gettext("Could not save the pre-chat form: %(reason)s"), reasonOf(error)));
    }
  }

  Promise.all([definitionsOf(ctx, "contact_attribute"), definitionsOf(ctx, "conversation_attribute")])
    .then(([contact, conversation]) => draw([...contact, ...conversation]));
  return form;
}
