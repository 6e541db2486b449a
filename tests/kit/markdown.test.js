// @ts-check
// plainText: a message as one line without its Markdown (list previews). The
// server-drawn path needs a DOM and is covered by tests/dashboard/test_pages.py;
// here, a message the server has not drawn yet.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { plainText } from "../../common/static/kit/markdown.js";

describe("plainText", () => {
  it("takes out emphasis, code and link marks", () => {
    const content = "**Bold** and _italic_, `code`, ~~gone~~ and [the docs](https://example.com).";
    assert.equal(plainText({ content }), "Bold and italic, code, gone and the docs.");
  });

  it("joins lines, quotes and list items into one line", () => {
    assert.equal(plainText({ content: "> quoted\n- one\n- two\n1. three" }), "quoted one two three");
  });

  it("leaves words with underscores or stars inside alone", () => {
    assert.equal(plainText({ content: "see snake_case_name and 2*3*4" }), "see snake_case_name and 2*3*4");
  });
});
