// @ts-check
// The conversations page's keyboard shortcuts: which key does what, where.
import "../../js/page.js";

import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { focusComposer, isTyping, neighbour, shortcutAction, shortcutList } from "../../../dashboard/static/dashboard/shortcuts.js";

const outside = { typing: false };
const inField = { typing: true };

describe("shortcut keys", () => {
  it("map plain keys outside fields", () => {
    assert.equal(shortcutAction({ key: "j" }, outside), "next");
    assert.equal(shortcutAction({ key: "k" }, outside), "previous");
    assert.equal(shortcutAction({ key: "r" }, outside), "focus_composer");
    assert.equal(shortcutAction({ key: "/" }, outside), "canned_responses");
    assert.equal(shortcutAction({ key: "?" }, outside), "help");
    assert.equal(shortcutAction({ key: "x" }, outside), null);
    assert.equal(shortcutAction({ key: "J" }, outside), null);
  });

  it("never act on plain keys while typing", () => {
    for (const key of ["j", "k", "r", "/", "?"]) assert.equal(shortcutAction({ key }, inField), null);
  });

  it("act on Alt letters everywhere, by the key's place", () => {
    assert.equal(shortcutAction({ key: "e", altKey: true }, inField), "resolve");
    assert.equal(shortcutAction({ key: "a", altKey: true }, outside), "assign_to_me");
    // macOS: Alt+J types "∆"; the key's code says J.
    assert.equal(shortcutAction({ key: "∆", code: "KeyJ", altKey: true }, inField), "next");
    assert.equal(shortcutAction({ key: "k", code: "KeyK", altKey: true }, inField), "previous");
    assert.equal(shortcutAction({ key: "c", code: "KeyC", altKey: true }, inField), "canned_responses");
    assert.equal(shortcutAction({ key: "?", altKey: true }, outside), null);
  });

  it("leave Ctrl and Meta combinations to the browser", () => {
    assert.equal(shortcutAction({ key: "j", ctrlKey: true }, outside), null);
    assert.equal(shortcutAction({ key: "e", altKey: true, metaKey: true }, outside), null);
  });

  it("list every action in the help", () => {
    const words = shortcutList().map(([, w]) => w);
    assert.equal(words.length, 7);
    assert.ok(shortcutList().every(([keys]) => keys.length > 0));
  });
});

describe("where the agent types", () => {
  it("counts fields, selects and editable content, not buttons", () => {
    const make = (/** @type {string} */ html) => {
      const holder = document.createElement("div");
      holder.innerHTML = html;
      return holder.firstElementChild;
    };
    assert.equal(isTyping(make("<input type='text'>")), true);
    assert.equal(isTyping(make("<input type='search'>")), true);
    assert.equal(isTyping(make("<textarea></textarea>")), true);
    assert.equal(isTyping(make("<select></select>")), true);
    assert.equal(isTyping(make("<input type='checkbox'>")), false);
    assert.equal(isTyping(make("<button></button>")), false);
    assert.equal(isTyping(null), false);
  });
});

describe("moving through the list", () => {
  it("steps to the neighbour, from either end when none is open", () => {
    assert.equal(neighbour([5, 3, 9], 3, 1), 9);
    assert.equal(neighbour([5, 3, 9], 3, -1), 5);
    assert.equal(neighbour([5, 3, 9], 9, 1), null);
    assert.equal(neighbour([5, 3, 9], 5, -1), null);
    assert.equal(neighbour([5, 3, 9], null, 1), 5);
    assert.equal(neighbour([5, 3, 9], null, -1), 9);
    assert.equal(neighbour([], null, 1), null);
  });
});

describe("the composer shortcut", () => {
  it("types / at the start of the composer", () => {
    document.body.innerHTML = '<textarea id="composer-input">hello</textarea>';
    const box = /** @type {HTMLTextAreaElement} */ (document.getElementById("composer-input"));
    let inputs = 0;
    box.addEventListener("input", () => (inputs += 1));
    assert.equal(focusComposer({ slash: true }), true);
    assert.equal(box.value, "/hello");
    assert.equal(box.selectionStart, 1);
    assert.equal(document.activeElement, box);
    assert.equal(inputs, 1);
    focusComposer({ slash: true });
    assert.equal(box.value, "/hello");
    document.body.innerHTML = "";
    assert.equal(focusComposer(), false);
  });
});
