// @ts-check
// The rich-message rules both front ends draw with (common/static/kit/rich.js,
// files.js, reactions.js, replies.js, delivery.js).
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { deliveryState, isLaterDelivery } from "../../common/static/kit/delivery.js";
import { attachmentKind, fileName, fileTypeLabel, humanSize } from "../../common/static/kit/files.js";
import { isReaction, reactionChips } from "../../common/static/kit/reactions.js";
import { quoteOf, replyQuote } from "../../common/static/kit/replies.js";
import {
  chosenValues,
  csatAnswer,
  csatResponse,
  formAnswer,
  formFields,
  isAnswered,
  mailtoUrl,
  mapUrl,
  postbackAnswer,
  selectAnswer,
  submittedForm,
  telUrl,
} from "../../common/static/kit/rich.js";

/** @param {Record<string, any>} fields */
const message = (fields) => /** @type {any} */ ({ message_type: 1, ...fields });

const FORM = message({
  id: 7,
  content_type: "form",
  content_attributes: {
    items: [
      { name: "full_name", label: "Name", type: "text", required: true },
      { name: "email", label: "Email", type: "email", required: true },
      { name: "age", label: "Age", type: "number" },
      { name: "phone", label: "Phone", type: "phone" },
      { name: "day", label: "Day", type: "date" },
      { name: "plan", label: "Plan", type: "select", options: [{ title: "Pro plan", value: "pro" }] },
      { name: "terms", label: "Terms", type: "checkbox", required: true },
      { name: "bad", label: "Bad", type: "script" },
      "not an object",
    ],
  },
});

describe("formFields and formAnswer", () => {
  it("keeps only well-formed fields", () => {
    assert.deepEqual(formFields(FORM).map((field) => field.name), ["full_name", "email", "age", "phone", "day", "plan", "terms"]);
  });

  it("names each problem by field", () => {
    const { problems } = formAnswer(formFields(FORM), {
      full_name: "  ",
      email: "not-an-email",
      age: "twelve",
      phone: "call me",
      day: "2026-02-30",
      plan: "enterprise",
      terms: false,
    });
    assert.deepEqual(problems, {
      full_name: "required",
      email: "email",
      age: "number",
      phone: "phone",
      day: "date",
      plan: "option",
      terms: "required",
    });
  });

  it("builds typed values, leaving blank optional fields out", () => {
    const { values, problems } = formAnswer(formFields(FORM), {
      full_name: " Vera ",
      email: "vera@example.com",
      age: "42",
      phone: "",
      day: "2026-02-28",
      plan: "pro",
      terms: true,
    });
    assert.deepEqual(problems, {});
    assert.deepEqual(values, [
      { name: "full_name", value: "Vera" },
      { name: "email", value: "vera@example.com" },
      { name: "age", value: 42 },
      { name: "day", value: "2026-02-28" },
      { name: "plan", value: "pro" },
      { name: "terms", value: true },
    ]);
  });

  it("reads submitted values back with labels and option titles", () => {
    const answered = message({
      ...FORM,
      content_attributes: {
        ...FORM.content_attributes,
        submitted_values: [{ name: "plan", value: "pro" }, { name: "full_name", value: "Vera" }, { name: "x", value: "?" }],
      },
    });
    assert.deepEqual(submittedForm(answered), [
      { name: "full_name", label: "Name", value: "Vera" },
      { name: "plan", label: "Plan", value: "Pro plan" },
    ]);
  });
});

describe("answers", () => {
  it("shapes menu, postback and survey answers as the contract asks", () => {
    assert.deepEqual(selectAnswer({ title: "Billing", value: "billing" }), [{ title: "Billing", value: "billing" }]);
    assert.deepEqual(postbackAnswer({ text: "Buy", payload: "buy_1" }), [{ title: "Buy", value: "buy_1" }]);
    assert.deepEqual(csatAnswer(4, "  "), { csat_survey_response: { rating: 4 } });
    assert.deepEqual(csatAnswer(5, " Great "), { csat_survey_response: { rating: 5, feedback_message: "Great" } });
  });

  it("tells answered questions and what was chosen", () => {
    const menu = message({ content_type: "input_select", content_attributes: { items: [] } });
    assert.equal(isAnswered(menu), false);
    const answered = message({
      content_type: "input_select",
      content_attributes: { answered: true, submitted_values: [{ title: "Billing", value: "billing" }] },
    });
    assert.equal(isAnswered(answered), true);
    assert.deepEqual([...chosenValues(answered)], ["billing"]);
    assert.equal(isAnswered(message({ content_attributes: { submitted_email: "a@b.co" } })), true);
  });

  it("reads a survey response, refusing a rating out of range", () => {
    const survey = (/** @type {number} */ rating) => message({ content_attributes: { submitted_values: { csat_survey_response: { rating, feedback_message: "ok" } } } });
    assert.deepEqual(csatResponse(survey(3)), { rating: 3, feedback: "ok" });
    assert.equal(csatResponse(survey(9)), null);
    assert.equal(csatResponse(message({})), null);
  });
});

describe("addresses", () => {
  it("opens a location's own web link, else OpenStreetMap at its coordinates", () => {
    assert.equal(mapUrl({ latitude: 1, longitude: 2, url: "https://maps.example.com/x" }), "https://maps.example.com/x");
    assert.equal(
      mapUrl({ latitude: 52.52, longitude: 13.405, url: "javascript:alert(1)" }),
      "https://www.openstreetmap.org/?mlat=52.52&mlon=13.405#map=16/52.52/13.405",
    );
    assert.equal(mapUrl({ latitude: 95, longitude: 0 }), "");
    assert.equal(mapUrl({ latitude: "x", longitude: 0 }), "");
    assert.equal(mapUrl({}), "");
  });

  it("makes tel: and mailto: links only from real numbers and addresses", () => {
    assert.equal(telUrl("+1 (555) 010-0199"), "tel:+15550100199");
    assert.equal(telUrl("javascript:alert(1)"), "");
    assert.equal(telUrl("12"), "");
    assert.equal(mailtoUrl("vera@example.com"), "mailto:vera@example.com");
    assert.equal(mailtoUrl("a@b.co?bcc=x@y.z"), "");
    assert.equal(mailtoUrl('"><img src=x>@x.y'), "");
  });
});

describe("files", () => {
  it("names, types and sizes a file", () => {
    const file = /** @type {any} */ ({ file_type: "file", data_url: "https://x.test/media/a/Q3%20report.pdf?sig=1", file_size: 1536 });
    assert.equal(fileName(file), "Q3 report.pdf");
    assert.equal(fileTypeLabel(file), "PDF");
    assert.equal(humanSize(file.file_size, "en"), "1.5 kB");
    assert.equal(humanSize(512, "en"), "512 byte");
    assert.equal(humanSize(3 * 1024 * 1024, "en"), "3 MB");
    assert.equal(humanSize(undefined), "");
    assert.equal(fileName(/** @type {any} */ ({ data_url: "https://x.test/%E0%A4%A", fallback_title: "" })), "%E0%A4%A");
    assert.equal(attachmentKind(file), "file");
    assert.equal(attachmentKind(/** @type {any} */ ({ file_type: "video" })), "video");
    assert.equal(attachmentKind(/** @type {any} */ ({ file_type: "location" })), "file");
  });
});

describe("reactions and replies", () => {
  it("groups reactions into chips and marks the reader's own", () => {
    const target = message({
      content_attributes: {
        reactions: [
          { emoji: "👍", sender_type: "user", sender_id: 3 },
          { emoji: "❤️", sender_type: "contact", sender_id: 9 },
          { emoji: "👍", sender_type: "contact", sender_id: 3 },
          { emoji: "", sender_type: "user", sender_id: 4 },
        ],
      },
    });
    assert.deepEqual(reactionChips(target, { senderType: "contact", senderId: 3 }), [
      { emoji: "👍", count: 2, mine: true },
      { emoji: "❤️", count: 1, mine: false },
    ]);
    assert.equal(isReaction(message({ content_type: "reaction" })), true);
    assert.equal(isReaction(message({ content_attributes: { is_reaction: true } })), true);
    assert.equal(isReaction(message({ content_type: "text" })), false);
  });

  it("reads the server's quote and quotes a held message", () => {
    assert.equal(replyQuote(message({ content_attributes: { reply_to: { id: "3" } } })), null);
    assert.deepEqual(
      replyQuote(message({ content_attributes: { reply_to: { id: 3, content: "secret", deleted: true, sender_name: "Ann", message_type: 1 } } })),
      { id: 3, content: "", senderName: "Ann", deleted: true, messageType: 1 },
    );
    const quote = quoteOf(message({ id: 5, content: `a\n${"b".repeat(300)}` }), "Ann");
    assert.equal(quote.content.length, 200);
    assert.ok(quote.content.startsWith("a b"));
  });
});

describe("delivery", () => {
  it("shows a known status, and the reason of a failure", () => {
    assert.deepEqual(deliveryState(message({ status: "read" })), { status: "read", reason: "" });
    assert.deepEqual(
      deliveryState(message({ status: "failed", content_attributes: { external_error: "Too large" } })),
      { status: "failed", reason: "Too large" },
    );
    assert.deepEqual(deliveryState(message({ status: "bogus" })), { status: "", reason: "" });
    assert.equal(isLaterDelivery("read", "delivered"), true);
    assert.equal(isLaterDelivery("sent", "read"), false);
  });
});
