// The open conversation: header actions, the message thread, the composer and
// the contact panel beside it.

import { listOf, query } from "./api.js";
import { arrowKeysBetweenTabs, formatDateTime, formatTime, h, replaceChildren, safeUrl, toast } from "./dom.js";
import { createContactPanel } from "./contact_panel.js";
import { MessageStore } from "./store.js";
import { createThreadHeader } from "./thread_header.js";

const TYPING_IDLE_MS = 3000;
const REMOTE_TYPING_TIMEOUT_MS = 30_000;
const MESSAGE_TYPES = { 0: "incoming", 1: "outgoing", 2: "activity", 3: "outgoing" };

function newEchoId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

export function createThread(ctx, { threadPane, contactPane, store, lookups, onBack, onChange }) {
  const contactPanel = createContactPanel(ctx, contactPane, {
    onClose: () => contactPane.parentElement.classList.remove("show-contact"),
  });
  let openId = null;
  let messages = new MessageStore();
  let hasOlder = false;
  let noteMode = false;
  let typingSent = false;
  let typingTimer = null;
  const remoteTyping = new Map();
  let els = null;
  let headerView = null;
  // Sends go out one after another so the customer gets them in the order typed.
  let sendQueue = Promise.resolve();

  // ---- Opening and closing

  async function open(id) {
    if (openId !== id) {
      stopTyping();
      openId = id;
      messages = new MessageStore();
      remoteTyping.clear();
      build();
    }
    const generation = openId;
    try {
      const [conversation, page] = await Promise.all([
        ctx.api.get(`conversations/${id}`),
        ctx.api.get(`conversations/${id}/messages`),
      ]);
      if (generation !== openId) return;
      store.put(conversation.payload || conversation);
      const list = listOf(page);
      list.forEach((m) => messages.put(m));
      hasOlder = list.length >= 20;
      renderHeader();
      renderMessages({ scroll: "bottom" });
      const current = store.get(id);
      if (current && current.meta && current.meta.sender) {
        contactPanel.show(current.meta.sender.id, { conversationId: id });
      }
      markSeen();
      onChange();
    } catch (error) {
      if (generation !== openId) return;
      replaceChildren(threadPane, h("p", { class: "empty pad" }, `Could not open conversation #${id}: ${error.message}`));
    }
  }

  function close() {
    stopTyping();
    openId = null;
    els = null;
    replaceChildren(threadPane, h("div", { class: "empty-thread" }, h("p", { class: "muted" }, "Pick a conversation to read and reply.")));
    contactPanel.clear();
  }

  // ---- Layout

  function build() {
    const textarea = h("textarea", {
      id: "composer-input",
      rows: 3,
      placeholder: "Write a reply… (Enter sends, Shift+Enter for a new line)",
      "aria-label": "Reply",
      onkeydown: onComposerKey,
      oninput: onComposerInput,
    });
    const fileInput = h("input", { type: "file", id: "composer-files", multiple: true, class: "visually-hidden", onchange: renderFiles });
    const fileList = h("span", { class: "muted small file-list" });
    const replyTab = h("button", { type: "button", role: "tab", class: "tab", "aria-selected": "true", onclick: () => setMode(false) }, "Reply");
    const noteTab = h("button", { type: "button", role: "tab", class: "tab", "aria-selected": "false", tabindex: "-1", onclick: () => setMode(true) }, "Private note");
    const modeTabs = h("div", { class: "tabs small", role: "tablist", "aria-label": "Message kind" }, replyTab, noteTab);
    arrowKeysBetweenTabs(modeTabs);
    const composer = h(
      "form",
      { class: "composer", onsubmit: (event) => (event.preventDefault(), send()) },
      modeTabs,
      textarea,
      h(
        "div",
        { class: "composer-actions" },
        fileInput,
        h("label", { for: "composer-files", class: "button small" }, "Attach file"),
        fileList,
        h("button", { type: "submit", class: "button primary" }, "Send"),
      ),
    );
    els = {
      header: h("header", { class: "thread-header" }),
      labels: h("div", { class: "labels-row" }),
      messages: h("ol", { class: "messages", "aria-label": "Messages", "aria-live": "polite" }),
      typing: h("p", { class: "typing-indicator", "aria-live": "polite" }),
      textarea,
      fileInput,
      fileList,
      replyTab,
      noteTab,
      composer,
    };
    headerView = createThreadHeader(ctx, {
      header: els.header,
      labelsRow: els.labels,
      lookups,
      onBack,
      onToggleContact: () => threadPane.parentElement.classList.toggle("show-contact"),
      perform,
    });
    replaceChildren(
      threadPane,
      els.header,
      els.labels,
      h("div", { class: "messages-scroll" }, els.messages),
      els.typing,
      composer,
    );
    replaceChildren(contactPane, h("p", { class: "muted pad" }, "Loading contact…"));
  }

  function setMode(note) {
    if (noteMode !== note) stopTyping();
    noteMode = note;
    els.replyTab.setAttribute("aria-selected", String(!note));
    els.noteTab.setAttribute("aria-selected", String(note));
    els.replyTab.tabIndex = note ? -1 : 0;
    els.noteTab.tabIndex = note ? 0 : -1;
    els.composer.classList.toggle("note-mode", note);
    els.textarea.setAttribute("aria-label", note ? "Private note" : "Reply");
    els.textarea.placeholder = note
      ? "Write a private note, only agents see it… (Enter sends)"
      : "Write a reply… (Enter sends, Shift+Enter for a new line)";
    els.textarea.focus();
  }

  function renderFiles() {
    const names = [...els.fileInput.files].map((f) => f.name);
    els.fileList.textContent = names.join(", ");
  }

  // ---- Header

  function renderHeader({ force = false } = {}) {
    const c = store.get(openId);
    if (c && els) headerView.render(c, { force });
  }

  async function act(request, failure) {
    const id = openId;
    try {
      await request();
      await refreshConversation(id);
    } catch (error) {
      toast(`${failure}: ${error.message}`);
      renderHeader({ force: true });
    }
  }

  const FAILURES = {
    toggle_status: "Could not change the status",
    assignments: "Could not assign",
    labels: "Could not save labels",
  };
  const perform = (action, body) => act(() => ctx.api.post(`conversations/${openId}/${action}`, body), FAILURES[action]);

  async function refreshConversation(id) {
    const data = await ctx.api.get(`conversations/${id}`);
    store.put(data.payload || data);
    if (id === openId) renderHeader();
    onChange();
  }

  // ---- Messages

  function renderMessages({ scroll } = {}) {
    if (!els) return;
    const box = els.messages.parentElement;
    const nearBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 80;
    const c = store.get(openId);
    const seenAt = (c && c.contact_last_seen_at) || 0;
    const list = messages.list();
    let lastSeenOutgoing = null;
    for (const m of list) {
      if (m.message_type === 1 && !m.private && m.id && m.created_at <= seenAt) lastSeenOutgoing = m;
    }
    replaceChildren(
      els.messages,
      hasOlder ? h("li", { class: "older" }, h("button", { type: "button", class: "button small", onclick: loadOlder }, "Load earlier messages")) : null,
      list.map((m) => renderMessage(m, m === lastSeenOutgoing)),
    );
    if (scroll === "bottom" || nearBottom) box.scrollTop = box.scrollHeight;
  }

  function renderMessage(m, seen) {
    const kind = MESSAGE_TYPES[m.message_type] || "incoming";
    const key = m.id ? { messageId: String(m.id) } : { echoId: m.echo_id };
    if (kind === "activity") {
      return h("li", { class: "message activity", dataset: key }, h("span", {}, m.content), " ", h("time", { class: "muted small" }, formatTime(m.created_at)));
    }
    const deleted = m.content_attributes && m.content_attributes.deleted;
    const classes = ["message", kind];
    if (m.private) classes.push("note");
    if (m.pending) classes.push("pending");
    if (m.failed) classes.push("failed");
    const sender = m.sender ? m.sender.available_name || m.sender.name : kind === "incoming" ? "Visitor" : "";
    const state = m.failed ? "Not sent" : m.pending ? "Sending…" : seen ? "Seen" : "";
    return h(
      "li",
      { class: classes.join(" "), dataset: key },
      h(
        "div",
        { class: "bubble" },
        m.private ? h("span", { class: "note-tag" }, "Private note") : null,
        deleted ? h("p", { class: "muted deleted" }, "This message was deleted") : h("p", { class: "content" }, m.content || ""),
        (m.attachments || []).map(renderAttachment),
      ),
      h(
        "div",
        { class: "message-meta" },
        sender ? h("span", {}, sender) : null,
        h("time", { title: formatDateTime(m.created_at) }, formatTime(m.created_at)),
        state ? h("span", { class: `delivery ${seen ? "seen" : ""}` }, state) : null,
        m.failed ? h("button", { type: "button", class: "link-button", onclick: () => retry(m) }, "Retry") : null,
      ),
    );
  }

  function renderAttachment(attachment) {
    const url = safeUrl(attachment.data_url);
    const fromUrl = decodeURIComponent(url.split("?")[0].split("/").pop() || "");
    const name = attachment.fallback_title || fromUrl || `file.${attachment.extension || "bin"}`;
    if (!url) return h("span", { class: "attachment muted" }, name);
    if (attachment.file_type === "image") {
      const thumb = safeUrl(attachment.thumb_url) || url;
      return h("a", { href: url, target: "_blank", rel: "noopener", class: "attachment image" }, h("img", { src: thumb, alt: `Image ${name}`, loading: "lazy" }));
    }
    return h("a", { href: url, target: "_blank", rel: "noopener", class: "attachment file", download: "" }, `Download ${name}`);
  }

  async function loadOlder() {
    const id = openId;
    const first = messages.firstId();
    if (!first) return;
    const data = await ctx.api.get(`conversations/${id}/messages${query({ before: first })}`);
    if (id !== openId) return;
    const list = listOf(data);
    list.forEach((m) => messages.put(m));
    hasOlder = list.length >= 20;
    renderMessages();
  }

  function receiveMessage(message) {
    if (!els || message.conversation_id !== openId) return;
    messages.put(message);
    renderMessages();
    if (message.message_type === 0) {
      if (message.sender) remoteTyping.delete(typingKey(message.sender));
      renderTyping();
      markSeen();
    }
  }

  async function catchUp() {
    if (!openId) return;
    const id = openId;
    try {
      const data = await ctx.api.get(`conversations/${id}/messages${query({ after: messages.lastId() })}`);
      if (id !== openId) return;
      listOf(data).forEach((m) => messages.put(m));
      await refreshConversation(id);
      renderMessages();
      markSeen();
    } catch (error) {
      toast(`Could not refresh the conversation: ${error.message}`);
    }
  }

  // ---- Sending

  function onComposerKey(event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      send();
    }
  }

  async function send() {
    const content = els.textarea.value;
    const files = [...els.fileInput.files];
    if (!content.trim() && !files.length) return;
    const local = {
      echo_id: newEchoId(),
      content,
      private: noteMode,
      message_type: 1,
      created_at: Math.floor(Date.now() / 1000),
      sender: { id: ctx.config.user.id, name: ctx.config.user.name, available_name: ctx.config.user.name },
      pending: true,
      files,
      conversationId: openId,
    };
    els.textarea.value = "";
    els.fileInput.value = "";
    els.fileList.textContent = "";
    stopTyping();
    messages.addPending(local);
    renderMessages({ scroll: "bottom" });
    sendQueue = sendQueue.then(() => deliver(local));
  }

  async function deliver(local) {
    const id = local.conversationId;
    let body = { content: local.content, private: local.private, echo_id: local.echo_id };
    if (local.files.length) {
      body = new FormData();
      body.append("content", local.content);
      body.append("private", String(local.private));
      body.append("echo_id", local.echo_id);
      local.files.forEach((file) => body.append("attachments[]", file));
    }
    try {
      const message = await ctx.api.post(`conversations/${id}/messages`, body);
      if (id === openId) messages.put(message.payload || message);
    } catch (error) {
      local.pending = false;
      local.failed = true;
      toast(`Message not sent: ${error.message}`);
    }
    if (id === openId) renderMessages();
  }

  function retry(local) {
    local.failed = false;
    local.pending = true;
    renderMessages();
    sendQueue = sendQueue.then(() => deliver(local));
  }

  // ---- Typing and read state

  function onComposerInput() {
    clearTimeout(typingTimer);
    typingTimer = setTimeout(stopTyping, TYPING_IDLE_MS);
    if (!typingSent && els.textarea.value) {
      typingSent = true;
      postTyping("on");
    }
  }

  function stopTyping() {
    clearTimeout(typingTimer);
    if (typingSent) {
      typingSent = false;
      postTyping("off");
    }
  }

  function postTyping(status) {
    if (!openId) return;
    ctx.api
      .post(`conversations/${openId}/toggle_typing_status`, { typing_status: status, is_private: noteMode })
      .catch(() => {});
  }

  function typingKey(person) {
    return `${person.type || "contact"}:${person.id}`;
  }

  function typing(on, data) {
    const conversation = data.conversation || {};
    const person = data.user || {};
    if (conversation.id !== openId) return;
    if (person.type === "user" && person.id === ctx.config.user.id) return;
    const key = typingKey(person);
    const previous = remoteTyping.get(key);
    if (previous) clearTimeout(previous.timer);
    if (on) {
      const timer = setTimeout(() => (remoteTyping.delete(key), renderTyping()), REMOTE_TYPING_TIMEOUT_MS);
      remoteTyping.set(key, { name: person.available_name || person.name || "Visitor", note: data.is_private, timer });
    } else {
      remoteTyping.delete(key);
    }
    renderTyping();
  }

  function renderTyping() {
    if (!els) return;
    const parts = [...remoteTyping.values()].map((t) => (t.note ? `${t.name} is writing a note…` : `${t.name} is typing…`));
    els.typing.textContent = parts.join(" ");
  }

  function markSeen() {
    if (!openId || document.visibilityState !== "visible") return;
    store.markRead(openId);
    ctx.api.post(`conversations/${openId}/update_last_seen`).catch(() => {});
  }

  document.addEventListener("visibilitychange", () => {
    if (openId && document.visibilityState === "visible") {
      markSeen();
      onChange();
    }
  });

  // ---- Changes from outside

  function conversationChanged(conversation) {
    if (!els || conversation.id !== openId) return;
    renderHeader();
    renderMessages();
  }

  function lookupsChanged() {
    renderHeader();
  }

  function presenceChanged() {
    renderHeader();
    contactPanel.render();
  }

  ctx.on((name, data) => {
    if (name === "contact.updated") contactPanel.update(data);
  });

  return { open, close, receiveMessage, typing, catchUp, conversationChanged, lookupsChanged, presenceChanged };
}
