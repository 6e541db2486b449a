// @ts-check
// Replies the visitor has not seen: counted for the launcher's badge on the
// host page while the chat is closed or the tab hidden, else marked seen.
import { isReaction } from "../kit/reactions.js";
import { MESSAGE_TYPE } from "../kit/wire.js";

/** @typedef {import("../kit/wire.js").Message} Message */

/**
 * The unread count and the "seen" mark.
 * @param {object} parts
 * @param {import("./state.js").WidgetState} parts.state
 * @param {() => Promise<unknown>} parts.markSeen tells the server the visitor read the thread
 * @param {(type: string, data?: Record<string, unknown>) => void} parts.post to the host page
 * @param {() => void} parts.scrollToEnd
 */
export function createUnread({ state, markSeen, post, scrollToEnd }) {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let seenTimer;

  /** @param {number} count */
  function setUnread(count) {
    state.unread = count;
    post("unread", { count });
  }

  function markSeenSoon() {
    clearTimeout(seenTimer);
    seenTimer = setTimeout(() => {
      if (state.conversation) markSeen().catch(() => {});
    }, 500);
  }

  /** @param {Message[]} added messages new to the thread */
  function noteNew(added) {
    const replies = added.filter((message) => message.message_type !== MESSAGE_TYPE.INCOMING && !isReaction(message));
    if (!replies.length) return;
    if (state.open && !document.hidden) markSeenSoon();
    else setUnread(state.unread + replies.length);
    scrollToEnd();
  }

  return { setUnread, markSeenSoon, noteNew };
}
