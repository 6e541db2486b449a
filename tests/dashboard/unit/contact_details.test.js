// @ts-check
// The contact panel's drawing: details as text, the edit form's attributes,
// the other conversations.
import "../../js/page.js";

import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { contactDetails, contactEditForm, parseCustomAttributes, previousConversations } from "../../../dashboard/static/dashboard/contact_details.js";

describe("contact details", () => {
  it("draws attributes as text, objects as JSON", () => {
    const element = contactDetails({ id: 1, email: "<b>a@b.c</b>", custom_attributes: { plan: "<i>gold</i>", seats: { max: 3 } } }, () => {});
    assert.equal(element.querySelector("b, i"), null);
    const values = [...element.querySelectorAll("dd")].map((dd) => dd.textContent);
    assert.ok(values.includes("<b>a@b.c</b>"));
    assert.ok(values.includes("<i>gold</i>"));
    assert.ok(values.includes('{"max":3}'));
  });

  it("reads custom attributes a line each, leaving out lines without a key", () => {
    assert.deepEqual(parseCustomAttributes("plan: gold\n: nothing\nnote: a: b\nno colon"), { plan: "gold", note: "a: b" });
  });

  it("sends what the form holds", () => {
    /** @type {import("../../../dashboard/static/dashboard/contact_details.js").ContactChanges[]} */
    const saved = [];
    const form = contactEditForm({ id: 1, name: "Ann", email: "", custom_attributes: { plan: "gold" } }, { onSave: (changes) => saved.push(changes), onCancel: () => {} });
    document.body.replaceChildren(form);
    /** @type {HTMLTextAreaElement} */ (form.querySelector("textarea")).value = "plan: silver\nseats: 2";
    form.requestSubmit();
    assert.deepEqual(saved, [{ name: "Ann", email: null, phone_number: null, custom_attributes: { plan: "silver", seats: "2" } }]);
  });

  it("lists the contact's other conversations, not the open one", () => {
    const conversations = [1, 2].map((id) => ({ id, inbox_id: 1, status: "resolved", updated_at: 1, last_activity_at: 0, created_at: 0 }));
    const element = previousConversations(conversations, { base: "/app/accounts/1", currentConversationId: 2 });
    assert.deepEqual(
      [...element.querySelectorAll("a")].map((a) => a.getAttribute("href")),
      ["/app/accounts/1/conversations/1"],
    );
    assert.equal(element.querySelector("h3")?.textContent, "Previous conversations");
  });
});
