// @ts-check
// The audit log's entries as sentences and change lines, and the filters'
// query.
import "../../js/page.js";

import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { changeLines, sentenceOf, valueText } from "../../../dashboard/static/dashboard/audit_words.js";
import { auditQuery } from "../../../dashboard/static/dashboard/settings_audit.js";

/** @typedef {import("../../../dashboard/static/dashboard/audit_words.js").AuditEntry} AuditEntry */

/**
 * @param {Partial<AuditEntry>} fields
 * @returns {AuditEntry}
 */
function entry(fields) {
  return {
    id: 1,
    auditable_type: "Inbox",
    auditable_id: 7,
    auditable: { id: 7, name: "Website" },
    user_id: 2,
    username: "ana@example.com",
    user_name: "Ana",
    action: "update",
    audited_changes: {},
    created_at: 0,
    remote_address: "",
    ...fields,
  };
}

describe("audit words", () => {
  it("names the actor, the action and the thing", () => {
    assert.equal(sentenceOf(entry({})), "Ana changed the inbox Website");
    assert.equal(sentenceOf(entry({ action: "destroy", auditable_type: "Team", auditable: { id: 3, name: "" } })), "Ana deleted the team #7");
    assert.equal(sentenceOf(entry({ user_name: null })), "ana@example.com changed the inbox Website");
    assert.equal(sentenceOf(entry({ user_id: null, user_name: null, username: "" })), "OneChat changed the inbox Website");
    assert.equal(sentenceOf(entry({ action: "sign_in_failed", user_name: null })), "Failed sign-in as ana@example.com");
  });

  it("draws each change, new and deleted values alone", () => {
    const changed = entry({ audited_changes: { name: ["A", "B"], active: [true, false] } });
    assert.deepEqual(changeLines(changed), ["name: “A” → “B”", "active: true → false"]);
    assert.deepEqual(changeLines(entry({ action: "create", audited_changes: { name: [null, "B"] } })), ["name: “B”"]);
    assert.deepEqual(changeLines(entry({ action: "destroy", audited_changes: { name: ["A", null] } })), ["name: “A”"]);
    assert.equal(valueText(""), "(empty)");
    assert.equal(valueText("x".repeat(300)).length, 120);
  });

  it("puts the filters in the query, whole days for dates", () => {
    const form = document.createElement("form");
    form.innerHTML = '<select name="action"><option value="update" selected></option></select><input name="user_id" value=""><input name="until" value="2026-01-31">';
    const query = new URLSearchParams(auditQuery(form, 2));
    assert.equal(query.get("page"), "2");
    assert.equal(query.get("action"), "update");
    assert.equal(query.has("user_id"), false);
    assert.equal(new Date(query.get("until") || "").getTime(), new Date("2026-02-01T00:00:00").getTime());
  });
});
