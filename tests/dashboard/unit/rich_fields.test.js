// @ts-check
// The dashboard's drawing of menu option links with params, forms with a
// title, patterns, hidden and read-only fields, and structured contact
// cards: every string as text, only http(s) links opening a new tab.
import "../../js/page.js";

import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { richContent } from "../../../dashboard/static/dashboard/rich.js";

/** @param {string} type @param {Record<string, any>} attributes */
const message = (type, attributes) => /** @type {any} */ ({ id: 9, message_type: 1, content_type: type, content_attributes: attributes });

describe("dashboard rich fields", () => {
  it("links a menu option to its URL with params, in a new tab", () => {
    const view = richContent(message("input_select", {
      items: [
        { id: "1", title: "<b>Site</b>", value: "s", url: "https://example.com/go", params: [{ name: "ref", value: "chat" }] },
        { id: "2", title: "Evil", value: "e", url: "javascript:alert(1)" },
      ],
    }));
    const links = view?.querySelectorAll("a") ?? [];
    assert.equal(links.length, 1);
    assert.equal(links[0].getAttribute("href"), "https://example.com/go?ref=chat");
    assert.equal(links[0].target, "_blank");
    assert.match(links[0].rel, /noopener/);
    assert.equal(links[0].textContent, "<b>Site</b>");
    assert.equal(view?.querySelectorAll("b").length, 0);
  });

  it("draws a form's title and its fields' notes as text", () => {
    const view = richContent(message("form", {
      title: "<img src=x onerror=alert(1)>",
      items: [
        { name: "code", label: "Code", type: "text", pattern: "^<i>$", error_text: "Like C-1234" },
        { name: "source", label: "Source", type: "text", hidden: true, value: "<script>x</script>" },
        { name: "plan", label: "Plan", type: "text", read_only: true, value: "Gold" },
      ],
    }));
    assert.equal(view?.querySelector(".rich-form-title")?.textContent, "<img src=x onerror=alert(1)>");
    assert.equal(view?.querySelectorAll("img, script, i").length, 0);
    const notes = [...(view?.querySelectorAll(".rich-field-notes") ?? [])].map((note) => note.textContent);
    assert.deepEqual(notes, [" · pattern: ^<i>$", " · hidden: <script>x</script>", " · read-only: Gold"]);
    assert.equal(view?.querySelector(".rich-field-notes")?.getAttribute("title"), "Like C-1234");
  });

  it("draws a structured contact card with typed phones", () => {
    const view = richContent(message("contacts", {
      contacts: [{
        name: { first_name: "Giulia", last_name: "<b>C</b>" },
        phones: [{ phone: "+39 347 192 6356", type: "Mobile" }, "+39 02 123"],
      }],
    }));
    assert.equal(view?.querySelector(".rich-contact-name")?.textContent, "👤 Giulia <b>C</b>");
    const phones = [...(view?.querySelectorAll(".rich-phone") ?? [])];
    assert.equal(phones.length, 2);
    assert.equal(phones[0].textContent, "☎ Mobile +39 347 192 6356");
    assert.equal(phones[0].querySelector("a")?.getAttribute("href"), "tel:+393471926356");
    assert.equal(view?.querySelectorAll("b").length, 0);
  });
});

describe("dashboard read time and file names", () => {
  it("tells when the contact read a reply on the ticks' hover", async () => {
    const { deliveryTicks } = await import("../../../dashboard/static/dashboard/rich.js");
    const read = deliveryTicks(/** @type {any} */ ({ id: 3, message_type: 1, status: "read", seen_at: 1765000000 }), { seen: false });
    assert.match(read?.title ?? "", /^Read .*2025/);
    const unknown = deliveryTicks(/** @type {any} */ ({ id: 3, message_type: 1, status: "read", seen_at: null }), { seen: false });
    assert.equal(unknown?.title, "Read");
    const delivered = deliveryTicks(/** @type {any} */ ({ id: 3, message_type: 1, status: "delivered", seen_at: 1765000000 }), { seen: false });
    assert.equal(delivered?.title, "Delivered");
  });

  it("offers a download under the uploaded name, as text", async () => {
    const { attachmentView } = await import("../../../dashboard/static/dashboard/rich.js");
    const view = attachmentView(/** @type {any} */ ({ id: 2, file_type: "file", extension: "txt", data_url: "https://x.test/a/Q3_img.txt", thumb_url: "", file_name: "Q3 <img src=x>.txt" }), () => {});
    assert.equal(view.querySelector(".file-name")?.textContent, "Download Q3 <img src=x>.txt");
    assert.equal(view.querySelectorAll("img").length, 0);
  });
});
