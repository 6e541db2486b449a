// @ts-check
// The open conversation's custom attributes beside the thread: the defined
// ones by their names and types, the others by their keys; edited with an
// input of each definition's type.

import { attributeInput, attributeValues, definitionsOf, shownValue } from "./attribute_values.js";
import { h, reasonOf, replaceChildren, toast } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";

/** @typedef {import("./settings_attributes.js").AttributeDefinition} AttributeDefinition */

/**
 * The block of conversation `conversationId`'s attributes (drawn once they load).
 * @param {import("./context.js").DashboardContext} ctx
 * @param {number} conversationId
 * @returns {HTMLElement}
 */
export function conversationAttributes(ctx, conversationId) {
  const block = h("section", { class: "conversation-attributes" });
  /** @type {Record<string, unknown>} */
  let values = {};
  /** @type {AttributeDefinition[]} */
  let definitions = [];

  function drawShown() {
    const byKey = new Set(definitions.map((definition) => definition.attribute_key));
    const rows = [
      ...definitions.filter((definition) => Object.hasOwn(values, definition.attribute_key))
        .map((definition) => [definition.attribute_display_name, shownValue(definition, values[definition.attribute_key])]),
      ...Object.entries(values).filter(([key]) => !byKey.has(key)).map(([key, value]) => [key, shownValue(undefined, value)]),
    ];
    replaceChildren(block,
      h("h3", {}, gettext("Conversation attributes")),
      rows.length
        ? h("dl", { class: "details" }, rows.flatMap(([name, value]) => [h("dt", {}, name), h("dd", {}, value)]))
        : h("p", { class: "muted small" }, gettext("None yet.")),
      definitions.length ? h("button", { type: "button", class: "button small", onclick: drawForm }, gettext("Edit attributes")) : null);
  }

  function drawForm() {
    const form = h("form", { class: "stack", onsubmit: save },
      definitions.map((definition) => attributeInput(definition, values[definition.attribute_key])),
      h("div", { class: "row" },
        h("button", { type: "submit", class: "button primary small" }, gettext("Save attributes")),
        h("button", { type: "button", class: "button small", onclick: drawShown }, gettext("Cancel"))));
    replaceChildren(block, h("h3", {}, gettext("Conversation attributes")), form);

    /** @param {SubmitEvent} event */
    async function save(event) {
      event.preventDefault();
      const defined = new Set(definitions.map((definition) => definition.attribute_key));
      const others = Object.fromEntries(Object.entries(values).filter(([key]) => !defined.has(key)));
      try {
        const data = await ctx.api.post(`conversations/${conversationId}/custom_attributes`, {
          custom_attributes: { ...others, ...attributeValues(definitions, form) },
        });
        values = data.custom_attributes || {};
        drawShown();
        toast(gettext("Conversation attributes saved."));
      } catch (error) {
        toast(interpolate(gettext("Could not save the attributes: %(reason)s"), reasonOf(error)));
      }
    }
  }

  Promise.all([ctx.api.get(`conversations/${conversationId}`), definitionsOf(ctx, "conversation_attribute")])
    .then(([conversation, defined]) => {
      values = (conversation.payload || conversation).custom_attributes || {};
      definitions = defined;
      drawShown();
    })
    .catch((error) => replaceChildren(block, h("p", { class: "muted small" }, interpolate(gettext("Could not load the attributes: %(reason)s"), reasonOf(error)))));
  return block;
}
