// @ts-check
// What the contact panel draws: a contact's details, the form that edits
// them, and their other conversations.

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
 * @property {Record<string, string>} custom_attributes
 */

/** @param {unknown} value */
const shown = (value) => (typeof value === "object" ? JSON.stringify(value) : String(value));

/**
 * The contact's details and attributes, with an Edit button.
 * @param {Contact} contact
 * @param {() => void} onEdit
 * @returns {HTMLElement}
 */
export function contactDetails(contact, onEdit) {
  const rows = [
    [gettext("Email"), contact.email],
    [gettext("Phone"), contact.phone_number],
    [gettext("Identifier"), contact.identifier],
    [gettext("Created"), formatDateTime(contact.created_at)],
    [gettext("Last activity"), formatDateTime(contact.last_activity_at)],
  ];
  const custom = Object.entries(contact.custom_attributes || {});
  const additional = Object.entries(contact.additional_attributes || {}).filter(([, v]) => typeof v !== "object");
  return h(
    "div",
    {},
    h("dl", { class: "details" }, rows.flatMap(([label, value]) => [h("dt", {}, label), h("dd", {}, value || "—")])),
    h("h3", {}, gettext("Custom attributes")),
    custom.length ? h("dl", { class: "details" }, custom.flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, shown(v))])) : h("p", { class: "muted small" }, gettext("None yet.")),
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
 * The form that edits the contact.
 * @param {Contact} contact
 * @param {{onSave: (changes: ContactChanges) => void, onCancel: () => void}} handlers
 * @returns {HTMLFormElement}
 */
export function contactEditForm(contact, { onSave, onCancel }) {
  /** @type {(label: string, name: string, value: string | null | undefined, type?: string) => HTMLElement[]} */
  const field = (label, name, value, type = "text") => {
    const id = `contact-${name}`;
    return [h("label", { for: id }, label), h("input", { id, name, type, value: value || "" })];
  };
  const attributes = Object.entries(contact.custom_attributes || {})
    .map(([k, v]) => `${k}: ${shown(v)}`)
    .join("\n");
  /** @param {SubmitEvent} event */
  const submit = (event) => {
    event.preventDefault();
    const values = new FormData(form);
    const text = /** @param {string} name */ (name) => String(values.get(name) || "");
    onSave({ name: text("name"), email: text("email") || null, phone_number: text("phone_number") || null, custom_attributes: parseCustomAttributes(text("custom_attributes")) });
  };
  const form = h(
    "form",
    { class: "stack", onsubmit: submit },
    field(gettext("Name"), "name", contact.name),
    field(gettext("Email"), "email", contact.email, "email"),
    field(gettext("Phone"), "phone_number", contact.phone_number, "tel"),
    h("label", { for: "contact-custom" }, gettext("Custom attributes (one “key: value” a line)")),
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
