// @ts-check
// Custom attribute values as the dashboard draws and edits them: each
// definition's value shown by its type (a link only when it is a web
// address, a checkbox as Yes or No), and the input that edits it (a date
// picker, a select for a list, a checkbox, a number field).

import { webUrl } from "../kit/url.js";
import { h } from "./dom.js";
import { gettext } from "./i18n.js";

/** @typedef {import("./settings_attributes.js").AttributeDefinition} AttributeDefinition */

const NUMERIC = new Set(["number", "currency", "percent"]);
const INPUT_TYPES = /** @type {Record<string, string>} */ ({
  number: "number", currency: "number", percent: "number", link: "url", date: "date",
});

/** @type {Map<string, Promise<AttributeDefinition[]>>} the account's definitions per model, read once a page */
const loaded = new Map();

/**
 * The account's definitions of `model` (read once; none when they cannot be read).
 * @param {import("./context.js").DashboardContext} ctx
 * @param {"contact_attribute" | "conversation_attribute"} model
 * @returns {Promise<AttributeDefinition[]>}
 */
export function definitionsOf(ctx, model) {
  const key = `${ctx.base} ${model}`;
  if (!loaded.has(key)) {
    loaded.set(key, ctx.api.get(`custom_attribute_definitions?attribute_model=${model}`).catch(() => []));
  }
  return /** @type {Promise<AttributeDefinition[]>} */ (loaded.get(key));
}

/** @param {unknown} value */
const asText = (value) => (typeof value === "object" ? JSON.stringify(value) : String(value));

/**
 * A value drawn by its definition's type.
 * @param {AttributeDefinition | undefined} definition
 * @param {unknown} value
 * @returns {Node | string}
 */
export function shownValue(definition, value) {
  if (value === null || value === undefined || value === "") return "—";
  if (definition?.attribute_display_type === "checkbox") return value === true ? gettext("Yes") : gettext("No");
  if (definition?.attribute_display_type === "link") {
    const href = webUrl(value);
    if (href) return h("a", { href, target: "_blank", rel: "noopener noreferrer nofollow" }, String(value));
  }
  return asText(value);
}

/**
 * The input that edits `definition`'s value, named `attr-<key>`.
 * @param {AttributeDefinition} definition
 * @param {unknown} value
 * @returns {HTMLElement[]} its label and input
 */
export function attributeInput(definition, value) {
  const id = `attr-${definition.attribute_key}`;
  const type = definition.attribute_display_type;
  const label = h("label", { for: id }, definition.attribute_display_name);
  if (type === "checkbox") {
    return [h("div", { class: "field checkbox" }, h("input", { id, name: id, type: "checkbox", checked: value === true }), label)];
  }
  if (type === "list") {
    const select = h("select", { id, name: id },
      h("option", { value: "" }, "—"),
      definition.attribute_values.map((option) => h("option", { value: option }, option)));
    select.value = typeof value === "string" ? value : "";
    return [label, select];
  }
  return [label, h("input", {
    id, name: id, type: INPUT_TYPES[type] || "text", step: NUMERIC.has(type) ? "any" : null,
    value: value === null || value === undefined ? "" : asText(value),
    title: definition.regex_cue || null,
  })];
}

/**
 * The values the form's attribute inputs hold, by key; blank ones left out.
 * @param {AttributeDefinition[]} definitions
 * @param {HTMLFormElement} form
 * @returns {Record<string, unknown>}
 */
export function attributeValues(definitions, form) {
  /** @type {Record<string, unknown>} */
  const values = {};
  for (const definition of definitions) {
    const input = /** @type {HTMLInputElement | null} */ (form.elements.namedItem(`attr-${definition.attribute_key}`));
    if (!input) continue;
    const type = definition.attribute_display_type;
    if (type === "checkbox") values[definition.attribute_key] = input.checked;
    else if (input.value.trim()) values[definition.attribute_key] = NUMERIC.has(type) ? Number(input.value) : input.value.trim();
  }
  return values;
}
