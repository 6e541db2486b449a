// @ts-check
// The holiday editor of the business-hours settings: rows in, rows out.
import "../../js/page.js";

import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { holidayEditor } from "../../../dashboard/static/dashboard/settings_holidays.js";

const CHRISTMAS = { date: "2026-12-25", name: "<b>Christmas</b>", recurring: true };
const SPRING = { date: "2026-04-06", name: "Easter Monday", recurring: false };

describe("holiday editor", () => {
  it("gives back the holidays it was given, names drawn as text", () => {
    const editor = holidayEditor([CHRISTMAS, SPRING]);
    assert.deepEqual(editor.value(), [CHRISTMAS, SPRING]);
    assert.equal(editor.element.querySelector("b"), null);
  });

  it("adds an empty row and removes one", () => {
    const editor = holidayEditor([CHRISTMAS]);
    const add = /** @type {HTMLButtonElement} */ (editor.element.querySelector("#add-holiday"));
    add.click();
    assert.deepEqual(editor.value(), [CHRISTMAS, { date: "", name: "", recurring: false }]);
    const remove = /** @type {HTMLButtonElement} */ (editor.element.querySelector(".holiday-row button"));
    remove.click();
    assert.deepEqual(editor.value(), [{ date: "", name: "", recurring: false }]);
    assert.equal(editor.element.querySelectorAll(".holiday-row").length, 1);
  });
});
