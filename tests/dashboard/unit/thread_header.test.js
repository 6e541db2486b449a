// @ts-check
// The open conversation's header: who, which inbox, the status and its
// actions, the assignee and team, and the labels row.
import "../../js/page.js";

import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { createThreadHeader } from "../../../dashboard/static/dashboard/thread_header.js";
import { fakeApi, fakeContext } from "./thread_fakes.js";

/** @typedef {import("../../../common/static/kit/wire.js").Conversation} Conversation */

const lookups = {
  agents: [
    { id: 7, name: "Ada Agent" },
    { id: 8, name: "Bo Agent", availability_status: "busy" },
  ],
  teams: [{ id: 2, name: "Billing" }],
  inboxes: [{ id: 1, name: "Website" }],
  labels: [{ id: 1, title: "vip" }, { id: 2, title: "refund" }],
};

/** @param {Partial<Conversation>} fields */
function conversation(fields = {}) {
  return /** @type {Conversation} */ ({
    id: 12,
    inbox_id: 1,
    status: "open",
    updated_at: 1.5,
    last_activity_at: 1,
    created_at: 1,
    meta: { sender: { id: 4, name: "Vera Visitor" }, assignee: { id: 8, name: "Bo Agent" } },
    labels: ["vip"],
    ...fields,
  });
}

function setUp() {
  const header = document.createElement("header");
  const labelsRow = document.createElement("div");
  /** @type {[string, Record<string, unknown>][]} */
  const performed = [];
  const view = createThreadHeader(fakeContext(fakeApi()), {
    header,
    labelsRow,
    lookups,
    onBack: () => {},
    onToggleContact: () => {},
    perform: (action, body) => void performed.push([action, body]),
  });
  return { header, labelsRow, performed, view };
}

/** @param {ParentNode} root */
const buttonWords = (root) => [...root.querySelectorAll(".thread-actions > button")].map((b) => b.textContent);

describe("thread header", () => {
  it("draws the contact, inbox, status and assignee", () => {
    const { header, view } = setUp();
    view.render(conversation());
    assert.equal(header.querySelector("h2")?.textContent, "Vera Visitor");
    assert.match(header.querySelector(".thread-title p")?.textContent || "", /^#12 · Website · Open$/);
    assert.ok(header.querySelector(".chip.status-open"));
    const assignee = /** @type {HTMLSelectElement} */ (header.querySelector(".assignee-select"));
    assert.equal(assignee.value, "8");
    assert.equal(assignee.selectedOptions[0].textContent, "◐ Bo Agent");
    assert.deepEqual(buttonWords(header), ["Resolve", "Mark pending", "Mute"]);
  });

  it("shows a muted conversation as muted and posts mute and unmute", () => {
    const { header, view, performed } = setUp();
    view.render(conversation());
    assert.equal(header.querySelector(".muted-chip"), null);
    /** @type {HTMLButtonElement} */ (header.querySelector(".mute-toggle")).click();
    view.render(conversation({ status: "resolved", muted: true, updated_at: 2 }));
    assert.equal(header.querySelector(".muted-chip")?.textContent, "Muted");
    assert.deepEqual(buttonWords(header), ["Reopen", "Mark pending", "Unmute"]);
    /** @type {HTMLButtonElement} */ (header.querySelector(".mute-toggle")).click();
    assert.deepEqual(performed, [["mute", {}], ["unmute", {}]]);
  });

  it("offers Reopen on a resolved conversation and posts the status chosen", () => {
    const { header, view, performed } = setUp();
    view.render(conversation({ status: "resolved" }));
    assert.ok(header.querySelector(".chip.status-resolved"));
    assert.deepEqual(buttonWords(header), ["Reopen", "Mark pending", "Mute"]);
    /** @type {HTMLButtonElement} */ (header.querySelector(".thread-actions > button")).click();
    assert.deepEqual(performed, [["toggle_status", { status: "open" }]]);
  });

  it("assigns the agent picked, and unassigns", () => {
    const { header, view, performed } = setUp();
    view.render(conversation());
    const assignee = /** @type {HTMLSelectElement} */ (header.querySelector(".assignee-select"));
    assignee.value = "7";
    assignee.dispatchEvent(new Event("change"));
    assignee.value = "";
    assignee.dispatchEvent(new Event("change"));
    assert.deepEqual(performed, [
      ["assignments", { assignee_id: 7 }],
      ["assignments", { assignee_id: null }],
    ]);
  });

  it("draws the labels, removable, and offers only the others", () => {
    const { labelsRow, view, performed } = setUp();
    view.render(conversation());
    assert.deepEqual([...labelsRow.querySelectorAll(".chip.label")].map((c) => c.textContent), ["vip×"]);
    assert.deepEqual([...labelsRow.querySelectorAll(".label-option")].map((o) => o.textContent), ["refund"]);
    /** @type {HTMLButtonElement} */ (labelsRow.querySelector(".chip-remove")).click();
    assert.deepEqual(performed, [["labels", { labels: [] }]]);
  });

  it("draws again only when something shown changed, or when forced", () => {
    const { header, view } = setUp();
    view.render(conversation());
    const first = header.querySelector("h2");
    view.render(conversation());
    assert.equal(header.querySelector("h2"), first);
    view.render(conversation(), { force: true });
    assert.notEqual(header.querySelector("h2"), first);
    view.render(conversation({ status: "pending", updated_at: 2 }));
    assert.deepEqual(buttonWords(header), ["Resolve", "Reopen", "Mute"]);
  });

  it("offers voice and video calls only in an inbox that takes calls, and asks the page to start one", () => {
    const { header, view } = setUp();
    view.render(conversation());
    assert.equal(header.querySelector(".call-start"), null);
    lookups.inboxes[0] = /** @type {any} */ ({ id: 1, name: "Website", calls_enabled: true });
    try {
      const calling = setUp();
      /** @type {[string, any][]} */
      const emitted = [];
      const ctx = fakeContext(fakeApi());
      ctx.emit = (name, data) => void emitted.push([name, data]);
      const view2 = createThreadHeader(ctx, { header: calling.header, labelsRow: calling.labelsRow, lookups, onBack: () => {}, onToggleContact: () => {}, perform: () => {} });
      view2.render(conversation());
      const buttons = calling.header.querySelectorAll(".call-start button");
      assert.deepEqual([...buttons].map((b) => b.textContent), ["Voice call", "Video call"]);
      assert.equal(calling.header.querySelector(".call-start")?.getAttribute("data-capability"), "send_message");
      /** @type {HTMLButtonElement} */ (buttons[1]).click();
      /** @type {HTMLButtonElement} */ (buttons[0]).click();
      assert.deepEqual(emitted, [["call.start", { conversationId: 12, video: true }], ["call.start", { conversationId: 12, video: false }]]);
    } finally {
      lookups.inboxes[0] = { id: 1, name: "Website" };
    }
  });
});
