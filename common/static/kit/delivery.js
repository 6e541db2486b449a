// @ts-check
// Delivery of a message (`status`): sent, delivered, read, or failed with its
// reason in `content_attributes.external_error`. It never goes back.

import { attributesOf, text } from "./rich.js";

/** @typedef {import("./wire.js").Message} Message */

/** A message's delivery `status`, in the only order it moves. */
export const DELIVERY_STATUS = Object.freeze(["sent", "delivered", "read", "failed"]);

/** The ticks of each delivery status (the page adds words and colour). */
export const DELIVERY_TICKS = Object.freeze({ sent: "✓", delivered: "✓✓", read: "✓✓", failed: "⚠" });

/**
 * The delivery status a message shows ("sent", "delivered", "read",
 * "failed"), "" when it has none; with the failure's reason.
 * @param {Message & {status?: string}} message
 * @returns {{status: string, reason: string}}
 */
export function deliveryState(message) {
  const status = message.status && DELIVERY_STATUS.includes(message.status) ? message.status : "";
  return { status, reason: status === "failed" ? text(attributesOf(message).external_error) : "" };
}

/**
 * When the other side read a message (its `seen_at`, epoch seconds), null
 * before or when the payload has none.
 * @param {Message} message
 * @returns {number | null}
 */
export function seenAt(message) {
  const at = message && message.seen_at;
  return typeof at === "number" && Number.isFinite(at) && at > 0 ? at : null;
}

/**
 * Whether delivery `next` is further on than `held` (status never goes back).
 * @param {string | undefined} next
 * @param {string | undefined} held
 */
export function isLaterDelivery(next, held) {
  return DELIVERY_STATUS.indexOf(next ?? "") > DELIVERY_STATUS.indexOf(held ?? "");
}
