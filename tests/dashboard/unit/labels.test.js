// @ts-check
// The label chips and picker (thread, contact panel, wrap-up): colours,
// search as one types, picking, and titles drawn as text.
import "../../js/page.js";

import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { createLabelPicker, labelChip, offeredLabels } from "../../../dashboard/static/dashboard/label_picker.js";
import { renderLabels } from "../../../dashboard/static/dashboard/thread_labels.js";
import { withWrapUp } from "../../../dashboard/static/dashboard/wrap_up.js";

const MARKUP = '<img src=x onerror="alert(1)">';
const LABELS = [
  { id: 1, title: "billing", description: "Money matters", color: "#ff0000" },
  { id: 2, title: "vip", description: MARKUP, color: "#00ff00" },
  { id: 3, title: "refund", color: "red;}" },
];

describe("label chips", () => {
  it("show the colour, the title and the description as text", () => {
    const chip = labelChip(LABELS[1], { onRemove: () => {} });
    assert.equal(chip.querySelector(".label-title")?.textContent, "vip");
    assert.equal(chip.getAttribute("title"), MARKUP);
    assert.equal(chip.querySelector("img"), null);
    const swatch = /** @type {HTMLElement} */ (chip.querySelector(".label-swatch"));
    assert.equal(swatch.style.getPropertyValue("--label-color"), "#00ff00");
    assert.equal(chip.querySelector(".chip-remove")?.getAttribute("aria-label"), "Remove label vip");
  });

  it("take no colour that is not #rrggbb", () => {
    const swatch = /** @type {HTMLElement} */ (labelChip(LABELS[2]).querySelector(".label-swatch"));
    assert.equal(swatch.style.getPropertyValue("--label-color"), "");
  });

  it("draw a markup title as text", () => {
    const chip = labelChip({ id: 9, title: MARKUP });
    assert.equal(chip.querySelector(".label-title")?.textContent, MARKUP);
    assert.equal(chip.querySelector("img"), null);
  });
});

describe("label picker", () => {
  it("offers the labels not chosen, matching title or description", () => {
    assert.deepEqual(offeredLabels(LABELS, ["vip"], "").map((l) => l.title), ["billing", "refund"]);
    assert.deepEqual(offeredLabels(LABELS, [], "MONEY").map((l) => l.title), ["billing"]);
    assert.deepEqual(offeredLabels(LABELS, [], " ref").map((l) => l.title), ["refund"]);
  });

  it("filters as one types and picks the first match on Enter", () => {
    /** @type {string[]} */
    const picked = [];
    const picker = createLabelPicker({ labels: LABELS, chosen: [], onPick: (title) => void picked.push(title) });
    document.body.append(picker);
    const button = /** @type {HTMLButtonElement} */ (picker.querySelector(".label-add"));
    const panel = /** @type {HTMLElement} */ (picker.querySelector(".label-panel"));
    assert.equal(panel.hidden, true);
    button.click();
    assert.equal(panel.hidden, false);
    const search = /** @type {HTMLInputElement} */ (picker.querySelector(".label-search"));
    search.value = "vi";
    search.dispatchEvent(new Event("input"));
    assert.deepEqual([...picker.querySelectorAll(".label-option")].map((o) => o.textContent), ["vip"]);
    search.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter" }));
    assert.deepEqual(picked, ["vip"]);
    assert.equal(panel.hidden, true);
    picker.remove();
  });

  it("says when nothing matches", () => {
    const picker = createLabelPicker({ labels: LABELS, chosen: [], onPick: () => {} });
    const search = /** @type {HTMLInputElement} */ (picker.querySelector(".label-search"));
    search.value = "nothing";
    search.dispatchEvent(new Event("input"));
    assert.equal(picker.querySelectorAll(".label-option").length, 0);
    assert.equal(picker.querySelector(".label-options")?.textContent, "No label matches.");
  });
});

describe("thread labels row", () => {
  it("adds and removes through the conversation labels action", () => {
    const row = document.createElement("div");
    /** @type {[string, Record<string, unknown>][]} */
    const performed = [];
    const conversation = /** @type {import("../../../common/static/kit/wire.js").Conversation} */ (/** @type {unknown} */ ({ id: 3, labels: ["billing"] }));
    renderLabels(row, conversation, { lookups: { labels: LABELS }, perform: (action, body) => void performed.push([action, body]) });
    assert.deepEqual([...row.querySelectorAll(".chip .label-title")].map((c) => c.textContent), ["billing"]);
    /** @type {HTMLButtonElement} */ (row.querySelectorAll(".label-option")[0]).click();
    /** @type {HTMLButtonElement} */ (row.querySelector(".chip-remove")).click();
    assert.deepEqual(performed, [
      ["labels", { labels: ["billing", "vip"] }],
      ["labels", { labels: [] }],
    ]);
  });
});

describe("wrap-up on resolve", () => {
  const conversation = /** @type {import("../../../common/static/kit/wire.js").Conversation} */ (/** @type {unknown} */ ({ id: 3, inbox_id: 1, labels: [] }));

  it("leaves other actions, and inboxes without a wrap-up, as they are", async () => {
    const body = { status: "resolved" };
    const off = { inboxes: [{ id: 1, name: "Web", wrap_up: "off" }], labels: LABELS };
    assert.equal(await withWrapUp({ action: "toggle_status", body, conversation, lookups: off }), body);
    const asking = { inboxes: [{ id: 1, name: "Web", wrap_up: "required" }], labels: LABELS };
    const pending = { status: "pending" };
    assert.equal(await withWrapUp({ action: "toggle_status", body: pending, conversation, lookups: asking }), pending);
    const labels = { labels: ["vip"] };
    assert.equal(await withWrapUp({ action: "labels", body: labels, conversation, lookups: asking }), labels);
  });
});
