// @ts-check
// Chats between the agents of the account: a panel on every dashboard page.
// Live over the agent's own /cable subscription (agent_chat.* events); the
// actions offered are the chat's capabilities.

import { listOf } from "../kit/http.js";
import { agentChatList } from "./agent_chat_list.js";
import { newChatForm } from "./agent_chat_new.js";
import { applyChatEvent, createChatState, unreadTotal } from "./agent_chat_state.js";
import { createChatView } from "./agent_chat_view.js";
import { h, reasonOf, replaceChildren, toast } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";

/** @typedef {import("./agent_chat_list.js").AgentChat} AgentChat */

/**
 * Put the Team chat toggle in the top bar and its panel on the page.
 * @param {import("./context.js").DashboardContext} ctx
 */
export function mount(ctx) {
  const userId = ctx.config.user.id;
  const state = createChatState();
  /** @type {import("./agent_chat_view.js").ChatView | null} */
  let view = null;

  const badge = h("span", { class: "chip unread-total", hidden: true });
  const toggle = h("button", { type: "button", class: "button small agent-chat-toggle", "aria-expanded": "false", onclick: () => setOpen(panel.hidden) }, gettext("Team chat"), " ", badge);
  const body = h("div", { class: "agent-chat-body" });
  const panel = h("aside", { class: "agent-chat-panel", "aria-label": gettext("Team chat"), hidden: true }, body);
  document.querySelector(".topbar-tools")?.prepend(toggle);
  document.body.append(panel);

  /** @param {boolean} open */
  function setOpen(open) {
    panel.hidden = !open;
    toggle.setAttribute("aria-expanded", String(open));
    if (open) render();
  }

  async function load() {
    try {
      const [list, members] = await Promise.all([ctx.api.get("agent_chats"), ctx.api.get("agents")]);
      for (const chat of list.payload) state.chats.set(chat.id, chat);
      // Invited agents who have not joined yet cannot chat.
      state.agents = listOf(members).filter((a) => a.id !== userId && a.confirmed !== false);
      render();
    } catch (error) {
      toast(interpolate(gettext("Could not load team chats: %(reason)s"), reasonOf(error)));
    }
  }

  function render() {
    const total = unreadTotal(state);
    badge.hidden = total === 0;
    badge.textContent = String(total);
    if (panel.hidden) return;
    const chat = state.openId === null ? undefined : state.chats.get(state.openId);
    if (chat) return renderChat(chat, view && view.id === chat.id ? view.q : "");
    replaceChildren(
      body,
      h("h2", {}, gettext("Team chat")),
      newChatForm(ctx, state.agents, (started) => {
        state.chats.set(started.id, started);
        openChat(started.id);
      }),
      state.chats.size ? null : h("p", { class: "muted" }, gettext("No chats yet.")),
      agentChatList(state.chats.values(), { userId, onOpen: (id) => openChat(id) }),
    );
  }

  /**
   * @param {AgentChat} chat
   * @param {string} q
   */
  function renderChat(chat, q) {
    if (!(view && view.id === chat.id && view.state === chat.state && view.q === q && view.isShown())) {
      view = createChatView(ctx, body, chat, q, {
        onBack: () => ((state.openId = null), render()),
        onSearch: (text) => openChat(chat.id, text),
        onComplete: () => complete(chat),
      });
    }
    view.update(state.messages, state.typing.values());
  }

  /**
   * @param {number} id
   * @param {string} [q] a search in its messages
   */
  async function openChat(id, q = "") {
    state.openId = id;
    state.typing.clear();
    try {
      const page = await ctx.api.get(`agent_chats/${id}/messages${q ? `?q=${encodeURIComponent(q)}` : ""}`);
      if (state.openId !== id) return;
      state.messages = page.payload;
      await markRead(id);
      const chat = state.chats.get(id);
      if (chat) renderChat(chat, q);
    } catch (error) {
      toast(interpolate(gettext("Could not open the chat: %(reason)s"), reasonOf(error)));
    }
  }

  /** @param {number} id */
  async function markRead(id) {
    await ctx.api.post(`agent_chats/${id}/read`);
    const chat = state.chats.get(id);
    if (chat) chat.unread_count = 0;
    render();
  }

  /** @param {AgentChat} chat */
  async function complete(chat) {
    try {
      state.chats.set(chat.id, { ...(await ctx.api.post(`agent_chats/${chat.id}/complete`)), unread_count: 0 });
      render();
    } catch (error) {
      toast(interpolate(gettext("Could not complete the chat: %(reason)s"), reasonOf(error)));
    }
  }

  ctx.on((name, data) => {
    if (name === "cable.connected" && data.reconnected) return void load();
    const { changed, read } = applyChatEvent(state, name, data, { userId, viewing: !panel.hidden });
    if (read !== undefined) markRead(read).catch(() => {});
    if (changed) render();
  });

  load();
}
