// @ts-check
// safeUrl: the one rule for addresses taken from data.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { safeUrl, webUrl } from "../../common/static/kit/url.js";

const PAGE = "https://chat.example.com/app/accounts/1/conversations/2";

describe("safeUrl", () => {
  it("keeps web and mail addresses", () => {
    assert.equal(safeUrl("https://files.example.com/a.png", PAGE), "https://files.example.com/a.png");
    assert.equal(safeUrl("http://example.com/", PAGE), "http://example.com/");
    assert.equal(safeUrl("mailto:help@example.com", PAGE), "mailto:help@example.com");
  });

  it("resolves a relative address against the page", () => {
    assert.equal(safeUrl("/media/x/report.pdf", PAGE), "https://chat.example.com/media/x/report.pdf");
  });

  for (const url of [
    "javascript:alert(1)",
    " JavaScript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "blob:https://chat.example.com/0b4c",
    "file:///etc/passwd",
  ]) {
    it(`refuses ${JSON.stringify(url)}`, () => {
      assert.equal(safeUrl(url, PAGE), "");
    });
  }

  it("gives nothing for nothing", () => {
    for (const url of ["", null, undefined]) assert.equal(safeUrl(url, PAGE), "");
  });

  it("gives nothing for a relative address without a page to resolve it", () => {
    assert.equal(safeUrl("/media/a.png", undefined), "");
  });
});

describe("webUrl", () => {
  it("keeps absolute web addresses", () => {
    assert.equal(webUrl("https://example.com/a?b=1"), "https://example.com/a?b=1");
    assert.equal(webUrl("http://example.com"), "http://example.com/");
  });

  for (const url of ["mailto:a@example.com", "javascript:alert(1)", "data:text/html,x", "/relative", "", null]) {
    it(`refuses ${JSON.stringify(url)}`, () => {
      assert.equal(webUrl(url), "");
    });
  }
});
