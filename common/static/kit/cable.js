// @ts-check
// A RoomChannel subscription on /cable through the official ActionCable client,
// with what OneChat adds: presence pings, and after a reconnect a `catch_up`
// from the last `seq` this subscription handled, so the server replays what it
// missed. Callers still reload over REST on reconnect and merge by id: a replay
// that no longer reaches back far enough then loses nothing.

import { createConsumer } from "../vendor/actioncable/actioncable.esm.js";
import { CHANNEL } from "./wire.js";

/** @typedef {import("./wire.js").CableFrame} CableFrame */
/** @typedef {import("./wire.js").RoomIdentifier} RoomIdentifier */

/**
 * @typedef {object} Reconnection
 * @property {boolean} reconnected false on the first connection
 * @property {number | null} disconnectedAt epoch ms when the socket went away
 */

/**
 * @typedef {object} CableOptions
 * @property {string} [url] the /cable path or ws(s) URL
 * @property {RoomIdentifier} identifier
 * @property {number} presenceSeconds between `update_presence` pings
 * @property {(name: string, data: any) => void} onEvent
 * @property {(reconnection: Reconnection) => void} [onConnected]
 * @property {() => void} [onDisconnected]
 * @property {() => void} [onRejected]
 */

/**
 * @typedef {object} Cable
 * @property {(action: string, data?: object) => void} perform
 * @property {() => void} close
 */

/**
 * Subscribe to RoomChannel with `identifier` and follow its events.
 * @param {CableOptions} options
 * @returns {Cable}
 */
export function subscribe({
  url = "/cable",
  identifier,
  presenceSeconds,
  onEvent,
  onConnected = () => {},
  onDisconnected = () => {},
  onRejected = () => {},
}) {
  const consumer = createConsumer(url);
  let everConnected = false;
  /** @type {number | null} */
  let disconnectedAt = null;
  /** @type {ReturnType<typeof setInterval> | undefined} */
  let presenceTimer;
  // The last `seq` handled: /cable replays what came after it.
  /** @type {number | null} */
  let lastSeq = null;

  const subscription = consumer.subscriptions.create(
    { channel: CHANNEL, ...identifier },
    {
      connected() {
        const reconnected = everConnected;
        everConnected = true;
        const since = disconnectedAt;
        disconnectedAt = null;
        if (reconnected && lastSeq !== null) subscription.perform("catch_up", { after: lastSeq });
        sendPresence();
        clearInterval(presenceTimer);
        presenceTimer = setInterval(sendPresence, presenceSeconds * 1000);
        onConnected({ reconnected, disconnectedAt: since });
      },
      disconnected() {
        clearInterval(presenceTimer);
        if (disconnectedAt === null) disconnectedAt = Date.now();
        onDisconnected();
      },
      rejected() {
        onRejected();
      },
      /** @param {CableFrame} frame */
      received(frame) {
        if (!frame || !frame.event) return;
        if (typeof frame.seq === "number") lastSeq = Math.max(lastSeq ?? 0, frame.seq);
        onEvent(frame.event, frame.data || {});
      },
    },
  );

  function sendPresence() {
    subscription.perform("update_presence");
  }

  // The client notices a dead socket only after its stale threshold; the
  // browser knows sooner when the network itself goes away or comes back.
  const wentOffline = () => {
    if (consumer.connection.isOpen()) consumer.connection.close({ allowReconnect: true });
  };
  const cameOnline = () => consumer.connection.reopen();
  addEventListener("offline", wentOffline);
  addEventListener("online", cameOnline);

  return {
    perform: (action, data = {}) => subscription.perform(action, data),
    close() {
      clearInterval(presenceTimer);
      removeEventListener("offline", wentOffline);
      removeEventListener("online", cameOnline);
      consumer.disconnect();
    },
  };
}
