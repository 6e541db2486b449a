// @ts-check
// The composer's completion: `/` offers canned responses, Enter or Tab takes
// the highlighted one (filled in) instead of sending, Escape closes it; `@`
// offers mentions only in a private note.
import "../../js/page.js";

import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { createComposer } from "../../../dashboard/static/dashboard/thread/composer.js";
import { createThreadState, openIn } from "../../../dashboard/static/dashboard/thread/state.js";
import { fakeApi, fakeContext, press, settle } from "./thread_fakes.js";

const CANNED = [
  { id: 1, short_code: "hello", content: "Hello {{contact.name}}, this is {{agent.name}}." },
  { id: 2, short_code: "bye", content: "Bye <b>now</b>" },
];

function setUp() {
  const api = fakeApi({ "GET canned_responses": CANNED, "GET inbox_members/4": { payload: [{ id: 9, name: "Nora Quill" }] } });
  const state = createThreadState();
  openIn(state, 3);
  /** @type {unknown[]} */
  const sent = [];
  const conversation = /** @type {any} */ ({ id: 3, inbox_id: 4, meta: { sender: { name: "Vera" } } });
  const composer = createComposer(fakeContext(api), { state, onSend: (local) => sent.push(local), onRichSent: () => {}, lookups: { teams: [{ id: 2, name: "Sales" }] }, conversation: () => conversation });
  document.body.replaceChildren(composer.element);
  /** @param {string} text */
  const type = async (text) => {
    composer.textarea.value = text;
    composer.textarea.setSelectionRange(text.length, text.length);
    composer.textarea.dispatchEvent(new Event("input", { bubbles: true }));
    await settle();
    await settle();
  };
  const options = () => [...document.querySelectorAll("#composer-completion [role=option]")].map((option) => option.textContent);
  return { composer, state, sent, type, options };
}

describe("canned completion", () => {
  it("offers matches as text and Enter inserts the filled content without sending", async () => {
    const { composer, sent, type, options } = setUp();
    await type("Hi /b");
    assert.deepEqual(options(), ["byeBye <b>now</b>"]);
    await type("Hi /he");
    assert.deepEqual(options(), ["helloHello {{contact.name}}, this is {{agent.name}}."]);
    assert.equal(press(composer.textarea, "Enter").defaultPrevented, true);
    assert.equal(composer.textarea.value, "Hi Hello Vera, this is Ada Agent. ");
    assert.deepEqual(sent, []);
    assert.equal(document.querySelector("#composer-completion")?.hasAttribute("hidden"), true);
  });

  it("closes on Escape, and Enter then sends", async () => {
    const { composer, sent, type, options } = setUp();
    await type("/hel");
    press(composer.textarea, "Escape");
    assert.deepEqual(options(), []);
    press(composer.textarea, "Enter");
    assert.equal(sent.length, 1);
  });
});

describe("mention completion", () => {
  it("offers the inbox's agents and teams in a note only, Tab storing the markup", async () => {
    const { composer, type, options } = setUp();
    await type("@s");
    assert.deepEqual(options(), []);
    composer.setMode(true);
    await type("ask @s");
    assert.deepEqual(options(), ["@SalesTeam"]);
    await type("ask @no");
    press(composer.textarea, "Tab");
    assert.equal(composer.textarea.value, "ask [@Nora Quill](mention://user/9/Nora%20Quill) ");
  });
});
