// @ts-check
// The CSAT report's query from its filters, the list's rating badge and the
// stars, drawn in a jsdom page.
import "../../js/page.js";

import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { csatQuery, ratingStars } from "../../../dashboard/static/dashboard/csat_report.js";
import { csatBadge } from "../../../dashboard/static/dashboard/rich.js";

/**
 * A filter form with the report's fields set to `values`.
 * @param {Record<string, string>} values
 * @returns {HTMLFormElement}
 */
function filters(values) {
  const form = document.createElement("form");
  for (const name of ["agent", "inbox_id", "team_id", "rating", "since", "until"]) {
    const input = document.createElement("input");
    input.name = name;
    input.value = values[name] || "";
    form.append(input);
  }
  return form;
}

describe("csatQuery", () => {
  it("is empty without filters, and leaves page 1 out", () => {
    assert.equal(csatQuery(filters({})), "");
    assert.equal(csatQuery(filters({}), 1), "");
  });

  it("sends Chatwoot's names: user_ids[], inbox_id, team_id, rating, page", () => {
    const query = new URLSearchParams(csatQuery(filters({ agent: "7", inbox_id: "3", team_id: "2", rating: "5" }), 2).slice(1));
    assert.deepEqual(query.getAll("user_ids[]"), ["7"]);
    assert.equal(query.get("inbox_id"), "3");
    assert.equal(query.get("team_id"), "2");
    assert.equal(query.get("rating"), "5");
    assert.equal(query.get("page"), "2");
  });

  it("turns the range's days into epoch seconds covering both whole days", () => {
    const query = new URLSearchParams(csatQuery(filters({ since: "2026-12-01", until: "2026-12-02" })).slice(1));
    const since = Number(query.get("since"));
    const until = Number(query.get("until"));
    assert.equal(until - since, 2 * 86400 - 1);
  });
});

describe("rating drawing", () => {
  it("draws five stars with their words", () => {
    const stars = ratingStars(3);
    assert.equal(stars.textContent, "★★★☆☆");
    assert.equal(stars.getAttribute("aria-label"), "3 out of 5");
  });

  it("badges an answered survey or its answer, nothing else", () => {
    const answer = /** @type {any} */ ({
      id: 1,
      content: "Rating: 4/5",
      content_attributes: { submitted_values: { csat_survey_response: { rating: 4, feedback_message: "" } } },
    });
    const badge = csatBadge(answer);
    assert.ok(badge);
    assert.equal(badge.textContent, "★ 4");
    assert.equal(badge.getAttribute("aria-label"), "Rated 4 out of 5");
    assert.equal(csatBadge(/** @type {any} */ ({ id: 2, content: "hi", content_attributes: {} })), null);
    const forged = { ...answer, content_attributes: { submitted_values: { csat_survey_response: { rating: "<b>9</b>" } } } };
    assert.equal(csatBadge(/** @type {any} */ (forged)), null);
  });
});
