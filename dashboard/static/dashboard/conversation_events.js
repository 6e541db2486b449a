// @ts-check
// The conversations page's live events: each goes to the store, the open
// thread, the counts or the agents' presence, as it concerns them.

import { CONVERSATION_EVENTS, EVENT, MESSAGE_TYPE } from "../kit/wire.js";

/**
 * What the router tells the open thread (thread.js `createThread`).
 * @typedef {object} ThreadTarget
 * @property {(conversation: import("../kit/wire.js").Conversation | undefined) => void} conversationChanged
 * @property {(message: import("../kit/wire.js").Message) => void} receiveMessage
 * @property {(on: boolean, data: any) => void} typing
 * @property {() => void} presenceChanged
 * @property {() => void} catchUp
 */

/**
 * @typedef {object} EventTargets
 * @property {import("../kit/store.js").ConversationStore} store
 * @property {import("./conversation_state.js").ListState} state
 * @property {ThreadTarget} thread
 * @property {Pick<import("./conversation_feed.js").ConversationFeed, "refreshCounts" | "refreshMatches" | "fetchConversation" | "catchUp">} feed
 * @property {() => void} render the list
 * @property {() => void} renderAgents
 * @property {() => boolean} [pageVisible] whether the agent sees the page
 */

/**
 * A listener for `ctx.on` that routes the page's events.
 * @param {EventTargets} targets
 * @returns {import("./context.js").Listener}
 */
export function conversationEventRouter({ store, state, thread, feed, render, renderAgents, pageVisible = () => document.visibilityState === "visible" }) {
  return (name, data) => {
    if (CONVERSATION_EVENTS.has(name)) {
      if (store.put(data)) {
        render();
        if (data.id === state.openId) thread.conversationChanged(store.get(data.id));
      }
      feed.refreshCounts();
      // A read marker changes nothing a filter query looks at.
      if (state.advanced && name !== EVENT.CONVERSATION_READ) feed.refreshMatches();
    } else if (name === EVENT.MESSAGE_CREATED) {
      const open = data.conversation_id === state.openId && pageVisible();
      if (!store.applyMessage(data, { unseen: !open })) feed.fetchConversation(data.conversation_id);
      if (data.conversation_id === state.openId) thread.receiveMessage(data);
      render();
      if (data.message_type === MESSAGE_TYPE.INCOMING) feed.refreshCounts();
    } else if (name === EVENT.MESSAGE_UPDATED) {
      if (store.replaceMessage(data)) render();
      if (data.conversation_id === state.openId) thread.receiveMessage(data);
    } else if (name === EVENT.CONVERSATION_TYPING_ON || name === EVENT.CONVERSATION_TYPING_OFF) {
      thread.typing(name === EVENT.CONVERSATION_TYPING_ON, data);
    } else if (name === "presence.changed") {
      render();
      renderAgents();
      thread.presenceChanged();
    } else if (name === "cable.connected" && data.reconnected && data.disconnectedAt) {
      feed.catchUp(data.disconnectedAt);
      thread.catchUp();
    }
  };
}
