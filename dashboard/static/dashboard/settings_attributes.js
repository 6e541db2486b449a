// @ts-check
// Settings: the account's custom attribute definitions (Chatwoot's
// custom_attribute_definitions) of contacts and conversations, each typed;
// add, change, delete. Values are checked against them by every API.

import { STALE, newestOnly } from "../kit/http.js";
import { h, reasonOf, replaceChildren, toast } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";
import { field } from "./settings_form.js";

/** @typedef {import("./context.js").DashboardContext} DashboardContext */

/**
 * @typedef {object} AttributeDefinition
 * @property {number} id
 * @property {string} attribute_display_name
 * @property {string} attribute_key
 * @property {string} attribute_display_type
 * @property {string} attribute_model
 * @property {string} [attribute_description]
 * @property {string[]} attribute_values
 * @property {string | null} regex_pattern
 * @property {string | null} regex_cue
 */

/** @returns {string[][]} the display types, each with its words */
export function displayTypes() {
  return [
    ["text", gettext("Text")],
    ["number", gettext("Number")],
    ["currency", gettext("Currency")],
    ["percent", gettext("Percent")],
    ["link", gettext("Link")],
    ["date", gettext("Date")],
    ["list", gettext("List")],
    ["checkbox", gettext("Checkbox")],
  ];
}

/** @returns {string[][]} what a definition applies to, with its words */
function models() {
  return [
    ["contact_attribute", gettext("Contact")],
    ["conversation_attribute", gettext("Conversation")],
  ];
}

/**
 * @param {string[][]} pairs
 * @param {string} value
 */
function wordsOf(pairs, value) {
  return (pairs.find(([key]) => key === value) || [value, value])[1];
}

/**
 * The form's fields, filled from `definition` when one is being changed.
 * @param {AttributeDefinition | null} definition
 * @returns {HTMLElement[]}
 */
function definitionFields(definition) {
  const type = field(gettext("Type"), "attribute_display_type", { options: displayTypes() });
  const model = field(gettext("Applies to"), "attribute_model", { options: models() });
  const select = /** @type {HTMLSelectElement} */ (type.querySelector("select"));
  /** @type {HTMLSelectElement} */ (model.querySelector("select")).value = definition?.attribute_model || "contact_attribute";
  select.value = definition?.attribute_display_type || "text";
  const values = h("div", { class: "field" },
    h("label", { for: "field-attribute_values" }, gettext("Values (one a line)")),
    h("textarea", { id: "field-attribute_values", name: "attribute_values", rows: 4 }, (definition?.attribute_values || []).join("\n")));
  const pattern = field(gettext("Pattern (regular expression)"), "regex_pattern", { value: definition?.regex_pattern || "" });
  const cue = field(gettext("Message when the pattern does not match"), "regex_cue", { value: definition?.regex_cue || "" });
  const show = () => {
    values.hidden = select.value !== "list";
    pattern.hidden = cue.hidden = select.value !== "text";
  };
  select.addEventListener("change", show);
  show();
  return [
    field(gettext("Display name"), "attribute_display_name", { required: true, maxlength: 255, value: definition?.attribute_display_name || "" }),
    field(gettext("Key"), "attribute_key", {
      required: true, pattern: "[A-Za-z0-9]+(_[A-Za-z0-9]+)*", title: gettext("Letters and digits in words joined by _."),
      value: definition?.attribute_key || "",
    }),
    model,
    type,
    field(gettext("Description"), "attribute_description", { value: definition?.attribute_description || "" }),
    values,
    pattern,
    cue,
  ];
}

/**
 * A row of the table: name, key, model, type, actions.
 * @param {AttributeDefinition} definition
 * @param {{onEdit: () => void, onDelete: () => void}} actions
 */
function definitionRow(definition, { onEdit, onDelete }) {
  const named = { name: definition.attribute_display_name };
  return h("tr", { dataset: { attribute: definition.attribute_key } },
    h("td", {}, definition.attribute_display_name),
    h("td", {}, h("code", {}, definition.attribute_key)),
    h("td", {}, wordsOf(models(), definition.attribute_model)),
    h("td", {}, wordsOf(displayTypes(), definition.attribute_display_type)),
    h("td", {}, h("span", { class: "row" },
      h("button", { type: "button", class: "button small", "aria-label": interpolate(gettext("Edit attribute %(name)s"), named), onclick: onEdit }, gettext("Edit")),
      h("button", { type: "button", class: "button small danger", "aria-label": interpolate(gettext("Delete attribute %(name)s"), named), onclick: onDelete }, gettext("Delete")))));
}

/**
 * The definitions, and a form to add one or change the one picked.
 * @param {DashboardContext} ctx
 * @param {HTMLElement} content
 */
export function attributeSettings(ctx, content) {
  /** @type {AttributeDefinition | null} */
  let editing = null;
  const list = h("table", { class: "label-table attribute-table" });
  const form = h("form", { class: "card stack attribute-form", onsubmit: submit });
  replaceChildren(content, h("h1", { id: "settings-title" }, gettext("Attributes")), h("div", { class: "settings-grid" }, h("div", {}, list), form));

  function drawForm() {
    replaceChildren(form,
      h("h2", {}, editing ? interpolate(gettext("Edit attribute %(name)s"), { name: editing.attribute_display_name }) : gettext("New attribute")),
      definitionFields(editing),
      h("div", { class: "row" },
        h("button", { type: "submit", class: "button primary" }, editing ? gettext("Save attribute") : gettext("Create attribute")),
        editing ? h("button", { type: "button", class: "button", onclick: () => edit(null) }, gettext("Cancel")) : null));
  }

  /** @param {AttributeDefinition[]} definitions */
  function drawList(definitions) {
    replaceChildren(list,
      h("thead", {}, h("tr", {}, [gettext("Name"), gettext("Key"), gettext("Applies to"), gettext("Type"), ""].map((words) => h("th", { scope: "col" }, words)))),
      h("tbody", {},
        definitions.map((definition) => definitionRow(definition, { onEdit: () => edit(definition), onDelete: () => remove(definition) })),
        definitions.length ? null : h("tr", {}, h("td", { colspan: "5", class: "muted" }, gettext("No attributes yet.")))));
  }

  /** @param {AttributeDefinition | null} definition */
  function edit(definition) {
    editing = definition;
    drawForm();
  }

  const newest = newestOnly();
  async function load() {
    const found = await newest(ctx.api.get("custom_attribute_definitions"));
    if (found !== STALE) drawList(found);
  }

  /** @param {SubmitEvent} event */
  async function submit(event) {
    event.preventDefault();
    const data = new FormData(form);
    const text = (/** @type {string} */ name) => String(data.get(name) || "").trim();
    const body = {
      attribute_display_name: text("attribute_display_name"),
      attribute_key: text("attribute_key"),
      attribute_model: text("attribute_model"),
      attribute_display_type: text("attribute_display_type"),
      attribute_description: text("attribute_description"),
      attribute_values: text("attribute_values").split("\n").map((value) => value.trim()).filter(Boolean),
      regex_pattern: text("regex_pattern") || null,
      regex_cue: text("regex_cue") || null,
    };
    try {
      if (editing) await ctx.api.patch(`custom_attribute_definitions/${editing.id}`, body);
      else await ctx.api.post("custom_attribute_definitions", body);
      toast(editing ? gettext("Attribute saved.") : gettext("Attribute created."));
      edit(null);
      await load();
    } catch (error) {
      toast(interpolate(gettext("Could not save the attribute: %(reason)s"), reasonOf(error)));
    }
  }

  /** @param {AttributeDefinition} definition */
  async function remove(definition) {
    const named = { name: definition.attribute_display_name };
    if (!confirm(interpolate(gettext("Delete the attribute %(name)s? Values already set are kept."), named))) return;
    try {
      await ctx.api.request("DELETE", `custom_attribute_definitions/${definition.id}`);
      if (editing && editing.id === definition.id) edit(null);
      await load();
    } catch (error) {
      toast(interpolate(gettext("Could not delete the attribute: %(reason)s"), reasonOf(error)));
    }
  }

  drawForm();
  load().catch((error) => toast(interpolate(gettext("Could not load attributes: %(reason)s"), reasonOf(error))));
}
