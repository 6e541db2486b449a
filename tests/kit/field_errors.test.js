// @ts-check
// fieldErrors: a 400's nested field errors by the path each input names.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { fieldErrors } from "../../common/static/kit/field_errors.js";

describe("fieldErrors", () => {
  it("flattens DRF's nested detail into dotted paths", () => {
    const errors = { content_attributes: { items: { 0: { value: ["This field is required."] }, 2: { title: ["Too long.", "Bad."] } } } };
    assert.deepEqual(fieldErrors(errors), {
      "content_attributes.items.0.value": "This field is required.",
      "content_attributes.items.2.title": "Too long. Bad.",
    });
  });

  it("indexes a list of objects", () => {
    assert.deepEqual(fieldErrors({ items: [{}, { name: ["Taken."] }] }), { "items.1.name": "Taken." });
  });

  it("keeps a top-level message and ignores nothing-to-say values", () => {
    assert.deepEqual(fieldErrors({ content: "Required.", other: [], none: null }), { content: "Required." });
    assert.deepEqual(fieldErrors(undefined), {});
  });
});
