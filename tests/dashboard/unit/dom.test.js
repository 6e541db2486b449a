// @ts-check
// The dashboard's drawing helpers: names in the agent's language, initials,
// avatars with a presence dot.
import "../../js/page.js";

import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { availabilityName, avatar, initials, statusName } from "../../../dashboard/static/dashboard/dom.js";

describe("dashboard drawing helpers", () => {
  it("names statuses and availabilities, and passes unknown ones through", () => {
    assert.equal(statusName("snoozed"), "Snoozed");
    assert.equal(availabilityName("busy"), "Busy");
    assert.equal(statusName("archived"), "archived");
  });

  it("takes the initials of the first two words", () => {
    assert.equal(initials("ada  lovelace king"), "AL");
    assert.equal(initials(""), "?");
  });

  it("draws an avatar with its dot, hidden from screen readers", () => {
    const element = avatar("Grace Hopper", "online");
    assert.equal(element.getAttribute("aria-hidden"), "true");
    assert.equal(element.textContent, "GH");
    assert.ok(element.querySelector(".dot.dot-online"));
  });
});
