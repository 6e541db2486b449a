// The dashboard's /cable subscription, with the official ActionCable client.

import { createConsumer } from "../vendor/actioncable/actioncable.esm.js";

const PRESENCE_INTERVAL_MS = 20_000;

// Listeners receive (eventName, data). "cable.connected" (with
// {reconnected, disconnectedAt}) and "cable.disconnected" report the socket.
// After a reconnect the server replays missed events (`catch_up`); pages also
// reload what changed over REST, and merge both by id, so a replay that no
// longer reaches back far enough loses nothing.
export function connectCable(config, listeners) {
  const emit = (name, data) => {
    for (const listener of listeners) listener(name, data);
  };
  const consumer = createConsumer("/cable");
  let everConnected = false;
  let disconnectedAt = null;
  let presenceTimer = null;
  // Sequence number of the last event handled: /cable replays what came after it.
  let lastSeq = null;

  const subscription = consumer.subscriptions.create(
    {
      channel: "RoomChannel",
      pubsub_token: config.pubsubToken,
      account_id: config.account.id,
      user_id: config.user.id,
    },
    {
      connected() {
        const reconnected = everConnected;
        everConnected = true;
        const since = disconnectedAt;
        disconnectedAt = null;
        if (reconnected && lastSeq !== null) subscription.perform("catch_up", { after: lastSeq });
        sendPresence();
        clearInterval(presenceTimer);
        presenceTimer = setInterval(sendPresence, PRESENCE_INTERVAL_MS);
        emit("cable.connected", { reconnected, disconnectedAt: since });
      },
      disconnected() {
        clearInterval(presenceTimer);
        if (disconnectedAt === null) disconnectedAt = Date.now();
        emit("cable.disconnected", {});
      },
      rejected() {
        emit("cable.rejected", {});
      },
      received(message) {
        if (!message || !message.event) return;
        if (typeof message.seq === "number") lastSeq = Math.max(lastSeq ?? 0, message.seq);
        emit(message.event, message.data || {});
      },
    },
  );

  function sendPresence() {
    subscription.perform("update_presence");
  }

  // The client notices a dead socket only after its stale threshold; the
  // browser knows sooner when the network itself goes away or comes back.
  addEventListener("offline", () => {
    if (consumer.connection.isOpen()) consumer.connection.close({ allowReconnect: true });
  });
  addEventListener("online", () => consumer.connection.reopen());

  return { consumer, subscription };
}
