// @ts-check
// The dashboard's toast, a failure's reason and debounce (dashboard/dom.js).
import "../../js/page.js";

import assert from "node:assert/strict";
import { describe, it, mock } from "node:test";

import { debounce, reasonOf, toast } from "../../../dashboard/static/dashboard/dom.js";

describe("toast", () => {
  it("keeps each message on its own line for a while, markup as text", () => {
    mock.timers.enable({ apis: ["setTimeout"] });
    try {
      document.body.innerHTML = '<div id="toast" hidden></div>';
      const box = /** @type {HTMLElement} */ (document.getElementById("toast"));
      const lines = () => [...box.querySelectorAll(".toast-line")].map((line) => line.textContent);
      toast("<b>first</b>");
      mock.timers.tick(3000);
      toast("second");
      assert.deepEqual(lines(), ["<b>first</b>", "second"], "two saves answering together both show");
      assert.equal(box.querySelector("b"), null);
      mock.timers.tick(1000);
      assert.deepEqual(lines(), ["second"]);
      assert.equal(box.hidden, false);
      mock.timers.tick(3000);
      assert.equal(box.hidden, true);
      assert.deepEqual(lines(), []);
    } finally {
      mock.timers.reset();
    }
  });

  it("shows a repeated message once and at most three at a time", () => {
    mock.timers.enable({ apis: ["setTimeout"] });
    try {
      document.body.innerHTML = '<div id="toast" hidden></div>';
      const box = /** @type {HTMLElement} */ (document.getElementById("toast"));
      const lines = () => [...box.querySelectorAll(".toast-line")].map((line) => line.textContent);
      ["a", "b", "a", "c", "d"].forEach((message) => toast(message));
      assert.deepEqual(lines(), ["a", "c", "d"]);
      mock.timers.tick(4000);
      assert.equal(box.hidden, true);
    } finally {
      mock.timers.reset();
    }
  });
});

describe("reasonOf", () => {
  it("gives an error's message, or what was thrown as text", () => {
    assert.deepEqual(reasonOf(new Error("Forbidden")), { reason: "Forbidden" });
    assert.deepEqual(reasonOf("offline"), { reason: "offline" });
  });
});

describe("debounce", () => {
  it("calls once, with the last arguments, after calls pause", () => {
    mock.timers.enable({ apis: ["setTimeout"] });
    try {
      /** @type {number[]} */
      const calls = [];
      const later = debounce((/** @type {number} */ n) => calls.push(n), 300);
      later(1);
      mock.timers.tick(200);
      later(2);
      mock.timers.tick(299);
      assert.deepEqual(calls, []);
      mock.timers.tick(1);
      assert.deepEqual(calls, [2]);
    } finally {
      mock.timers.reset();
    }
  });
});
