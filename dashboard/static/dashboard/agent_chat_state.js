// @ts-check
// What Team chat holds: the chats, the open one's messages and who is typing
// there, and what a live agent_chat.* event changes in it.

import { EVENT } from "../kit/wire.js";

/** @typedef {import("./agent_chat_list.js").AgentChat} AgentChat */
/** @typedef {import("./agent_chat_list.js").AgentChatMessage} AgentChatMessage */

/**
 * @typedef {object} AgentChatState
 * @property {Map<number, AgentChat>} chats by id
 * @property {number | null} openId the chat shown, if any
 * @property {AgentChatMessage[]} messages the open chat's
 * @property {Map<number, string>} typing who is typing in the open chat: user id to name
 * @property {import("./context.js").Agent[]} agents the account's agents but the signed-in one
 */

/** @returns {AgentChatState} */
export function createChatState() {
  return { chats: new Map(), openId: null, messages: [], typing: new Map(), agents: [] };
}

/**
 * @param {AgentChatState} state
 * @returns {number} unread messages over all chats
 */
export function unreadTotal(state) {
  return [...state.chats.values()].reduce((sum, chat) => sum + (chat.unread_count || 0), 0);
}

/**
 * Take a live event into `state`.
 * @param {AgentChatState} state
 * @param {string} name the event
 * @param {any} data its payload
 * @param {{userId: number, viewing: boolean}} options the signed-in agent; whether the open chat is on screen
 * @returns {{changed: boolean, read?: number}} whether to redraw; a chat now read
 */
export function applyChatEvent(state, name, data, { userId, viewing }) {
  if (name === EVENT.AGENT_CHAT_CREATED || name === EVENT.AGENT_CHAT_UPDATED) {
    const known = state.chats.get(data.id);
    state.chats.set(data.id, { ...data, unread_count: known ? known.unread_count : 0 });
    return { changed: true };
  }
  if (name === EVENT.AGENT_CHAT_MESSAGE_CREATED) return takeMessage(state, data, { userId, viewing });
  if (name === EVENT.AGENT_CHAT_TYPING_ON || name === EVENT.AGENT_CHAT_TYPING_OFF) {
    if (data.chat_id !== state.openId) return { changed: false };
    if (name === EVENT.AGENT_CHAT_TYPING_ON) state.typing.set(data.user.id, data.user.available_name);
    else state.typing.delete(data.user.id);
    return { changed: true };
  }
  return { changed: false };
}

/**
 * A new message: shown in the open chat (and read), else counted unread.
 * @param {AgentChatState} state
 * @param {AgentChatMessage} message
 * @param {{userId: number, viewing: boolean}} options
 * @returns {{changed: boolean, read?: number}}
 */
function takeMessage(state, message, { userId, viewing }) {
  const chat = state.chats.get(message.chat_id);
  if (!chat) return { changed: false };
  chat.last_activity_at = message.created_at;
  const mine = Boolean(message.sender && message.sender.id === userId);
  if (message.sender) state.typing.delete(message.sender.id);
  if (message.chat_id === state.openId && viewing) {
    if (!state.messages.some((m) => m.id === message.id)) state.messages.push(message);
    return mine ? { changed: true } : { changed: true, read: message.chat_id };
  }
  if (!mine) chat.unread_count = (chat.unread_count || 0) + 1;
  return { changed: true };
}
