// @ts-check
// The lines OneChat writes, drawn in the agent's language from the page's
// catalogue (dashboard/lines.js).
import "../../js/page.js";

import assert from "node:assert/strict";
import { before, describe, it } from "node:test";

/** @type {typeof import("../../../dashboard/static/dashboard/lines.js")} */
let lines;

before(async () => {
  // The catalogue is read when i18n.js loads: put it in the page first.
  const catalog = document.createElement("script");
  catalog.type = "application/json";
  catalog.id = "dashboard-catalog";
  catalog.textContent = JSON.stringify({ "%(name)s joined the chat": "%(name)s a rejoint la discussion" });
  document.body.append(catalog);
  lines = await import("../../../dashboard/static/dashboard/lines.js");
});

describe("lines for the reader", () => {
  it("draws a line OneChat wrote from the catalogue, without the server's drawn body", () => {
    const message = {
      id: 1,
      message_type: 2,
      content: "Anna joined the chat",
      processed_message_content: "<p>Anna joined the chat</p>",
      content_attributes: { i18n: { kind: "participant.joined", params: { name: "Anna" } } },
    };
    const drawn = lines.forReader(message);
    assert.equal(drawn.content, "Anna a rejoint la discussion");
    assert.equal(drawn.processed_message_content, null);
    assert.equal(message.content, "Anna joined the chat");
  });

  it("falls back to English for a kind the catalogue lacks, and to the content for an unknown kind", () => {
    const resolved = { message_type: 2, content: "x", content_attributes: { i18n: { kind: "status.resolved", params: {} } } };
    assert.equal(lines.lineInLanguage(resolved), "Conversation was marked resolved");
    const unknown = { message_type: 2, content: "As written", content_attributes: { i18n: { kind: "no.such.kind", params: {} } } };
    assert.equal(lines.lineInLanguage(unknown), "As written");
  });

  it("leaves any other message as it is", () => {
    const message = { id: 2, message_type: 0, content: "%(name)s joined the chat" };
    assert.equal(lines.forReader(message), message);
  });
});
