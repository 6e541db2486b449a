// @ts-check
// What the contact panel draws: a contact's details, the form that edits
// them, and their other conversations.

import { attributeInput, attributeValues, shownValue } from "./attribute_values.js";
import { formatDateTime, formatTime, h, statusName } from "./dom.js";
import { gettext } from "./i18n.js";

/**
 * A contact (contacts/serializers.py).
 * @typedef {object} Contact
 * @property {number} id
 * @property {string | null} [name]
 * @property {string | null} [email]
 * @property {string | null} [phone_number]
 * @property {string | null} [identifier]
 * @property {number} [created_at]
 * @property {number} [last_activity_at]
 * @property {Record<string, unknown>} [custom_attributes]
 * @property {Record<string, unknown>} [additional_attributes]
 */

/**
 * What the contact edit form sends (`PATCH contacts/:id`).
 * @typedef {object} ContactChanges
 * @property {string} name
 * @property {string | null} email
 * @property {string | null} phone_number
 * @property {Record<string, unknown>} custom_attributes
 */

/** @typedef {import("./settings_attributes.js").AttributeDefinition} AttributeDefinition */

/** @param {unknown} value */
const shown = (value) => (typeof value === "object" ? JSON.stringify(value) : String(value));

/**
 * The contact's details and attributes (the defined ones by their names and
 * types, the others by their keys), with an Edit button.
 * @param {Contact} contact
 * @param {() => void} onEdit
 * @param {AttributeDefinition[]} [definitions] the account's contact attributes
 * @returns {HTMLElement}
 */
export function contactDetails(contact, onEdit, definitions = []) {
  const rows = [
    [gettext("Email"), contact.email],
    [gettext("Phone"), contact.phone_number],
    [gettext("Identifier"), contact.identifier],
    [gettext("Created"), formatDateTime(contact.created_at)],
    [gettext("Last activity"), formatDateTime(contact.last_activity_at)],
  ];
  const values = contact.custom_attributes || {};
  const byKey = new Map(definitions.map((definition) => [definition.attribute_key, definition]));
  const custom = [
    ...definitions.filter((definition) => Object.hasOwn(values, definition.attribute_key))
      .map((definition) => [definition.attribute_display_name, shownValue(definition, values[definition.attribute_key])]),
    ...Object.entries(values).filter(([key]) => !byKey.has(key)).map(([key, value]) => [key, shownValue(undefined, value)]),
  ];
  const additional = Object.entries(contact.additional_attributes || {}).filter(([, v]) => typeof v !== "object");
  return h(
    "div",
    {},
    h("dl", { class: "details" }, rows.flatMap(([label, value]) => [h("dt", {}, label), h("dd", {}, value || "—")])),
    h("h3", {}, gettext("Custom attributes")),
    custom.length ? h("dl", { class: "details" }, custom.flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v)])) : h("p", { class: "muted small" }, gettext("None yet.")),
    additional.length ? [h("h3", {}, gettext("Other details")), h("dl", { class: "details" }, additional.flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, String(v))]))] : null,
    h("button", { type: "button", class: "button", onclick: onEdit }, gettext("Edit contact")),
  );
}

/**
 * Custom attributes as the form takes them, one "key: value" a line; lines
 * without a key are left out.
 * @param {string} text
 * @returns {Record<string, string>}
 */
export function parseCustomAttributes(text) {
  /** @type {Record<string, string>} */
  const attributes = {};
  for (const line of text.split("\n")) {
    const at = line.indexOf(":");
    if (at > 0) attributes[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return attributes;
}

/**
 * The form that edits the contact: an input of its type for each defined
 * attribute, other attributes one "key: value" a line.
 * @param {Contact} contact
 * @param {{onSave: (changes: ContactChanges) => void, onCancel: () => void}} handlers
 * @param {AttributeDefinition[]} [definitions] the account's contact attributes
 * @returns {HTMLFormElement}
 */
export function contactEditForm(contact, { onSave, onCancel }, definitions = []) {
  /** @type {(label: string, name: string, value: string | null | undefined, type?: string) => HTMLElement[]} */
  const field = (label, name, value, type = "text") => {
    const id = `contact-${name}`;
    return [h("label", { for: id }, label), h("input", { id, name, type, value: value || "" })];
  };
  const defined = new Set(definitions.map((definition) => definition.attribute_key));
  const values = contact.custom_attributes || {};
  const attributes = Object.entries(values)
    .filter(([k]) => !defined.has(k))
    .map(([k, v]) => `${k}: ${shown(v)}`)
    .join("\n");
  /** @param {SubmitEvent} event */
  const submit = (event) => {
    event.preventDefault();
    const values = new FormData(form);
    const text = /** @param {string} name */ (name) => String(values.get(name) || "");
    const custom = { ...parseCustomAttributes(text("custom_attributes")), ...attributeValues(definitions, form) };
    onSave({ name: text("name"), email: text("email") || null, phone_number: text("phone_number") || null, custom_attributes: custom });
  };
  const form = h(
    "form",
    { class: "stack", onsubmit: submit },
    field(gettext("Name"), "name", contact.name),
    field(gettext("Email"), "email", contact.email, "email"),
    field(gettext("Phone"), "phone_number", contact.phone_number, "tel"),
    definitions.map((definition) => attributeInput(definition, values[definition.attribute_key])),
    h("label", { for: "contact-custom" }, definitions.length ? gettext("Other attributes (one “key: value” a line)") : gettext("Custom attributes (one “key: value” a line)")),
    h("textarea", { id: "contact-custom", name: "custom_attributes", rows: 4, value: attributes }),
    h("div", { class: "row" }, h("button", { type: "submit", class: "button primary" }, gettext("Save")), h("button", { type: "button", class: "button", onclick: onCancel }, gettext("Cancel"))),
  );
  return form;
}

/**
 * The contact's conversations but the one open.
 * @param {import("../kit/wire.js").Conversation[]} conversations
 * @param {{base: string, currentConversationId: number | null}} options
 * @returns {HTMLElement}
 */
export function previousConversations(conversations, { base, currentConversationId }) {
  const others = conversations.filter((c) => c.id !== currentConversationId);
  return h(
    "section",
    { class: "previous" },
    h("h3", {}, currentConversationId ? gettext("Previous conversations") : gettext("Conversations")),
    others.length
      ? h(
          "ul",
          { class: "plain-list" },
          others.map((c) => h("li", {}, h("a", { href: `${base}/conversations/${c.id}` }, `#${c.id}`), ` · ${statusName(c.status)} · ${formatTime(c.last_activity_at)}`)),
        )
      : h("p", { class: "muted small" }, gettext("None.")),
  );
}
