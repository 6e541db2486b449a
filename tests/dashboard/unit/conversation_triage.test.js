// @ts-check
// The list's triage rules: its orders, the filter queries the builder and the
// sidebar make, the priority badge, and what the list shows under a query.
import "../../js/page.js";

import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { createFilterBuilder } from "../../../dashboard/static/dashboard/conversation_filter_builder.js";
import { compareBy, DEFAULT_SORT, SORT_OPTIONS } from "../../../dashboard/static/dashboard/conversation_order.js";
import { priorityBadge, priorityControl } from "../../../dashboard/static/dashboard/conversation_priority.js";
import { attributesWith, conditionsOf, equalsQuery, queryOf } from "../../../dashboard/static/dashboard/conversation_query.js";
import { createListState, matchesFilters } from "../../../dashboard/static/dashboard/conversation_state.js";

/** @typedef {import("../../../common/static/kit/wire.js").Conversation} Conversation */

/**
 * The four rows of tests/api/test_conversation_sort.py, hours as seconds.
 * @type {Record<string, Conversation>}
 */
const ROWS = {
  a: { id: 1, inbox_id: 1, status: "open", updated_at: 1, created_at: 60, last_activity_at: 99, priority: "urgent", waiting_since: 70 },
  b: { id: 2, inbox_id: 1, status: "open", updated_at: 1, created_at: 70, last_activity_at: 96, priority: "low", waiting_since: null },
  c: { id: 3, inbox_id: 1, status: "open", updated_at: 1, created_at: 80, last_activity_at: 98, priority: null, waiting_since: 90 },
  d: { id: 4, inbox_id: 1, status: "open", updated_at: 1, created_at: 90, last_activity_at: 97, priority: "high", waiting_since: 80 },
};
const NOW = 100;

/** @param {string} sortBy */
function order(sortBy) {
  const byId = Object.fromEntries(Object.entries(ROWS).map(([name, c]) => [c.id, name]));
  return Object.values(ROWS).sort(compareBy(sortBy, NOW)).map((c) => byId[c.id]).join("");
}

describe("compareBy", () => {
  it("orders as the server's sort_by values do", () => {
    // The same expectations as the API's tests, on the same rows.
    assert.equal(order("last_activity_at_desc"), "acdb");
    assert.equal(order("last_activity_at_asc"), "bdca");
    assert.equal(order("created_at_desc"), "dcba");
    assert.equal(order("created_at_asc"), "abcd");
    assert.equal(order("priority_desc"), "adbc");
    assert.equal(order("priority_asc"), "cbda");
    assert.equal(order("waiting_since_asc"), "adcb");
    assert.equal(order("waiting_since_desc"), "bcda");
  });

  it("breaks ties by id and falls back to the default order", () => {
    const twin = { ...ROWS.a, id: 9 };
    assert.deepEqual([ROWS.a, twin].sort(compareBy("priority_desc", NOW)).map((c) => c.id), [9, 1]);
    assert.equal(order("nonsense"), order(DEFAULT_SORT));
    assert.ok(SORT_OPTIONS.every((option) => order(option.value).length === 4));
  });
});

describe("queryOf", () => {
  it("joins conditions with their operators and leaves the last one unjoined", () => {
    const query = queryOf([
      { attribute_key: "status", filter_operator: "equal_to", values: ["open"], query_operator: "or" },
      { attribute_key: "labels", filter_operator: "is_present", values: ["ignored"] },
      { attribute_key: "referer", filter_operator: "contains", values: ["  shop  "], query_operator: "and" },
    ]);
    assert.deepEqual(query, {
      payload: [
        { attribute_key: "status", filter_operator: "equal_to", values: ["open"], query_operator: "or" },
        { attribute_key: "labels", filter_operator: "is_present", values: [], query_operator: "and" },
        { attribute_key: "referer", filter_operator: "contains", values: ["shop"] },
      ],
    });
  });

  it("is null while a condition lacks its value, or with no condition", () => {
    assert.equal(queryOf([{ attribute_key: "referer", filter_operator: "contains", values: ["  "] }]), null);
    assert.equal(queryOf([]), null);
  });

  it("reads a saved query back into conditions, dropping malformed ones", () => {
    const saved = { payload: [{ attribute_key: "priority", filter_operator: "equal_to", values: "high", query_operator: "OR" }, { nope: 1 }, null] };
    assert.deepEqual(conditionsOf(saved), [{ attribute_key: "priority", filter_operator: "equal_to", values: ["high"], query_operator: "or" }]);
    assert.deepEqual(conditionsOf("junk"), []);
  });

  it("adds the account's custom attributes, compared by their display type", () => {
    const attributes = attributesWith([
      { attribute_key: "plan", attribute_display_name: "Plan", attribute_display_type: "list", attribute_values: ["free", "pro"] },
      { attribute_key: "seats", attribute_display_name: "Seats", attribute_display_type: "currency" },
      { attribute_key: "paid", attribute_display_name: "Paid", attribute_display_type: "checkbox" },
      { attribute_key: "status", attribute_display_name: "Shadow", attribute_display_type: "text" },
    ]);
    assert.deepEqual(
      attributes.slice(-3).map((a) => [a.key, a.kind]),
      [["plan", "choice"], ["seats", "number"], ["paid", "boolean"]],
    );
    // A list attribute is picked among its values.
    assert.deepEqual(attributes.find((a) => a.key === "plan")?.values, ["free", "pro"]);
    assert.equal(attributes.filter((a) => a.key === "status").length, 1);
  });

  it("makes the query of a label chosen in the sidebar", () => {
    assert.deepEqual(equalsQuery("labels", "vip"), { payload: [{ attribute_key: "labels", filter_operator: "equal_to", values: ["vip"] }] });
  });
});

describe("priority", () => {
  it("draws a badge with an accessible name, none without a priority", () => {
    const badge = priorityBadge(ROWS.a);
    assert.equal(badge?.getAttribute("aria-label"), "Priority: Urgent");
    assert.equal(priorityBadge(ROWS.c), null);
  });

  it("posts toggle_priority, null for none", () => {
    /** @type {any[]} */
    const posted = [];
    const select = priorityControl(ROWS.d, (action, body) => posted.push([action, body]));
    assert.equal(select.value, "high");
    select.value = "";
    select.dispatchEvent(new Event("change"));
    assert.deepEqual(posted, [["toggle_priority", { priority: null }]]);
  });
});

describe("matchesFilters under a filter query", () => {
  it("shows what the query last matched, whatever the tabs and status say", () => {
    const state = createListState();
    state.advanced = { name: "vip", query: equalsQuery("labels", "vip") };
    state.matchIds = new Set([3]);
    assert.equal(matchesFilters({ ...ROWS.c, status: "resolved" }, state, 7), true);
    assert.equal(matchesFilters(ROWS.a, state, 7), false);
  });
});

describe("createFilterBuilder", () => {
  /** @param {HTMLElement} root @param {string} label */
  const field = (root, label) => /** @type {HTMLSelectElement | HTMLInputElement} */ (root.querySelector(`[aria-label="${label}"]`));
  /** @param {HTMLSelectElement | HTMLInputElement} element @param {string} value */
  function choose(element, value) {
    element.value = value;
    element.dispatchEvent(new Event(element instanceof HTMLSelectElement ? "change" : "input"));
  }

  it("builds conditions joined by or, offering the lookups' values", () => {
    /** @type {any[]} */
    const applied = [];
    const lookups = { labels: [{ id: 1, title: "vip" }], inboxes: [{ id: 4, name: "Web" }] };
    const builder = createFilterBuilder({ lookups, onApply: (query) => applied.push(query), onSave: async () => true });
    document.body.append(builder.element);
    builder.open([], "", false);
    assert.equal(builder.element.querySelector(".filter-save-button")?.textContent, "Save as view");
    choose(field(builder.element, "Condition 1: attribute"), "inbox_id");
    assert.deepEqual([...builder.element.querySelectorAll(".filter-value option")].map((o) => o.textContent), ["Web"]);
    /** @type {HTMLButtonElement} */ (builder.element.querySelector(".filter-add")).click();
    choose(field(builder.element, "Join condition 1 to the next"), "or");
    choose(field(builder.element, "Condition 2: attribute"), "referer");
    choose(field(builder.element, "Condition 2: operator"), "contains");
    choose(field(builder.element, "Condition 2: value"), "shop");
    /** @type {HTMLButtonElement} */ (builder.element.querySelector(".filter-apply")).click();
    assert.deepEqual(applied, [
      {
        payload: [
          { attribute_key: "inbox_id", filter_operator: "equal_to", values: ["4"], query_operator: "or" },
          { attribute_key: "referer", filter_operator: "contains", values: ["shop"] },
        ],
      },
    ]);
    assert.equal(builder.element.hidden, true);
  });

  it("keeps the builder open and says so while a value is missing", () => {
    const builder = createFilterBuilder({ lookups: {}, onApply: () => assert.fail("applied"), onSave: async () => true });
    builder.open([{ attribute_key: "referer", filter_operator: "contains", values: [] }], "Shops", true);
    assert.equal(builder.element.querySelector(".filter-save-button")?.textContent, "Save view");
    /** @type {HTMLButtonElement} */ (builder.element.querySelector(".filter-apply")).click();
    assert.equal(builder.element.hidden, false);
    assert.equal(builder.element.querySelector(".filter-note")?.textContent, "Give each condition a value.");
  });
});
