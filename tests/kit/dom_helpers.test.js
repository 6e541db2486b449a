// @ts-check
// The kit's DOM helpers, in a jsdom page: h() and replaceChildren(), the
// typing signal, the popover.
import "../js/page.js";

import assert from "node:assert/strict";
import { describe, it, mock } from "node:test";

import { h, replaceChildren } from "../../common/static/kit/dom.js";
import { createPopover } from "../../common/static/kit/popover.js";
import { createTypingSignal } from "../../common/static/kit/typing.js";
import { newEchoId } from "../../common/static/kit/wire.js";

describe("h", () => {
  it("puts text in as text, never as markup", () => {
    const element = h("p", { class: "note" }, "<img src=x onerror=alert(1)>", 3);
    assert.equal(element.className, "note");
    assert.equal(element.children.length, 0);
    assert.equal(element.textContent, "<img src=x onerror=alert(1)>3");
  });

  it("sets properties, attributes, data and listeners, and skips empty values", () => {
    let clicks = 0;
    const element = h("button", { type: "button", disabled: true, "aria-label": "Send", dataset: { id: "7" }, onclick: () => clicks++, title: null, hidden: false });
    assert.equal(element.disabled, true);
    assert.equal(element.getAttribute("aria-label"), "Send");
    assert.equal(element.dataset.id, "7");
    assert.equal(element.hasAttribute("title"), false);
    assert.equal(element.hidden, false);
    element.disabled = false;
    element.click();
    assert.equal(clicks, 1);
  });

  it("flattens nested children and drops null, undefined and false", () => {
    const list = h("ul", {}, [h("li", {}, "a"), [null, h("li", {}, "b")], false, undefined]);
    assert.deepEqual([...list.children].map((item) => item.textContent), ["a", "b"]);
  });

  it("replaceChildren puts new children in place of the old", () => {
    const box = h("div", {}, h("span", {}, "old"));
    assert.equal(replaceChildren(box, "new", h("b", {}, "!")), box);
    assert.equal(box.innerHTML, "new<b>!</b>");
  });
});

describe("createTypingSignal", () => {
  it("says on once while keys come, and off once after the quiet time", () => {
    mock.timers.enable({ apis: ["setTimeout"] });
    try {
      /** @type {boolean[]} */
      const sent = [];
      const typing = createTypingSignal((on) => sent.push(on), 3000);
      typing.input();
      mock.timers.tick(2000);
      typing.input();
      mock.timers.tick(2999);
      assert.deepEqual(sent, [true]);
      mock.timers.tick(1);
      assert.deepEqual(sent, [true, false]);
      typing.stop();
      assert.deepEqual(sent, [true, false]);
    } finally {
      mock.timers.reset();
    }
  });

  it("stops at once when the text is sent, and starts again at the next key", () => {
    mock.timers.enable({ apis: ["setTimeout"] });
    try {
      /** @type {boolean[]} */
      const sent = [];
      const typing = createTypingSignal((on) => sent.push(on), 3000);
      typing.input();
      typing.stop();
      mock.timers.tick(5000);
      typing.input();
      assert.deepEqual(sent, [true, false, true]);
    } finally {
      mock.timers.reset();
    }
  });
});

describe("createPopover", () => {
  function picker() {
    const button = h("button", { type: "button" }, "☺");
    const panel = h("div", { id: "picker-panel" }, h("button", { type: "button" }, "👍"), h("button", { type: "button" }, "🎉"));
    const holder = h("div", {}, button, panel);
    document.body.replaceChildren(holder);
    return { button, panel, holder };
  }

  it("opens on click with the first choice focused, and says so in aria-expanded", () => {
    const { button, panel } = picker();
    /** @type {boolean[]} */
    const heard = [];
    const popover = createPopover(button, panel, { onToggle: (open) => heard.push(open) });
    assert.equal(panel.hidden, true);
    assert.equal(button.getAttribute("aria-controls"), "picker-panel");
    button.click();
    assert.equal(popover.isOpen(), true);
    assert.equal(button.getAttribute("aria-expanded"), "true");
    assert.equal(document.activeElement, panel.firstElementChild);
    button.click();
    assert.equal(panel.hidden, true);
    assert.deepEqual(heard, [false, true, false]);
  });

  it("closes on Escape without letting the key reach what holds it, and focuses the button", () => {
    const { button, panel, holder } = picker();
    let reached = false;
    holder.addEventListener("keydown", () => (reached = true));
    createPopover(button, panel);
    button.click();
    panel.firstElementChild?.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    assert.equal(panel.hidden, true);
    assert.equal(button.getAttribute("aria-expanded"), "false");
    assert.equal(document.activeElement, button);
    assert.equal(reached, false);
  });

  it("closes when focus leaves it, if asked", () => {
    const { button, panel } = picker();
    const outside = h("input", {});
    document.body.append(outside);
    createPopover(button, panel, { closeOnFocusOut: true });
    button.click();
    outside.focus();
    assert.equal(panel.hidden, true);
  });
});

describe("newEchoId", () => {
  it("is new every time", () => {
    assert.notEqual(newEchoId(), newEchoId());
  });
});
