// @ts-check
// Custom attribute values as the dashboard draws and edits them.
import "../../js/page.js";

import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { attributeInput, attributeValues, shownValue } from "../../../dashboard/static/dashboard/attribute_values.js";

/** @typedef {import("../../../dashboard/static/dashboard/settings_attributes.js").AttributeDefinition} AttributeDefinition */

/**
 * @param {string} key
 * @param {string} type
 * @param {string[]} [values]
 * @returns {AttributeDefinition}
 */
const definition = (key, type, values = []) => ({
  id: 1, attribute_key: key, attribute_display_name: `<b>${key}</b>`, attribute_display_type: type,
  attribute_model: "contact_attribute", attribute_values: values, regex_pattern: null, regex_cue: null,
});

describe("attribute values", () => {
  it("draws a link only for a web address, and markup as text", () => {
    const link = /** @type {HTMLAnchorElement} */ (shownValue(definition("site", "link"), "https://acme.example/"));
    assert.equal(link.getAttribute("href"), "https://acme.example/");
    assert.equal(link.getAttribute("rel"), "noopener noreferrer nofollow");
    assert.equal(shownValue(definition("site", "link"), "javascript:alert(1)"), "javascript:alert(1)");
    assert.equal(shownValue(definition("vip", "checkbox"), true), "Yes");
    assert.equal(shownValue(undefined, "<i>x</i>"), "<i>x</i>");
  });

  it("reads each input by its type; blank ones are left out", () => {
    const definitions = [definition("plan", "list", ["free", "pro"]), definition("vip", "checkbox"), definition("seats", "number"), definition("note", "text")];
    const form = document.createElement("form");
    for (const each of definitions) form.append(...attributeInput(each, null));
    document.body.replaceChildren(form);
    assert.equal(form.querySelector("b"), null);
    /** @type {HTMLSelectElement} */ (form.elements.namedItem("attr-plan")).value = "pro";
    /** @type {HTMLInputElement} */ (form.elements.namedItem("attr-seats")).value = "12";
    assert.deepEqual(attributeValues(definitions, form), { plan: "pro", vip: false, seats: 12 });
  });
});
