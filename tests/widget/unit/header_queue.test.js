// @ts-check
// The widget's header: the visitor's place in line in each state, in the
// visitor's language, and whether the team is online or away.
import "../../js/page.js";

import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it } from "node:test";

import { availability, createHeader, queueText } from "../../../widget/static/widget/header.js";
import { setLocale } from "../../../widget/static/widget/i18n.js";
import { createState } from "../../../widget/static/widget/state.js";

const FRENCH = {
  fr: {
    "You are number %(position)s in line": "Vous êtes le numéro %(position)s dans la file",
    "You are number %(position)s in line, about %(wait)s": "Vous êtes le numéro %(position)s dans la file, environ %(wait)s",
    "%(count)s minute": ["%(count)s minute", "%(count)s minutes"],
  },
};

describe("widget queue line", () => {
  afterEach(() => {
    document.getElementById("widget-catalogs")?.remove();
    setLocale("en");
  });

  it("says nothing once the visitor is served", () => {
    assert.equal(queueText(null), null);
    assert.equal(queueText({ position: null, wait: 120 }), null);
  });

  it("gives the place alone, then with the wait rounded to minutes (one at least)", () => {
    assert.equal(queueText({ position: 3, wait: null }), "You are number 3 in line");
    assert.equal(queueText({ position: 1, wait: 20 }), "You are number 1 in line, about 1 minute");
    assert.equal(queueText({ position: 2, wait: 150 }), "You are number 2 in line, about 3 minutes");
  });

  it("speaks the visitor's language", () => {
    const element = document.createElement("script");
    element.id = "widget-catalogs";
    element.textContent = JSON.stringify(FRENCH);
    document.head.append(element);
    setLocale("fr-CA");
    assert.equal(queueText({ position: 2, wait: 60 }), "Vous êtes le numéro 2 dans la file, environ 1 minute");
    assert.equal(queueText({ position: 2, wait: 300 }), "Vous êtes le numéro 2 dans la file, environ 5 minutes");
  });
});

describe("widget header", () => {
  beforeEach(() => {
    document.body.innerHTML = `
      <p id="availability" data-state="away"><span id="availability-text"></span></p>
      <p id="queue" hidden></p>
      <button id="end-chat" hidden></button>
      <button id="transcript" hidden></button>
      <button id="call-start" hidden></button>`;
  });

  it("shows and hides the queue line as the place changes", () => {
    const header = createHeader(createState(true));
    const line = /** @type {HTMLElement} */ (document.getElementById("queue"));
    header.showQueue({ position: 4, wait: null });
    assert.equal(line.hidden, false);
    assert.equal(line.textContent, "You are number 4 in line");
    header.showQueue(null);
    assert.equal(line.hidden, true);
  });

  it("is away outside business hours whoever is online, and says when it reopens", () => {
    assert.deepEqual(availability(true, null, "en"), { online: true, text: "We are online" });
    assert.deepEqual(availability(true, { open: false, reopens_at: null }, "en"), { online: false, text: "We are away" });
    const back = availability(true, { open: false, reopens_at: "2026-12-07T09:00:00Z" }, "en");
    assert.equal(back.online, false);
    assert.match(back.text, /^We are away\. Back Monday/);
    const state = createState(true);
    state.hours = { open: true, reopens_at: null };
    const header = createHeader(state);
    header.setAvailability(true);
    assert.equal(document.getElementById("availability")?.dataset.state, "online");
    assert.equal(document.getElementById("availability-text")?.textContent, "We are online");
  });

  it("offers End chat only for a conversation not resolved", () => {
    const state = createState(true);
    const header = createHeader(state);
    const button = /** @type {HTMLElement} */ (document.getElementById("end-chat"));
    header.showEndChat();
    assert.equal(button.hidden, true);
    state.conversation = /** @type {import("../../../common/static/kit/wire.js").Conversation} */ ({ id: 1, status: "open" });
    header.showEndChat();
    assert.equal(button.hidden, false);
    state.conversation.status = "resolved";
    header.showEndChat();
    assert.equal(button.hidden, true);
  });

  it("offers the call button only when the inbox takes calls, with a conversation and no call going on", () => {
    const button = /** @type {HTMLElement} */ (document.getElementById("call-start"));
    const state = createState(true);
    state.conversation = /** @type {import("../../../common/static/kit/wire.js").Conversation} */ ({ id: 1, status: "open" });
    createHeader(state, false).showEndChat();
    assert.equal(button.hidden, true);
    const header = createHeader(createState(true), true);
    header.showEndChat();
    assert.equal(button.hidden, true);
    const calling = createHeader(state, true);
    calling.showEndChat();
    assert.equal(button.hidden, false);
    state.inCall = true;
    calling.showEndChat();
    assert.equal(button.hidden, true);
  });

  it("offers Email transcript only with a conversation and the visitor's email", () => {
    const state = createState(true);
    const header = createHeader(state);
    const button = /** @type {HTMLElement} */ (document.getElementById("transcript"));
    state.conversation = /** @type {import("../../../common/static/kit/wire.js").Conversation} */ ({ id: 1, status: "resolved" });
    header.showEndChat();
    assert.equal(button.hidden, true);
    state.session = /** @type {import("../../../widget/static/widget/state.js").Session} */ ({ contact: { id: 3, email: "vera@example.org" } });
    header.showEndChat();
    assert.equal(button.hidden, false);
  });
});
