// @ts-check
/// <reference path="./untyped_packages.d.ts" />
// Subscribes to OneChat's /cable with the official @rails/actioncable client and
// waits for one event, as the dashboard and integrators do.
//
//   node receive_message.cjs <cable url> <identifier params JSON> <event name>
//
// Prints one JSON line per step ({"step": "connected"}, {"step": "presence", ...},
// {"step": "received", "message": ...}) and exits 0 once the event arrived,
// 1 on rejection, disconnection or after 20 s.

// What the client finds in a browser: a WebSocket, and window events.
const browser = /** @type {any} */ (globalThis);
browser.WebSocket = require("ws");
// The client watches page visibility; Node has no page.
browser.addEventListener ??= () => {};
browser.removeEventListener ??= () => {};

const { createConsumer } = require("@rails/actioncable");

const [url, paramsJson, eventName] = process.argv.slice(2);
const params = JSON.parse(paramsJson);
/** @param {object} fields */
const report = (fields) => process.stdout.write(`${JSON.stringify(fields)}\n`);

const consumer = createConsumer(url);
/** @param {number} code */
const finish = (code) => {
  consumer.disconnect();
  process.exit(code);
};
setTimeout(() => {
  report({ step: "timeout" });
  finish(1);
}, 20000);

const subscription = consumer.subscriptions.create(params, {
  connected() {
    report({ step: "connected", protocol: consumer.connection.getProtocol() });
    subscription.perform("update_presence");
  },
  rejected() {
    report({ step: "rejected" });
    finish(1);
  },
  disconnected() {
    report({ step: "disconnected" });
  },
  /** @param {{event: string, data: unknown}} message */
  received(message) {
    if (message.event === "presence.update") {
      report({ step: "presence", data: message.data });
    } else if (message.event === eventName) {
      report({ step: "received", message });
      finish(0);
    }
  },
});
