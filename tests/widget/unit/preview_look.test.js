// @ts-check
// The settings page's preview: which posted values the widget takes, and the
// reply-time line it draws from them.
import "../../js/page.js";

import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { previewed } from "../../../widget/static/widget/preview.js";
import { replyTimeText } from "../../../widget/static/widget/words.js";

const INBOX = {
  name: "Shop", color: "#1f93ff", welcomeTitle: "Hi", welcomeTagline: "", greeting: "",
  emailCollect: true, hmacMandatory: false, locale: "", replyTime: "in_a_few_minutes", avatarUrl: "", darkMode: "light",
};

describe("widget preview", () => {
  it("takes the known settings of the right type and nothing else", () => {
    const next = previewed(INBOX, { color: "#0e9384", welcomeTitle: "<b>x</b>", darkMode: "dark", hmacMandatory: true, name: "Other", greeting: 5 });
    assert.equal(next.color, "#0e9384");
    assert.equal(next.welcomeTitle, "<b>x</b>");
    assert.equal(next.darkMode, "dark");
    assert.equal(next.hmacMandatory, false);
    assert.equal(next.name, "Shop");
    assert.equal(next.greeting, "");
    assert.equal(INBOX.color, "#1f93ff");
  });

  it("words each of Chatwoot's reply times, and none for an unknown one", () => {
    assert.equal(replyTimeText("in_a_few_minutes"), "Typically replies in a few minutes");
    assert.equal(replyTimeText("in_a_few_hours"), "Typically replies in a few hours");
    assert.equal(replyTimeText("in_a_day"), "Typically replies in a day");
    assert.equal(replyTimeText("toString"), "");
  });
});
