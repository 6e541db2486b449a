// @ts-check
// The kit's JSON calls against a real HTTP server on loopback.
import assert from "node:assert/strict";
import http from "node:http";
import { after, before, describe, it } from "node:test";

import { ApiError, STALE, listOf, newestOnly, query, request } from "../../common/static/kit/http.js";

/** @type {Record<string, [number, string, string]>} path -> status, type, body */
const ANSWERS = {
  "/ok": [200, "application/json", JSON.stringify({ id: 1 })],
  "/empty": [204, "application/json", ""],
  "/refused": [403, "application/json", JSON.stringify({ error: "You may not do that." })],
  "/invalid": [400, "application/json", JSON.stringify({ content: ["This field is required."], echo_id: "Too long." })],
  "/proxy": [502, "text/html", "<html>Bad Gateway</html>"],
};

/** @type {http.Server} */
let server;
let base = "";
/** @type {{method: string | undefined, type: string | undefined, body: string}[]} */
const received = [];

before(async () => {
  server = http.createServer((incoming, outgoing) => {
    let body = "";
    incoming.on("data", (chunk) => (body += chunk));
    incoming.on("end", () => {
      received.push({ method: incoming.method, type: incoming.headers["content-type"], body });
      const [status, type, text] = ANSWERS[incoming.url ?? ""] || [404, "application/json", '{"error": "Not found."}'];
      outgoing.writeHead(status, { "Content-Type": type });
      outgoing.end(text);
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(undefined)));
  const address = /** @type {import("node:net").AddressInfo} */ (server.address());
  base = `http://127.0.0.1:${address.port}`;
});

after(() => server.close());

describe("request", () => {
  it("sends JSON and resolves to the decoded answer", async () => {
    assert.deepEqual(await request("POST", `${base}/ok`, { content: "hi" }), { id: 1 });
    const last = received.at(-1);
    assert.ok(last);
    assert.equal(last.type, "application/json");
    assert.deepEqual(JSON.parse(last.body), { content: "hi" });
  });

  it("resolves to null for an empty answer", async () => {
    assert.equal(await request("POST", `${base}/empty`), null);
  });

  it("throws the server's error message with the status", async () => {
    await assert.rejects(request("GET", `${base}/refused`), (error) => {
      assert.ok(error instanceof ApiError);
      assert.equal(error.status, 403);
      assert.equal(error.message, "You may not do that.");
      return true;
    });
  });

  it("joins field errors into one message", async () => {
    await assert.rejects(request("POST", `${base}/invalid`, {}), {
      status: 400,
      message: "content: This field is required.; echo_id: Too long.",
    });
  });

  it("keeps the start of an answer that is not JSON", async () => {
    await assert.rejects(request("GET", `${base}/proxy`), { status: 502, message: "<html>Bad Gateway</html>" });
  });

  it("reports a refused connection as status 0", async () => {
    await assert.rejects(request("GET", "http://127.0.0.1:1/"), { status: 0 });
  });
});

describe("query and listOf", () => {
  it("leaves out parameters without a value", () => {
    assert.equal(query({ after: 5, before: null, q: "", status: undefined, page: 0 }), "?after=5&page=0");
    assert.equal(query({}), "");
  });

  it("reads each of the list shapes", () => {
    assert.deepEqual(listOf([1]), [1]);
    assert.deepEqual(listOf({ payload: [2] }), [2]);
    assert.deepEqual(listOf({ data: { payload: [3] } }), [3]);
    assert.deepEqual(listOf({ error: "x" }), []);
  });
});

describe("newestOnly", () => {
  it("passes on the newest read's answer and marks an older one arriving later stale", async () => {
    const newest = newestOnly();
    /** @type {(value: string) => void} */
    let answerFirst = () => {};
    const first = newest(new Promise((resolve) => (answerFirst = resolve)));
    const second = newest(Promise.resolve("after the save"));
    assert.equal(await second, "after the save");
    answerFirst("on opening");
    assert.equal(await first, STALE);
  });

  it("passes on every answer of reads made one after the other", async () => {
    const newest = newestOnly();
    assert.equal(await newest(Promise.resolve(1)), 1);
    assert.equal(await newest(Promise.resolve(2)), 2);
  });
});
