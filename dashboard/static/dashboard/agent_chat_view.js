// @ts-check
// One chat between agents: its head, search, messages, who is typing and the
// composer. Built once per chat, state and search; later events only refill
// the messages and the typing line, so a draft being written is never lost.

import { createTypingSignal } from "../kit/typing.js";
import { chatTitle } from "./agent_chat_list.js";
import { formatTime, h, reasonOf, replaceChildren, toast } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";

/** @typedef {import("./agent_chat_list.js").AgentChat} AgentChat */
/** @typedef {import("./agent_chat_list.js").AgentChatMessage} AgentChatMessage */

/**
 * @typedef {object} ChatView
 * @property {() => boolean} isShown whether the panel still shows this view
 * @property {number} id the chat's id
 * @property {string} state the chat's state when drawn
 * @property {string} q the search it shows
 * @property {(messages: AgentChatMessage[], typing: Iterable<string>) => void} update
 */

/**
 * Draw the chat in `body`, the panel's content.
 * @param {import("./context.js").DashboardContext} ctx
 * @param {HTMLElement} body
 * @param {AgentChat} chat
 * @param {string} q the search the messages answer, "" for all
 * @param {{onBack: () => void, onSearch: (q: string) => void, onComplete: () => void}} handlers
 * @returns {ChatView}
 */
export function createChatView(ctx, body, chat, q, { onBack, onSearch, onComplete }) {
  const userId = ctx.config.user.id;
  const can = /** @param {string} name */ (name) => chat.capabilities.includes(name);
  const typingPath = `agent_chats/${chat.id}/typing`;
  const typingSignal = createTypingSignal((on) => {
    ctx.api.post(typingPath, { typing_status: on ? "on" : "off" }).catch(() => {});
  });
  const search = h("input", { type: "search", "aria-label": gettext("Search this chat"), placeholder: gettext("Search this chat"), value: q });
  search.addEventListener("keydown", (event) => event.key === "Enter" && onSearch(search.value.trim()));
  const input = h("textarea", { rows: 2, "aria-label": gettext("Message to agents"), class: "agent-chat-input", oninput: typingSignal.input });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey) (event.preventDefault(), send());
  });
  const list = h("ol", { class: "agent-chat-messages", "aria-live": "polite" });
  const typingLine = h("p", { class: "typing-indicator" });
  replaceChildren(
    body,
    h(
      "div",
      { class: "agent-chat-head" },
      h("button", { type: "button", class: "button small", "aria-label": gettext("Back to the chats"), onclick: onBack }, "←"),
      h("h2", {}, chatTitle(chat, userId)),
      can("complete") ? h("button", { type: "button", class: "button small", onclick: onComplete }, gettext("Complete")) : null,
    ),
    h("p", { class: "muted small" }, chat.participants.map((p) => p.available_name).join(", "), chat.state === "completed" ? gettext(" · completed") : ""),
    search,
    list,
    typingLine,
    can("send_message") ? h("form", { class: "agent-chat-compose", onsubmit: (/** @type {Event} */ event) => (event.preventDefault(), send()) }, input, h("button", { type: "submit", class: "button small primary" }, gettext("Send"))) : null,
  );

  async function send() {
    const content = input.value.trim();
    if (!content) return;
    try {
      await ctx.api.post(`agent_chats/${chat.id}/messages`, { content });
      input.value = "";
      typingSignal.stop();
    } catch (error) {
      toast(interpolate(gettext("Could not send: %(reason)s"), reasonOf(error)));
    }
  }

  /** @type {ChatView["update"]} */
  function update(messages, typing) {
    replaceChildren(
      list,
      messages.map((m) =>
        h(
          "li",
          { class: m.sender && m.sender.id === userId ? "mine" : "" },
          h("span", { class: "muted small" }, `${m.sender ? m.sender.available_name : "?"} ${formatTime(m.created_at)}`),
          h("p", {}, m.content),
        ),
      ),
    );
    typingLine.textContent = [...typing].map((name) => interpolate(gettext("%(name)s is typing…"), { name })).join(" ");
    list.scrollTop = list.scrollHeight;
  }

  return { isShown: () => body.contains(list), id: chat.id, state: chat.state, q, update };
}
