// @ts-check
// The widget tells /cable whether its page is in front of the visitor.
import "../../js/page.js";

import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { tellPage, watchPage } from "../../../widget/static/widget/page_presence.js";

/** A socket that records what is performed on it. */
function fakeCable() {
  /** @type {[string, object | undefined][]} */
  const performed = [];
  const cable = {
    /** @param {string} action @param {object} [data] */
    perform: (action, data) => void performed.push([action, data]),
    close: () => {},
  };
  return { cable, performed };
}

/** @param {"visible" | "hidden"} state */
function setVisibility(state) {
  Object.defineProperty(document, "visibilityState", { value: state, configurable: true });
}

describe("the visitor's page", () => {
  it("says whether the page is shown, and nothing without a socket", () => {
    const { cable, performed } = fakeCable();
    setVisibility("hidden");
    tellPage(cable);
    setVisibility("visible");
    tellPage(cable);
    tellPage(null);
    assert.deepEqual(performed, [["page", { visible: false }], ["page", { visible: true }]]);
  });

  it("reports hiding, showing and leaving on the socket of the moment", () => {
    const first = fakeCable();
    const second = fakeCable();
    let live = first.cable;
    watchPage(() => live);
    setVisibility("hidden");
    document.dispatchEvent(new Event("visibilitychange"));
    live = second.cable;
    setVisibility("visible");
    document.dispatchEvent(new Event("visibilitychange"));
    window.dispatchEvent(new Event("pagehide"));
    assert.deepEqual(first.performed, [["page", { visible: false }]]);
    assert.deepEqual(second.performed, [["page", { visible: true }], ["page", { visible: false }]]);
  });
});
