// @ts-check
// The widget's language: the catalogue of the language it switches to, with
// its plural forms, and the lines OneChat writes drawn in it.
import "../../js/page.js";

import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it } from "node:test";

import { gettext, interpolate, ngettext, setLocale } from "../../../widget/static/widget/i18n.js";
import { forReader, lineInLanguage } from "../../../widget/static/widget/lines.js";

const MINUTE = "%(count)s minute";
const CATALOGS = {
  fr: {
    "We are online": "Nous sommes en ligne",
    "%(name)s joined the chat": "%(name)s a rejoint le chat",
    [MINUTE]: ["%(count)s minute", "%(count)s minutes"],
  },
  "pt-BR": { "We are online": "Estamos online" },
  de: { "We are online": "Wir sind online" },
  ar: {
    "We are online": "نحن متصلون",
    [MINUTE]: ["0 zero", "one", "two", "%(count)s few", "%(count)s many", "%(count)s other"],
  },
};

/** @param {number} count */
const minutes = (count) => interpolate(ngettext(MINUTE, "%(count)s minutes", count), { count });

/** @param {Record<string, unknown>} attributes */
const written = (attributes) =>
  /** @type {import("../../../common/static/kit/wire.js").Message} */ ({
    id: 1,
    content: "Anna joined the chat",
    content_attributes: attributes,
  });

describe("widget language", () => {
  beforeEach(() => {
    const element = document.createElement("script");
    element.type = "application/json";
    element.id = "widget-catalogs";
    element.textContent = JSON.stringify(CATALOGS);
    document.head.append(element);
  });
  afterEach(() => {
    document.getElementById("widget-catalogs")?.remove();
    setLocale("en");
  });

  it("reads the catalogue of the language it switches to", () => {
    assert.equal(setLocale("fr"), "fr");
    assert.equal(gettext("We are online"), "Nous sommes en ligne");
    assert.equal(setLocale("de-AT"), "de");
    assert.equal(gettext("We are online"), "Wir sind online");
    assert.equal(document.documentElement.lang, "de");
    // A word the catalogue lacks reads in English.
    assert.equal(gettext("Send message"), "Send message");
  });

  it("takes a region's language, then the inbox's, else English", () => {
    assert.equal(setLocale("pt"), "pt-BR");
    assert.equal(gettext("We are online"), "Estamos online");
    assert.equal(setLocale("ja", "de"), "de");
    assert.equal(setLocale("ja", null), "en");
    assert.equal(gettext("We are online"), "We are online");
  });

  it("turns the page right to left in Arabic and back", () => {
    setLocale("ar-EG");
    assert.equal(document.documentElement.dir, "rtl");
    assert.equal(document.documentElement.lang, "ar");
    setLocale("fr");
    assert.equal(document.documentElement.dir, "ltr");
  });

  it("picks the plural form of the language for a count", () => {
    assert.deepEqual([1, 2, 5].map(minutes), ["1 minute", "2 minutes", "5 minutes"]);
    setLocale("ar");
    assert.deepEqual(
      [0, 1, 2, 3, 11, 100].map(minutes),
      ["0 zero", "one", "two", "3 few", "11 many", "100 other"],
    );
    setLocale("fr");
    // French counts zero as one.
    assert.deepEqual([0, 1, 2].map(minutes), ["0 minute", "1 minute", "2 minutes"]);
  });

  it("draws a line OneChat wrote in the language of the moment", () => {
    const message = written({ i18n: { kind: "participant.joined", params: { name: "<b>Anna</b>" } } });
    setLocale("fr");
    assert.equal(lineInLanguage(message), "<b>Anna</b> a rejoint le chat");
    setLocale("en");
    assert.equal(forReader(message).content, "<b>Anna</b> joined the chat");
    assert.equal(lineInLanguage(written({})), "Anna joined the chat");
  });
});
