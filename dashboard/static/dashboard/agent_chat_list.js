// @ts-check
// Team chat's list of chats: latest activity first, each with its unread count.

import { h } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";

/**
 * A chat between agents (agent_chats/serializers.py).
 * @typedef {object} AgentChat
 * @property {number} id
 * @property {string} [topic]
 * @property {number | null} [conversation_id] the conversation it is about, if any
 * @property {{id: number, available_name: string}[]} participants
 * @property {"active" | "completed" | string} state
 * @property {string[]} capabilities what the signed-in agent may do in it
 * @property {number} [unread_count]
 * @property {number} last_activity_at epoch seconds
 */

/**
 * A message of a chat between agents.
 * @typedef {object} AgentChatMessage
 * @property {number} id
 * @property {number} chat_id
 * @property {string} content
 * @property {number} created_at epoch seconds
 * @property {{id: number, available_name: string} | null} [sender]
 */

/**
 * The chat's topic, else who else takes part; and the conversation it is about.
 * @param {AgentChat} chat
 * @param {number} userId the signed-in agent
 * @returns {string}
 */
export function chatTitle(chat, userId) {
  const others = chat.participants.filter((p) => p.id !== userId).map((p) => p.available_name);
  const about = chat.conversation_id ? interpolate(gettext(" · about #%(id)s"), { id: chat.conversation_id }) : "";
  return `${chat.topic || others.join(", ")}${about}`;
}

/**
 * The chats, latest activity first.
 * @param {Iterable<AgentChat>} chats
 * @returns {AgentChat[]}
 */
export function sortedChats(chats) {
  return [...chats].sort((a, b) => b.last_activity_at - a.last_activity_at);
}

/**
 * The list of chats; choosing one calls `onOpen` with its id.
 * @param {Iterable<AgentChat>} chats
 * @param {{userId: number, onOpen: (id: number) => void}} options
 * @returns {HTMLUListElement}
 */
export function agentChatList(chats, { userId, onOpen }) {
  return h(
    "ul",
    { class: "agent-chat-list" },
    sortedChats(chats).map((chat) =>
      h(
        "li",
        {},
        h(
          "button",
          { type: "button", class: "agent-chat-item", "data-chat-id": chat.id, onclick: () => onOpen(chat.id) },
          h("span", {}, chatTitle(chat, userId)),
          chat.state === "completed" ? h("span", { class: "muted small" }, gettext(" (completed)")) : null,
          chat.unread_count ? h("span", { class: "chip unread" }, String(chat.unread_count)) : null,
        ),
      ),
    ),
  );
}
