// @ts-check
// Canned responses in the composer: the variable fill, the matching of what
// was typed after `/`, and where a completion starts.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { completionAt, fillVariables, matchCanned } from "../../common/static/kit/canned.js";
import { matchMentions, mentionMarkup } from "../../common/static/kit/mentions.js";

describe("fillVariables", () => {
  const values = { "contact.name": "Vera", "contact.email": null, "conversation.id": 42, "account.name": "Acme" };

  it("fills every known variable, spaces inside the braces allowed", () => {
    assert.equal(fillVariables("Hi {{contact.name}}, #{{ conversation.id }} at {{account.name}}", values), "Hi Vera, #42 at Acme");
  });

  it("leaves unknown and empty variables as typed", () => {
    assert.equal(fillVariables("{{contact.email}} {{contact.shoe_size}} {{ nope }}", values), "{{contact.email}} {{contact.shoe_size}} {{ nope }}");
  });

  it("does not read a value's own braces as variables, nor the object's prototype", () => {
    assert.equal(fillVariables("{{contact.name}}", { "contact.name": "{{account.name}}" }), "{{account.name}}");
    assert.equal(fillVariables("{{constructor.name}}", {}), "{{constructor.name}}");
  });
});

describe("matchCanned", () => {
  const responses = [
    { id: 1, short_code: "thanks", content: "The refund is on its way" },
    { id: 2, short_code: "refund", content: "Sent" },
    { id: 3, short_code: "bye", content: "Goodbye" },
  ];

  it("keeps short codes or contents holding the query, short codes starting with it first", () => {
    assert.deepEqual(matchCanned(responses, "REF").map((r) => r.id), [2, 1]);
  });

  it("offers everything for an empty query, up to the limit", () => {
    assert.deepEqual(matchCanned(responses, "", 2).map((r) => r.id), [1, 2]);
    assert.deepEqual(matchCanned(responses, "zzz"), []);
  });
});

describe("completionAt", () => {
  it("finds a trigger at a word's start and the word typed after it", () => {
    assert.deepEqual(completionAt("hello /ref", 10, ["/"]), { trigger: "/", query: "ref", start: 6 });
    assert.deepEqual(completionAt("@", 1, ["/", "@"]), { trigger: "@", query: "", start: 0 });
  });

  it("ignores a trigger inside a word, after a space, or not asked for", () => {
    assert.equal(completionAt("and/or", 6, ["/"]), null);
    assert.equal(completionAt("/ref done", 9, ["/"]), null);
    assert.equal(completionAt("mail@x", 6, ["@"]), null);
    assert.equal(completionAt("@ana", 4, ["/"]), null);
  });
});

describe("mentions", () => {
  it("writes Chatwoot's markup with the name URL-encoded", () => {
    assert.equal(mentionMarkup({ kind: "user", id: 7, name: "Ana Lúcia" }), "[@Ana Lúcia](mention://user/7/Ana%20L%C3%BAcia)");
    assert.equal(mentionMarkup({ kind: "team", id: 2, name: "[Sales]" }), "[@Sales](mention://team/2/Sales)");
  });

  it("matches a word of the name, agents before teams", () => {
    const people = [
      /** @type {const} */ ({ kind: "team", id: 1, name: "Billing" }),
      /** @type {const} */ ({ kind: "user", id: 2, name: "Ana Bell" }),
      /** @type {const} */ ({ kind: "user", id: 3, name: "Tom" }),
    ];
    assert.deepEqual(matchMentions(people, "b").map((p) => p.id), [2, 1]);
    assert.deepEqual(matchMentions(people, "TO").map((p) => p.id), [3]);
  });
});
