// The widget's /cable subscription with the contact's pubsub token.
import { createConsumer } from "../vendor/actioncable/actioncable.esm.js";

// The contract allows 20-60 s between presence pings from a widget.
const PRESENCE_SECONDS = 30;

/**
 * Follow the contact session's events. `onConnected` runs on every
 * (re)connection so the caller can fetch what it missed while away.
 */
export function follow({ path, pubsubToken, onEvent, onConnected, onDisconnected }) {
  const url = new URL(path, window.location.href);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  const consumer = createConsumer(url.toString());
  const subscription = consumer.subscriptions.create(
    { channel: "RoomChannel", pubsub_token: pubsubToken },
    {
      connected() {
        this.perform("update_presence");
        onConnected();
      },
      disconnected() { onDisconnected(); },
      rejected() { onDisconnected(); },
      received(frame) {
        if (frame && frame.event) onEvent(frame.event, frame.data || {});
      },
    },
  );
  const timer = setInterval(() => subscription.perform("update_presence"), PRESENCE_SECONDS * 1000);
  return {
    close() {
      clearInterval(timer);
      consumer.disconnect();
    },
  };
}
