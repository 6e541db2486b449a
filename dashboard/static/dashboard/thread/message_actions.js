// @ts-check
// What the agent does to messages already in the thread: react, edit,
// delete, and load earlier ones. The server decides what is allowed
// (conversations/editing.py); a refusal shows as a toast.

import { listOf, query } from "../../kit/http.js";
import { toast } from "../dom.js";
import { gettext, interpolate } from "../i18n.js";
import { reason } from "./state.js";

/** @typedef {import("../../kit/wire.js").Message} Message */
/** @typedef {import("./state.js").ThreadState} ThreadState */
/** @typedef {import("./state.js").ThreadContext} ThreadContext */
/** @typedef {import("./message_list.js").ListActions} ListActions */

/** A page of messages holds this many; a full page may have earlier ones. */
export const PAGE_SIZE = 20;

/**
 * Take a page of messages into the thread's state.
 * @param {ThreadState} state
 * @param {unknown} page a REST answer listing messages
 */
export function takePage(state, page) {
  const list = /** @type {Message[]} */ (listOf(page));
  list.forEach((m) => state.messages.put(m));
  state.hasOlder = list.length >= PAGE_SIZE;
}

/**
 * @param {ThreadContext} ctx
 * @param {{state: ThreadState, redraw: () => void, focusEditor: () => void, reply: (m: Message) => void, retry: (m: Message) => void}} options
 *   `redraw` draws the messages, `focusEditor` focuses the edit form, `reply` makes the composer reply
 * @returns {ListActions}
 */
export function createMessageActions(ctx, { state, redraw, focusEditor, reply, retry }) {
  /**
   * @param {string} format a message with %(reason)s
   * @param {unknown} error
   */
  const fail = (format, error) => toast(interpolate(format, { reason: reason(error) }));

  return {
    retry,
    reply,
    async react(m, emoji) {
      try {
        // The target's new reactions arrive as its message.updated.
        await ctx.api.post(`conversations/${state.openId}/messages`, {
          content: emoji,
          content_type: "reaction",
          content_attributes: { in_reply_to: m.id },
          private: Boolean(m.private),
        });
      } catch (error) {
        fail(gettext("Could not react: %(reason)s"), error);
      }
    },
    startEdit(m) {
      state.editingId = m.id ?? null;
      state.editDraft = m.content || "";
      redraw();
      focusEditor();
    },
    async saveEdit(m, content) {
      try {
        state.messages.put(await ctx.api.patch(`conversations/${state.openId}/messages/${m.id}`, { content }));
        state.editingId = null;
        redraw();
      } catch (error) {
        fail(gettext("Could not edit: %(reason)s"), error);
      }
    },
    cancelEdit() {
      state.editingId = null;
      redraw();
    },
    async remove(m) {
      if (!confirm(gettext("Delete this message? Everyone in the conversation will see that it was deleted."))) return;
      try {
        state.messages.put(await ctx.api.delete(`conversations/${state.openId}/messages/${m.id}`));
        redraw();
      } catch (error) {
        fail(gettext("Could not delete: %(reason)s"), error);
      }
    },
    async loadOlder() {
      const id = state.openId;
      const first = state.messages.firstId();
      if (!first) return;
      const data = await ctx.api.get(`conversations/${id}/messages${query({ before: first })}`);
      if (id !== state.openId) return;
      takePage(state, data);
      redraw();
    },
  };
}
