// @ts-check
// The widget's drawing of menu options with ids and URL params, forms with a
// title, hidden and read-only fields and their own error text, and
// structured contact cards; markup always as text.
import "../../js/page.js";

import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { drawRich } from "../../../widget/static/widget/rich.js";

/** @param {string} type @param {Record<string, any>} attributes */
const message = (type, attributes) => /** @type {any} */ ({ id: 4, message_type: 1, content_type: type, content_attributes: attributes });

const FORM = message("form", {
  title: "<b>Call me back</b>",
  items: [
    { name: "code", label: "Code", type: "text", pattern: "^C-[0-9]{4}$", error_text: "<i>Like C-1234</i>" },
    { name: "source", label: "Source", type: "text", hidden: true, value: "campaign-7" },
    { name: "plan", label: "Plan", type: "text", read_only: true, value: "Gold" },
  ],
});

describe("widget rich fields", () => {
  it("answers a menu with the option's id and links its URL with params", async () => {
    /** @type {any[]} */
    const sent = [];
    const box = drawRich(message("input_select", {
      items: [{ id: "7", title: "Site", value: "s", url: "https://example.com/go", params: [{ name: "ref", value: "a b" }] }],
    }), async (_m, values) => { sent.push(values); });
    const link = box?.querySelector("a");
    assert.equal(link?.getAttribute("href"), "https://example.com/go?ref=a+b");
    assert.equal(link?.target, "_blank");
    assert.match(link?.rel ?? "", /noopener/);
    /** @type {HTMLButtonElement | null | undefined} */ (box?.querySelector("button.rich-option"))?.click();
    await new Promise((resolve) => setTimeout(resolve, 0));
    assert.deepEqual(sent, [[{ id: "7", title: "Site", value: "s" }]]);
  });

  it("draws the title, leaves hidden fields out and keeps read-only ones", () => {
    const element = drawRich(FORM, async () => {});
    assert.equal(element?.querySelector(".rich-form-title")?.textContent, "<b>Call me back</b>");
    assert.equal(element?.querySelectorAll("b").length, 0);
    assert.equal(element?.querySelector("[name=source]"), null);
    const plan = /** @type {HTMLInputElement} */ (element?.querySelector("[name=plan]"));
    assert.equal(plan.value, "Gold");
    assert.equal(plan.readOnly, true);
  });

  it("writes the form's own error text under a value off the pattern", async () => {
    /** @type {any[]} */
    const sent = [];
    const element = /** @type {HTMLFormElement} */ (drawRich(FORM, async (_m, values) => { sent.push(values); }));
    const code = /** @type {HTMLInputElement} */ (element.querySelector("[name=code]"));
    code.value = "C-12";
    element.dispatchEvent(new window.Event("submit", { cancelable: true }));
    await new Promise((resolve) => setTimeout(resolve, 0));
    assert.equal(element.querySelector(`#${code.id}-problem`)?.textContent, "<i>Like C-1234</i>");
    assert.equal(element.querySelectorAll("i").length, 0);
    assert.deepEqual(sent, []);
    code.value = "C-1234";
    element.dispatchEvent(new window.Event("submit", { cancelable: true }));
    await new Promise((resolve) => setTimeout(resolve, 0));
    assert.deepEqual(sent, [[{ name: "code", value: "C-1234" }, { name: "source", value: "campaign-7" }, { name: "plan", value: "Gold" }]]);
  });

  it("draws a structured contact card with typed phones as text", () => {
    const box = drawRich(message("contacts", {
      contacts: [{ name: { formatted_name: "<script>x</script>" }, phones: [{ phone: "+39 347", type: "<u>Mobile</u>" }] }],
    }), async () => {});
    assert.equal(box?.querySelector(".rich-contact-name")?.textContent, "<script>x</script>");
    assert.equal(box?.querySelector(".rich-contact-phone-type")?.textContent, "<u>Mobile</u>");
    assert.equal(box?.querySelector("a.rich-contact-phone")?.getAttribute("href"), "tel:+39347");
    assert.equal(box?.querySelectorAll("script, u").length, 0);
  });
});

describe("widget file names", () => {
  it("offers a file under its uploaded name, as text", async () => {
    const { drawAttachment } = await import("../../../widget/static/widget/media.js");
    const card = drawAttachment(/** @type {any} */ ({ id: 2, file_type: "file", extension: "txt", data_url: "https://x.test/a/Q3_img.txt", thumb_url: "", file_name: "Q3 <img src=x>.txt" }), /** @type {any} */ ({ open() {} }));
    assert.match(card.textContent ?? "", /Q3 <img src=x>\.txt/);
    assert.equal(card.querySelectorAll("img").length, 0);
  });
});
