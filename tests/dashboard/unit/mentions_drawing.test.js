// @ts-check
// Mentions in a note as the page draws them: a name chip from the server's
// HTML and from a note still sending, never the markup; no other span kept.
import "../../js/page.js";

import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { messageBody } from "../../../common/static/kit/markdown.js";

describe("mention chips", () => {
  it("keeps the server's chip and drops any other span", () => {
    const body = messageBody({ content: "", processed_message_content: '<p>hi <span class="mention">@Ana</span> <span class="evil" onclick="x()">plain</span></p>' });
    const chips = body.querySelectorAll("span");
    assert.equal(chips.length, 1);
    assert.equal(chips[0].className, "mention");
    assert.equal(chips[0].textContent, "@Ana");
    assert.equal(body.textContent, "hi @Ana plain");
  });

  it("draws a sending note's markup as chips, with the rest as text", () => {
    const body = messageBody({ content: "ask [@Ana B](mention://user/3/Ana%20B) and [@Sales](mention://team/2/Sales) <b>now</b> https://x.test" });
    assert.deepEqual([...body.querySelectorAll(".mention")].map((chip) => chip.textContent), ["@Ana B", "@Sales"]);
    assert.equal(body.textContent, "ask @Ana B and @Sales <b>now</b> https://x.test");
    assert.equal(body.querySelectorAll("b").length, 0);
    assert.equal(body.querySelector("a")?.getAttribute("href"), "https://x.test/");
  });

  it("leaves a lookalike of another kind as typed", () => {
    const body = messageBody({ content: "[@x](mention://robot/3/x)" });
    assert.equal(body.querySelectorAll(".mention").length, 0);
    assert.equal(body.textContent, "[@x](mention://robot/3/x)");
  });
});
