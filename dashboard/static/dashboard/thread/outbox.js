// @ts-check
// Sending the composer's messages: each shows at once as a pending copy and
// goes out after the ones before it, so the customer gets them in the order
// typed. A failed one stays in the thread, marked, to be sent again.

import { MESSAGE_TYPE, newEchoId } from "../../kit/wire.js";
import { toast } from "../dom.js";
import { gettext, interpolate } from "../i18n.js";
import { reason } from "./state.js";

/** @typedef {import("../../kit/wire.js").Message} Message */
/** @typedef {import("./state.js").ThreadState} ThreadState */
/** @typedef {import("./state.js").ThreadContext} ThreadContext */

/**
 * The pending copy of what the agent wrote, shown until the server's answers.
 * @param {{content: string, files: File[], note: boolean, target: Message | null, user: {id: number, name: string}, conversationId: number}} options
 *   `target` the message replied to
 * @returns {Message}
 */
export function pendingMessage({ content, files, note, target, user, conversationId }) {
  return {
    echo_id: newEchoId(),
    content,
    private: note,
    message_type: MESSAGE_TYPE.OUTGOING,
    created_at: Math.floor(Date.now() / 1000),
    sender: { id: user.id, name: user.name, available_name: user.name },
    pending: true,
    files,
    content_attributes: target
      ? {
          in_reply_to: target.id,
          reply_to: { id: target.id, content: (target.content || "").slice(0, 200), content_type: target.content_type, sender_name: target.sender ? target.sender.available_name || target.sender.name : "", message_type: target.message_type },
        }
      : {},
    conversationId,
  };
}

/**
 * The request body for a pending message: JSON, or a form with its files.
 * @param {Message} local
 * @returns {Record<string, unknown> | FormData}
 */
export function requestBody(local) {
  const inReplyTo = local.content_attributes && local.content_attributes.in_reply_to;
  const attributes = inReplyTo ? { content_attributes: { in_reply_to: inReplyTo } } : {};
  const files = local.files || [];
  if (!files.length) return { content: local.content, private: local.private, echo_id: local.echo_id, ...attributes };
  const body = new FormData();
  body.append("content", local.content || "");
  body.append("private", String(local.private));
  body.append("echo_id", local.echo_id || "");
  if (inReplyTo) body.append("content_attributes", JSON.stringify(attributes.content_attributes));
  files.forEach((file) => body.append("attachments[]", file));
  return body;
}

/**
 * @param {ThreadContext} ctx
 * @param {{state: ThreadState, redraw: () => void}} options `redraw` draws the open thread's messages
 * @returns {{send: (local: Message) => void, retry: (local: Message) => void}}
 */
export function createOutbox(ctx, { state, redraw }) {
  let queue = Promise.resolve();

  /** @param {Message} local a pending message */
  async function deliver(local) {
    const id = local.conversationId;
    try {
      const message = await ctx.api.post(`conversations/${id}/messages`, requestBody(local));
      if (id === state.openId) state.messages.put(message.payload || message);
    } catch (error) {
      local.pending = false;
      local.failed = true;
      toast(interpolate(gettext("Message not sent: %(reason)s"), { reason: reason(error) }));
    }
    if (id === state.openId) redraw();
  }

  /** @param {Message} local a pending message, already shown */
  function send(local) {
    queue = queue.then(() => deliver(local));
  }

  /** @param {Message} local a message that failed to send */
  function retry(local) {
    local.failed = false;
    local.pending = true;
    redraw();
    send(local);
  }

  return { send, retry };
}
