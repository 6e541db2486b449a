// @ts-check
// The open conversation's participants bar and its forms (participants.js,
// collab_form.js), with a fake API.
import "../../js/page.js";

import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { createCollaboration } from "../../../dashboard/static/dashboard/participants.js";

function setUp() {
  /** @type {[string, string, any][]} */
  const calls = [];
  const participants = [{ id: 2, available_name: "<b>Bo</b>", participant_type: "assignee" }];
  const api = {
    get: async (/** @type {string} */ path) => (calls.push(["GET", path, null]), participants),
    post: async (/** @type {string} */ path, /** @type {any} */ body) => (calls.push(["POST", path, body]), {}),
  };
  const ctx = /** @type {any} */ ({ api, config: { user: { id: 1 } }, userStatus: () => "online" });
  const bar = document.createElement("div");
  const threadPane = document.createElement("section");
  /** @type {string[][]} */
  const told = [];
  const lookups = {
    agents: [
      { id: 1, name: "Me" },
      { id: 2, name: "Bo" },
      { id: 3, name: "Cy" },
    ],
  };
  const collaboration = createCollaboration(ctx, { bar, threadPane, lookups, onCapabilities: (c) => told.push(c) });
  return { calls, bar, threadPane, told, collaboration };
}

describe("collaboration bar", () => {
  it("shows who takes part as text and offers what the agent may do", async () => {
    const { bar, threadPane, told, collaboration } = setUp();
    await collaboration.show(9, ["invite", "leave"]);
    assert.equal(threadPane.dataset.can, "invite leave");
    assert.deepEqual(told, [["invite", "leave"]]);
    assert.equal(bar.querySelector(".participant b"), null);
    assert.match(bar.querySelector(".participant")?.textContent || "", /<b>Bo<\/b>/);
    assert.deepEqual(
      [...bar.querySelectorAll("[data-action]")].map((b) => b.getAttribute("data-action")),
      ["invite", "leave"],
    );
  });

  it("invites only agents not taking part yet, then reads the participants again", async () => {
    const { calls, bar, collaboration } = setUp();
    await collaboration.show(9, ["invite"]);
    /** @type {HTMLButtonElement} */ (bar.querySelector('[data-action="invite"]')).click();
    const select = /** @type {HTMLSelectElement} */ (bar.querySelector(".collab-invite select"));
    assert.deepEqual(
      [...select.options].map((o) => o.value),
      ["", "3"],
    );
    select.value = "3";
    /** @type {HTMLFormElement} */ (bar.querySelector("form")).requestSubmit();
    await new Promise((resolve) => setTimeout(resolve, 0));
    assert.deepEqual(calls.slice(1), [
      ["POST", "conversations/9/participants", { user_ids: [3] }],
      ["GET", "conversations/9/participants", null],
    ]);
    assert.equal(bar.querySelector("form"), null);
  });

  it("leaves the bar empty with nobody to show and nothing to offer", () => {
    const { bar, collaboration } = setUp();
    collaboration.setCapabilities([]);
    assert.equal(bar.childNodes.length, 0);
  });
});
