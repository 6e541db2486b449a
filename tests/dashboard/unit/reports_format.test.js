// @ts-check
// The reports' durations, changes, ranges and query strings.
import "../../js/page.js";

import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { REPORT_SECTIONS } from "../../../dashboard/static/dashboard/reports_nav.js";
import { formatChange, formatDuration, queryOf, rangeOf } from "../../../dashboard/static/dashboard/reports_format.js";

describe("reports", () => {
  it("writes durations by their size", () => {
    assert.equal(formatDuration(42.4), "42s");
    assert.equal(formatDuration(720), "12m");
    assert.equal(formatDuration(3 * 3600 + 5 * 60), "3h 05m");
    assert.equal(formatDuration(2 * 86400 + 4 * 3600), "2d 4h");
    assert.equal(formatDuration(-5), "0s");
  });

  it("writes the change from the previous period, none from nothing", () => {
    assert.equal(formatChange(112, 100), "+12%");
    assert.equal(formatChange(95, 100), "−5%");
    assert.equal(formatChange(100, 100), "0%");
    assert.equal(formatChange(3, 0), null);
  });

  it("ranges end with today and custom ranges include both days", () => {
    const now = new Date(2026, 2, 10, 15, 30);
    const week = rangeOf({ days: 7, from: "", to: "" }, now);
    assert.equal(week.until, new Date(2026, 2, 11).getTime() / 1000);
    assert.equal(week.since, new Date(2026, 2, 4).getTime() / 1000);
    const custom = rangeOf({ days: null, from: "2026-03-01", to: "2026-03-02" }, now);
    assert.deepEqual(custom, { since: new Date(2026, 2, 1).getTime() / 1000, until: new Date(2026, 2, 3).getTime() / 1000 });
  });

  it("leaves empty parameters out of the query", () => {
    assert.equal(queryOf({ since: 1, type: null, id: undefined, metric: "", business_hours: false }), "since=1&business_hours=false");
  });

  it("lists the sections with the CSAT page", () => {
    assert.deepEqual(
      REPORT_SECTIONS.map((section) => section.path),
      ["reports/overview", "reports/conversations", "reports/agents", "reports/inboxes", "reports/teams", "reports/labels", "reports/csat"],
    );
  });
});
