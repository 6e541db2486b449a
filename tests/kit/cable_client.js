// @ts-check
/// <reference path="../js/untyped_packages.d.ts" />
// Follows a RoomChannel with the kit's cable client (common/static/kit/cable.js)
// in Node, as the dashboard and the widget do in a browser.
//
//   node cable_client.js <cable url> <identifier JSON> [seconds]
//
// Prints one JSON line per step: {"step": "connected", "reconnected": ...},
// {"step": "disconnected"}, {"step": "event", "name": ..., "data": ...}.
// Reads commands from stdin, one a line: "offline" and "online" fire the
// browser's network events the client listens to; "close" ends. Exits 1
// after `seconds` (30 by default).
import readline from "node:readline";

import WebSocket from "ws";

// What the client finds in a browser: a WebSocket, and window events.
const page = new EventTarget();
const browser = /** @type {any} */ (globalThis);
browser.WebSocket = WebSocket;
browser.addEventListener = page.addEventListener.bind(page);
browser.removeEventListener = page.removeEventListener.bind(page);
// The ActionCable client reads the WebSocket class when it loads.
const { subscribe } = await import("../../common/static/kit/cable.js");

const [url, identifierJson, seconds = "30"] = process.argv.slice(2);
/** @param {object} fields */
const report = (fields) => process.stdout.write(`${JSON.stringify(fields)}\n`);

setTimeout(() => {
  report({ step: "timeout" });
  process.exit(1);
}, Number(seconds) * 1000).unref();

const cable = subscribe({
  url,
  identifier: JSON.parse(identifierJson),
  presenceSeconds: 30,
  onEvent: (name, data) => report({ step: "event", name, data }),
  onConnected: ({ reconnected }) => report({ step: "connected", reconnected }),
  onDisconnected: () => report({ step: "disconnected" }),
  onRejected: () => report({ step: "rejected" }),
});

for await (const line of readline.createInterface({ input: process.stdin })) {
  if (line === "close") break;
  page.dispatchEvent(new Event(line));
}
cable.close();
process.exit(0);
