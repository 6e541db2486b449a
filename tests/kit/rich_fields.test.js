// @ts-check
// The kit's rules for menu option ids and URL params, form patterns, hidden
// and read-only fields and titles, and structured contact cards.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import {
  contactName,
  contactPhones,
  fieldProblem,
  formAnswer,
  formFields,
  formTitle,
  optionUrl,
  selectAnswer,
} from "../../common/static/kit/rich.js";

/** @param {Record<string, any>} attributes */
const form = (attributes) => /** @type {any} */ ({ id: 3, message_type: 1, content_type: "form", content_attributes: attributes });

const FORM = form({
  title: "Call me back",
  items: [
    { name: "code", label: "Code", type: "text", required: true, pattern: "^C-[0-9]{4}$", error_text: "Like C-1234" },
    { name: "source", label: "Source", type: "text", hidden: true, value: "campaign-7" },
    { name: "plan", label: "Plan", type: "text", read_only: true, value: "Gold" },
  ],
});

describe("menu options", () => {
  it("send their id back with the answer", () => {
    assert.deepEqual(selectAnswer({ id: "0", title: "A", value: "a" }), [{ id: "0", title: "A", value: "a" }]);
    assert.deepEqual(selectAnswer({ title: "A", value: "a" }), [{ title: "A", value: "a" }]);
  });

  it("open their URL with the params encoded", () => {
    const item = { url: "https://example.com/go?a=1#top", params: [{ name: "ref", value: "chat & <b>" }, { name: "", value: "x" }] };
    assert.equal(optionUrl(item), "https://example.com/go?a=1&ref=chat+%26+%3Cb%3E#top");
  });

  it("open nothing for a javascript: or data: URL", () => {
    assert.equal(optionUrl({ url: "javascript:alert(1)", params: [{ name: "a", value: "b" }] }), "");
    assert.equal(optionUrl({ url: "data:text/html,<b>x</b>" }), "");
    assert.equal(optionUrl({}), "");
  });
});

describe("forms", () => {
  it("read the title, pattern, error text, hidden and read-only fields", () => {
    assert.equal(formTitle(FORM), "Call me back");
    const [code, source, plan] = formFields(FORM);
    assert.equal(code.pattern, "^C-[0-9]{4}$");
    assert.equal(code.errorText, "Like C-1234");
    assert.equal(source.hidden, true);
    assert.equal(plan.readOnly, true);
    assert.equal(plan.value, "Gold");
  });

  it("find a value off the pattern", () => {
    const [code] = formFields(FORM);
    assert.equal(fieldProblem(code, "C-12"), "pattern");
    assert.equal(fieldProblem(code, "C-1234"), "");
  });

  it("leave a pattern the browser cannot read to the server", () => {
    const [code] = formFields(form({ items: [{ name: "x", label: "X", type: "text", pattern: "(?<=a)b(" }] }));
    assert.equal(fieldProblem(code, "anything"), "");
  });

  it("answer hidden and read-only fields with the form's values, whatever was typed", () => {
    const { values, problems } = formAnswer(formFields(FORM), { code: "C-1234", plan: "Free", source: "x" });
    assert.deepEqual(problems, {});
    assert.deepEqual(values, [
      { name: "code", value: "C-1234" },
      { name: "source", value: "campaign-7" },
      { name: "plan", value: "Gold" },
    ]);
  });
});

describe("contact cards", () => {
  it("read a plain or structured name", () => {
    assert.equal(contactName({ name: "Ana" }), "Ana");
    assert.equal(contactName({ name: { formatted_name: "Giulia C", first_name: "G" } }), "Giulia C");
    assert.equal(contactName({ name: { prefix: "Dr", first_name: "Ana", last_name: "Silva" } }), "Dr Ana Silva");
    assert.equal(contactName({ name: 7 }), "");
  });

  it("read plain and typed phones, leaving out malformed ones", () => {
    assert.deepEqual(contactPhones({ phones: ["+1 555", { phone: "+39 347", type: "Mobile", wa_id: "39347" }, { type: "x" }, null] }), [
      { phone: "+1 555", type: "" },
      { phone: "+39 347", type: "Mobile" },
    ]);
  });
});

describe("uploaded names and read times", () => {
  it("name a file as it was uploaded first", async () => {
    const { fileName } = await import("../../common/static/kit/files.js");
    const attachment = /** @type {any} */ ({ id: 1, file_type: "file", data_url: "https://x.test/a/Q3_report.txt", thumb_url: "", file_name: "Q3 report.txt", fallback_title: "Other" });
    assert.equal(fileName(attachment), "Q3 report.txt");
    assert.equal(fileName({ ...attachment, file_name: "" }), "Other");
  });

  it("read seen_at only as a positive epoch", async () => {
    const { seenAt } = await import("../../common/static/kit/delivery.js");
    assert.equal(seenAt(/** @type {any} */ ({ seen_at: 1765000000 })), 1765000000);
    for (const bad of [null, 0, -1, "1765000000", Number.NaN]) assert.equal(seenAt(/** @type {any} */ ({ seen_at: bad })), null);
  });
});
