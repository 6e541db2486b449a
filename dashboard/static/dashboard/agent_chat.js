// @ts-check
// Chats between the agents of the account: a panel on every dashboard page.
// Live over the agent's own /cable subscription (agent_chat.* events); the
// actions offered are the chat's capabilities.

import { listOf } from "../kit/http.js";
import { EVENT } from "../kit/wire.js";
import { formatTime, h, replaceChildren, toast } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";

const TYPING_STOP_MS = 3000;

export function mount(ctx) {
  const chats = new Map(); // id -> chat
  const typing = new Map(); // user id -> name, in the open chat
  let openId = null;
  let messages = [];
  let agents = [];
  let typingTimer = null;
  // The open chat's drawn frame: later events redraw only its messages and
  // typing line, so a draft being written is never lost.
  let frame = null;

  const badge = h("span", { class: "chip unread-total", hidden: true });
  const toggle = h("button", { type: "button", class: "button small agent-chat-toggle", "aria-expanded": "false", onclick: () => setOpen(panel.hidden) }, gettext("Team chat"), " ", badge);
  const body = h("div", { class: "agent-chat-body" });
  const panel = h("aside", { class: "agent-chat-panel", "aria-label": gettext("Team chat"), hidden: true }, body);
  document.querySelector(".topbar-tools").prepend(toggle);
  document.body.append(panel);

  function setOpen(open) {
    panel.hidden = !open;
    toggle.setAttribute("aria-expanded", String(open));
    if (open) render();
  }

  async function load() {
    try {
      const [list, members] = await Promise.all([ctx.api.get("agent_chats"), ctx.api.get("agents")]);
      for (const chat of list.payload) chats.set(chat.id, chat);
      agents = listOf(members).filter((a) => a.id !== ctx.config.user.id);
      render();
    } catch (error) {
      toast(interpolate(gettext("Could not load team chats: %(reason)s"), { reason: error.message }));
    }
  }

  function title(chat) {
    const others = chat.participants.filter((p) => p.id !== ctx.config.user.id).map((p) => p.available_name);
    const about = chat.conversation_id ? interpolate(gettext(" · about #%(id)s"), { id: chat.conversation_id }) : "";
    return `${chat.topic || others.join(", ")}${about}`;
  }

  function render() {
    const total = [...chats.values()].reduce((sum, c) => sum + (c.unread_count || 0), 0);
    badge.hidden = total === 0;
    badge.textContent = String(total);
    if (panel.hidden) return;
    if (openId && chats.has(openId)) return renderChat(chats.get(openId), frame && frame.id === openId ? frame.q : "");
    renderList();
  }

  // ---- The list and a new chat

  function renderList() {
    const sorted = [...chats.values()].sort((a, b) => b.last_activity_at - a.last_activity_at);
    replaceChildren(
      body,
      h("h2", {}, gettext("Team chat")),
      newChatForm(),
      sorted.length ? null : h("p", { class: "muted" }, gettext("No chats yet.")),
      h(
        "ul",
        { class: "agent-chat-list" },
        sorted.map((chat) =>
          h(
            "li",
            {},
            h(
              "button",
              { type: "button", class: "agent-chat-item", "data-chat-id": chat.id, onclick: () => openChat(chat.id) },
              h("span", {}, title(chat)),
              chat.state === "completed" ? h("span", { class: "muted small" }, gettext(" (completed)")) : null,
              chat.unread_count ? h("span", { class: "chip unread" }, String(chat.unread_count)) : null,
            ),
          ),
        ),
      ),
    );
  }

  function newChatForm() {
    const who = h("select", { multiple: true, "aria-label": gettext("Agents to chat with"), class: "agent-chat-who" }, agents.map((a) => h("option", { value: a.id }, a.available_name)));
    const topic = h("input", { type: "text", "aria-label": gettext("Topic"), placeholder: gettext("Topic (optional)"), maxlength: 255 });
    const open = location.pathname.match(/\/conversations\/(\d+)$/);
    const about = h("input", { type: "number", min: 1, "aria-label": gettext("About conversation"), placeholder: gettext("About conversation #"), value: open ? open[1] : "" });
    return h(
      "form",
      {
        class: "agent-chat-new",
        onsubmit: async (event) => {
          event.preventDefault();
          const userIds = [...who.selectedOptions].map((o) => Number(o.value));
          if (!userIds.length) return toast(gettext("Choose who to chat with."));
          try {
            const chat = await ctx.api.post("agent_chats", { user_ids: userIds, topic: topic.value.trim(), ...(about.value && { conversation_id: Number(about.value) }) });
            chats.set(chat.id, chat);
            openChat(chat.id);
          } catch (error) {
            toast(interpolate(gettext("Could not start the chat: %(reason)s"), { reason: error.message }));
          }
        },
      },
      who,
      topic,
      about,
      h("button", { type: "submit", class: "button small primary" }, gettext("Start chat")),
    );
  }

  // ---- One chat

  async function openChat(id, q = "") {
    openId = id;
    typing.clear();
    try {
      const page = await ctx.api.get(`agent_chats/${id}/messages${q ? `?q=${encodeURIComponent(q)}` : ""}`);
      if (openId !== id) return;
      messages = page.payload;
      await markRead(id);
      renderChat(chats.get(id), q);
    } catch (error) {
      toast(interpolate(gettext("Could not open the chat: %(reason)s"), { reason: error.message }));
    }
  }

  async function markRead(id) {
    await ctx.api.post(`agent_chats/${id}/read`);
    const chat = chats.get(id);
    if (chat) chat.unread_count = 0;
    render();
  }

  function renderChat(chat, q = "") {
    if (frame && frame.id === chat.id && frame.state === chat.state && frame.q === q && body.contains(frame.list)) {
      return fillChat();
    }
    const can = (name) => chat.capabilities.includes(name);
    const search = h("input", { type: "search", "aria-label": gettext("Search this chat"), placeholder: gettext("Search this chat"), value: q });
    search.addEventListener("keydown", (event) => event.key === "Enter" && openChat(chat.id, search.value.trim()));
    const input = h("textarea", { rows: 2, "aria-label": gettext("Message to agents"), class: "agent-chat-input", oninput: sendTyping });
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey) (event.preventDefault(), send(chat, input));
    });
    replaceChildren(
      body,
      h(
        "div",
        { class: "agent-chat-head" },
        h("button", { type: "button", class: "button small", "aria-label": gettext("Back to the chats"), onclick: () => ((openId = null), render()) }, "←"),
        h("h2", {}, title(chat)),
        can("complete") ? h("button", { type: "button", class: "button small", onclick: () => complete(chat) }, gettext("Complete")) : null,
      ),
      h("p", { class: "muted small" }, chat.participants.map((p) => p.available_name).join(", "), chat.state === "completed" ? gettext(" · completed") : ""),
      search,
      h("ol", { class: "agent-chat-messages", "aria-live": "polite" }),
      h("p", { class: "typing-indicator" }),
      can("send_message") ? h("form", { class: "agent-chat-compose", onsubmit: (event) => (event.preventDefault(), send(chat, input)) }, input, h("button", { type: "submit", class: "button small primary" }, gettext("Send"))) : null,
    );
    frame = { id: chat.id, state: chat.state, q, list: body.querySelector(".agent-chat-messages"), typing: body.querySelector(".typing-indicator") };
    fillChat();
  }

  function fillChat() {
    replaceChildren(
      frame.list,
      messages.map((m) => h("li", { class: m.sender && m.sender.id === ctx.config.user.id ? "mine" : "" }, h("span", { class: "muted small" }, `${m.sender ? m.sender.available_name : "?"} ${formatTime(m.created_at)}`), h("p", {}, m.content))),
    );
    frame.typing.textContent = [...typing.values()].map((name) => interpolate(gettext("%(name)s is typing…"), { name })).join(" ");
    frame.list.scrollTop = frame.list.scrollHeight;
  }

  async function send(chat, input) {
    const content = input.value.trim();
    if (!content) return;
    try {
      await ctx.api.post(`agent_chats/${chat.id}/messages`, { content });
      input.value = "";
      stopTyping(chat.id);
    } catch (error) {
      toast(interpolate(gettext("Could not send: %(reason)s"), { reason: error.message }));
    }
  }

  function sendTyping() {
    const id = openId;
    if (!typingTimer) ctx.api.post(`agent_chats/${id}/typing`, { typing_status: "on" }).catch(() => {});
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => stopTyping(id), TYPING_STOP_MS);
  }

  function stopTyping(id) {
    if (!typingTimer) return;
    clearTimeout(typingTimer);
    typingTimer = null;
    ctx.api.post(`agent_chats/${id}/typing`, { typing_status: "off" }).catch(() => {});
  }

  async function complete(chat) {
    try {
      chats.set(chat.id, { ...(await ctx.api.post(`agent_chats/${chat.id}/complete`)), unread_count: 0 });
      render();
    } catch (error) {
      toast(interpolate(gettext("Could not complete the chat: %(reason)s"), { reason: error.message }));
    }
  }

  // ---- Live events

  ctx.on((name, data) => {
    if (name === EVENT.AGENT_CHAT_CREATED || name === EVENT.AGENT_CHAT_UPDATED) {
      const known = chats.get(data.id);
      chats.set(data.id, { ...data, unread_count: known ? known.unread_count : 0 });
      render();
    } else if (name === EVENT.AGENT_CHAT_MESSAGE_CREATED) {
      const chat = chats.get(data.chat_id);
      if (!chat) return;
      chat.last_activity_at = data.created_at;
      const mine = data.sender && data.sender.id === ctx.config.user.id;
      typing.delete(data.sender && data.sender.id);
      if (data.chat_id === openId && !panel.hidden) {
        if (!messages.some((m) => m.id === data.id)) messages.push(data);
        if (!mine) markRead(data.chat_id).catch(() => {});
      } else if (!mine) {
        chat.unread_count = (chat.unread_count || 0) + 1;
      }
      render();
    } else if (name === EVENT.AGENT_CHAT_TYPING_ON || name === EVENT.AGENT_CHAT_TYPING_OFF) {
      if (data.chat_id !== openId) return;
      if (name === EVENT.AGENT_CHAT_TYPING_ON) typing.set(data.user.id, data.user.available_name);
      else typing.delete(data.user.id);
      render();
    } else if (name === "cable.connected" && data.reconnected) {
      load();
    }
  });

  load();
}
