// @ts-check
// lineText: a line OneChat wrote is drawn from the reader's catalogue.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { lineText, writtenLine } from "../../common/static/kit/lines.js";

const TEMPLATES = { "participant.joined": "%(name)s a rejoint la discussion" };
/** @param {string} template @param {Record<string, string | number>} params */
const fill = (template, params) => template.replace(/%\((\w+)\)s/g, (_, name) => String(params[name] ?? ""));

/** @param {any} attributes */
function line(attributes, content = "Anna joined the chat") {
  return { message_type: 2, content, content_attributes: attributes };
}

describe("lineText", () => {
  it("draws a known kind from the reader's templates", () => {
    const message = line({ i18n: { kind: "participant.joined", params: { name: "Anna" } } });
    assert.equal(lineText(message, TEMPLATES, fill), "Anna a rejoint la discussion");
  });

  it("draws the content for an unknown kind or a line without the key", () => {
    assert.equal(lineText(line({ i18n: { kind: "status.new", params: {} } }), TEMPLATES, fill), "Anna joined the chat");
    assert.equal(lineText(line({}), TEMPLATES, fill), "Anna joined the chat");
    assert.equal(lineText({ message_type: 2 }, TEMPLATES, fill), "");
  });

  it("does not take a kind from the object's prototype", () => {
    for (const kind of ["constructor", "__proto__", "toString"]) {
      assert.equal(lineText(line({ i18n: { kind, params: {} } }, "kept"), TEMPLATES, fill), "kept");
    }
  });
});

describe("writtenLine", () => {
  it("keeps text and number parameters only", () => {
    const message = line({ i18n: { kind: "csat.rating", params: { rating: 4, who: { name: "x" }, list: [1], ok: "yes" } } });
    assert.deepEqual(writtenLine(message), { kind: "csat.rating", params: { rating: 4, ok: "yes" } });
  });

  it("is null for a message OneChat did not write or a malformed key", () => {
    assert.equal(writtenLine(line({})), null);
    assert.equal(writtenLine(line({ i18n: "status.resolved" })), null);
    assert.equal(writtenLine(line({ i18n: { kind: 3 } })), null);
    assert.equal(writtenLine({ message_type: 0, content: "hi" }), null);
  });
});
