// @ts-check
// The open conversation: header actions, the message thread, the composer and
// the contact panel beside it.

import { addFormattingShortcuts, createEmojiPicker } from "../kit/composer.js";
import { EMOJI } from "../kit/emoji.js";
import { isReaction } from "../kit/reactions.js";
import { listOf, query } from "../kit/http.js";
import { messageBody } from "../kit/markdown.js";
import { linkPreview } from "../kit/preview.js";
import { MessageStore } from "../kit/store.js";
import { EVENT, MESSAGE_TYPE } from "../kit/wire.js";
import { createContactPanel } from "./contact_panel.js";
import { arrowKeysBetweenTabs, formatDateTime, formatTime, h, replaceChildren, toast } from "./dom.js";
import { createCollaboration } from "./participants.js";
import { attachmentView, contentTypeName, deliveryTicks, openImageViewer, reactionChips, replyQuote, richContent, richReplacesText } from "./rich.js";
import { createRichComposer } from "./rich_composer.js";
import { forReader, lineInLanguage } from "./lines.js";
import { createThreadHeader } from "./thread_header.js";
import { gettext, interpolate } from "./i18n.js";

/** @typedef {import("../kit/wire.js").Message} Message */

const TYPING_IDLE_MS = 3000;
// The reactions offered on a message: the first of the composer's emoji rows.
const REACTIONS = ["👍", "❤️", "😂", "😮", "😢", "🙏", "🎉", "✅"].filter((emoji) => EMOJI.includes(emoji));
const REMOTE_TYPING_TIMEOUT_MS = 30_000;
const MESSAGE_KINDS = {
  [MESSAGE_TYPE.INCOMING]: "incoming",
  [MESSAGE_TYPE.OUTGOING]: "outgoing",
  [MESSAGE_TYPE.ACTIVITY]: "activity",
  [MESSAGE_TYPE.TEMPLATE]: "outgoing",
};

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
  /** @type {number | null} the message being edited in place */
  let editingId = null;
  // The edit's text so far: the thread redraws on every event.
  let editDraft = "";
  let noteMode = false;
  /** @type {Message | null} the message the composer replies to */
  let replyTarget = null;
  /** @type {number | null} the message whose reaction picker is open */
  let reactingId = null;
  let typingSent = false;
  let typingTimer = null;
  const remoteTyping = new Map();
  let els = null;
  let headerView = null;
  let collaboration = null;
  // Sends go out one after another so the customer gets them in the order typed.
  let sendQueue = Promise.resolve();

  // ---- Opening and closing

  async function open(id) {
    if (openId !== id) {
      stopTyping();
      openId = id;
      messages = new MessageStore();
      editingId = null;
      replyTarget = null;
      reactingId = null;
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
      collaboration.show(id, conversation.capabilities);
      renderMessages({ scroll: "bottom" });
      const current = store.get(id);
      if (current && current.meta && current.meta.sender) {
        contactPanel.show(current.meta.sender.id, { conversationId: id });
      }
      markSeen();
      onChange();
    } catch (error) {
      if (generation !== openId) return;
      replaceChildren(threadPane, h("p", { class: "empty pad" }, interpolate(gettext("Could not open conversation #%(id)s: %(reason)s"), { id, reason: error.message })));
    }
  }

  function close() {
    stopTyping();
    openId = null;
    els = null;
    collaboration?.close();
    delete threadPane.dataset.can;
    replaceChildren(threadPane, h("div", { class: "empty-thread" }, h("p", { class: "muted" }, gettext("Pick a conversation to read and reply."))));
    contactPanel.clear();
  }

  // ---- Layout

  function build() {
    const textarea = h("textarea", {
      id: "composer-input",
      rows: 3,
      placeholder: gettext("Write a reply… (Enter sends, Shift+Enter for a new line)"),
      "aria-label": gettext("Reply"),
      onkeydown: onComposerKey,
      oninput: onComposerInput,
    });
    addFormattingShortcuts(textarea);
    const emoji = createEmojiPicker(textarea, { label: gettext("Insert emoji"), className: "button small" });
    const fileInput = h("input", { type: "file", id: "composer-files", multiple: true, class: "visually-hidden", onchange: renderFiles });
    const fileList = h("span", { class: "muted small file-list" });
    const replyBar = h("div", { class: "reply-bar", hidden: true });
    const rich = createRichComposer(ctx.api, {
      conversationId: () => openId,
      inReplyTo: () => (replyTarget && replyTarget.id) || null,
      onSent: (message) => {
        messages.put(message);
        setReply(null);
        renderMessages({ scroll: "bottom" });
      },
      // The editor has its own Send: the text composer makes room for it.
      onToggle: (open) => {
        if (els) els.composer.classList.toggle("rich-open", open);
      },
    });
    const replyTab = h("button", { type: "button", role: "tab", class: "tab", "aria-selected": "true", "data-capability": "send_message", onclick: () => setMode(false) }, gettext("Reply"));
    const noteTab = h("button", { type: "button", role: "tab", class: "tab", "aria-selected": "false", tabindex: "-1", onclick: () => setMode(true) }, gettext("Private note"));
    const modeTabs = h("div", { class: "tabs small", role: "tablist", "aria-label": gettext("Message kind") }, replyTab, noteTab);
    arrowKeysBetweenTabs(modeTabs);
    const composer = h(
      "form",
      { class: "composer", onsubmit: (event) => (event.preventDefault(), send()) },
      modeTabs,
      replyBar,
      textarea,
      emoji.panel,
      h(
        "div",
        { class: "composer-actions" },
        fileInput,
        h("label", { for: "composer-files", class: "button small" }, gettext("Attach file")),
        emoji.button,
        rich.button,
        fileList,
        h("button", { type: "submit", class: "button primary" }, gettext("Send")),
      ),
    );
    els = {
      header: h("header", { class: "thread-header" }),
      labels: h("div", { class: "labels-row" }),
      collaboration: h("div", { class: "collab-bar", "aria-label": gettext("Taking part") }),
      messages: h("ol", { class: "messages", "aria-label": gettext("Messages"), "aria-live": "polite" }),
      typing: h("p", { class: "typing-indicator", "aria-live": "polite" }),
      textarea,
      fileInput,
      fileList,
      replyTab,
      noteTab,
      composer,
      replyBar,
      rich,
    };
    headerView = createThreadHeader(ctx, {
      header: els.header,
      labelsRow: els.labels,
      lookups,
      onBack,
      onToggleContact: () => threadPane.parentElement.classList.toggle("show-contact"),
      perform,
    });
    collaboration = createCollaboration(ctx, {
      bar: els.collaboration,
      threadPane,
      lookups,
      // Without the right to reply, the composer writes notes.
      onCapabilities: (allowed) => {
        if (!allowed.includes("send_message") && !noteMode) setMode(true);
      },
    });
    replaceChildren(
      threadPane,
      els.header,
      els.labels,
      els.collaboration,
      h("div", { class: "messages-scroll" }, els.messages),
      els.typing,
      rich.panel,
      composer,
    );
    replaceChildren(contactPane, h("p", { class: "muted pad" }, gettext("Loading contact…")));
  }

  function setMode(note) {
    if (noteMode !== note) stopTyping();
    noteMode = note;
    els.replyTab.setAttribute("aria-selected", String(!note));
    els.noteTab.setAttribute("aria-selected", String(note));
    els.replyTab.tabIndex = note ? -1 : 0;
    els.noteTab.tabIndex = note ? 0 : -1;
    els.composer.classList.toggle("note-mode", note);
    els.textarea.setAttribute("aria-label", note ? gettext("Private note") : gettext("Reply"));
    els.textarea.placeholder = note
      ? gettext("Write a private note, only agents see it… (Enter sends)")
      : gettext("Write a reply… (Enter sends, Shift+Enter for a new line)");
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
      toast(interpolate(gettext("%(failure)s: %(reason)s"), { failure, reason: error.message }));
      renderHeader({ force: true });
    }
  }

  const FAILURES = {
    toggle_status: gettext("Could not change the status"),
    assignments: gettext("Could not assign"),
    labels: gettext("Could not save labels"),
  };
  const perform = (action, body) => act(() => ctx.api.post(`conversations/${openId}/${action}`, body), FAILURES[action]);

  async function refreshConversation(id) {
    const data = await ctx.api.get(`conversations/${id}`);
    store.put(data.payload || data);
    if (id === openId) {
      renderHeader();
      collaboration.setCapabilities(data.capabilities);
    }
    onChange();
  }

  // ---- Messages

  /** @param {{scroll?: "bottom"}} [options] */
  function renderMessages({ scroll } = {}) {
    if (!els) return;
    const box = els.messages.parentElement;
    const nearBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 80;
    const c = store.get(openId);
    const seenAt = (c && c.contact_last_seen_at) || 0;
    // Reactions show as chips under their target, never as bubbles.
    const list = messages.list().filter((m) => !isReaction(m));
    const focus = focusedPlace();
    replaceChildren(
      els.messages,
      hasOlder ? h("li", { class: "older" }, h("button", { type: "button", class: "button small", onclick: loadOlder }, gettext("Load earlier messages"))) : null,
      list.map((m) => drawnMessage(m, Boolean(m.id) && (m.created_at || 0) <= seenAt)),
    );
    if (focus) restoreFocus(focus);
    if (scroll === "bottom" || nearBottom) box.scrollTop = box.scrollHeight;
  }

  const FOCUSABLE = "button, a[href], input, textarea, select, audio, video, [tabindex]";

  /** Where focus is in the thread (a message and which of its controls), if there. */
  function focusedPlace() {
    const active = document.activeElement;
    const item = active && active.closest && active.closest("[data-message-id]");
    if (!item || !els.messages.contains(item)) return null;
    const controls = [item, ...item.querySelectorAll(FOCUSABLE)];
    return { id: item.getAttribute("data-message-id"), index: controls.indexOf(active) };
  }

  /** Focus the same control of the same message after a redraw. */
  function restoreFocus({ id, index }) {
    const item = els.messages.querySelector(`[data-message-id="${id}"]`);
    if (!item) return;
    const control = [item, ...item.querySelectorAll(FOCUSABLE)][index];
    if (control instanceof HTMLElement) control.focus({ preventScroll: true });
  }

  // A message's drawing, reused while neither its payload (the store holds a
  // new object per version) nor how it is shown changed: a redraw for another
  // message's event keeps a recording or a video playing.
  /** @type {WeakMap<Message, {look: string, node: HTMLElement}>} */
  const drawn = new WeakMap();

  /**
   * @param {Message} m
   * @param {boolean} seen whether the contact's last-seen mark is past it
   * @returns {HTMLElement}
   */
  function drawnMessage(m, seen) {
    // Pending and failed are set on the optimistic copy in place.
    const look = [seen, editingId === m.id, reactingId === m.id, m.pending, m.failed].join();
    const held = drawn.get(m);
    if (held && held.look === look) return held.node;
    const node = renderMessage(m, seen);
    drawn.set(m, { look, node });
    return node;
  }

  /**
   * @param {Message} m
   * @param {boolean} seen whether the contact's last-seen mark is past it
   * @returns {HTMLElement}
   */
  function renderMessage(m, seen) {
    const kind = MESSAGE_KINDS[m.message_type] || "incoming";
    const key = m.id ? { messageId: String(m.id) } : { echoId: m.echo_id };
    if (kind === "activity") {
      return h("li", { class: "message activity", dataset: key }, h("span", {}, lineInLanguage(m)), " ", h("time", { class: "muted small" }, formatTime(m.created_at)));
    }
    const deleted = m.content_attributes && m.content_attributes.deleted;
    const edited = !deleted && m.content_attributes && m.content_attributes.edited_at;
    const classes = ["message", kind];
    if (m.private) classes.push("note");
    if (m.pending) classes.push("pending");
    if (m.failed) classes.push("failed");
    if (m.content_type && m.content_type !== "text") classes.push(`type-${m.content_type}`);
    const sender = m.sender ? m.sender.available_name || m.sender.name : kind === "incoming" ? gettext("Visitor") : "";
    const state = m.failed ? gettext("Not sent") : m.pending ? gettext("Sending…") : "";
    const rich = deleted ? null : richContent(m);
    const editing = editingId === m.id;
    const actionable = !deleted && Boolean(m.id) && !m.pending;
    return h(
      "li",
      { class: classes.join(" "), dataset: key, tabindex: "-1" },
      h(
        "div",
        { class: "bubble" },
        m.private ? h("span", { class: "note-tag" }, gettext("Private note")) : null,
        deleted ? null : replyQuote(m, jumpTo),
        deleted
          ? h("p", { class: "muted deleted" }, gettext("This message was deleted"))
          : editing
            ? editForm(m)
            : rich && richReplacesText(m)
              ? null
              : messageBody(forReader(m), { className: "content" }),
        rich,
        deleted || editing ? null : linkPreview(m, { label: gettext("Link preview") }),
        (m.attachments || []).map((attachment) => attachmentView(attachment, openImageViewer)),
      ),
      deleted ? null : reactionChips(m, { userId: ctx.config.user.id, onRemove: (target) => react(target, "") }),
      h(
        "div",
        { class: "message-meta" },
        sender ? h("span", {}, sender) : null,
        h("time", { title: formatDateTime(m.created_at) }, formatTime(m.created_at)),
        edited ? h("span", { class: "edited", title: formatDateTime(edited) }, gettext("(edited)")) : null,
        state ? h("span", { class: "delivery" }, state) : null,
        m.pending || m.failed ? null : deliveryTicks(m, { seen }),
        m.failed ? h("button", { type: "button", class: "link-button", onclick: () => retry(m) }, gettext("Retry")) : null,
        actionable ? h("button", { type: "button", class: "link-button message-reply", onclick: () => setReply(m) }, gettext("Reply")) : null,
        actionable
          ? h(
              "button",
              {
                type: "button",
                class: "link-button message-react",
                "aria-expanded": String(reactingId === m.id),
                "aria-label": gettext("React"),
                onclick: () => toggleReactions(m),
              },
              gettext("React"),
            )
          : null,
        actionable && mayEdit(m) ? h("button", { type: "button", class: "link-button message-edit", onclick: () => startEdit(m) }, gettext("Edit")) : null,
        actionable && mayDelete(m) ? h("button", { type: "button", class: "link-button message-delete", onclick: () => removeMessage(m) }, gettext("Delete")) : null,
      ),
      reactingId === m.id ? reactionPicker(m) : null,
    );
  }

  // ---- Replies and reactions

  /**
   * Show the message `id` if it is loaded: scroll to it and focus it.
   * @param {number} id
   * @returns {boolean} whether it was there
   */
  function jumpTo(id) {
    const item = els && els.messages.querySelector(`[data-message-id="${id}"]`);
    if (!(item instanceof HTMLElement)) return false;
    item.scrollIntoView({ block: "center" });
    item.focus({ preventScroll: true });
    item.classList.add("highlight");
    item.addEventListener("animationend", () => item.classList.remove("highlight"), { once: true });
    return true;
  }

  /** @param {Message | null} m the message to reply to, null to stop replying */
  function setReply(m) {
    replyTarget = m;
    if (!els) return;
    const bar = els.replyBar;
    bar.hidden = !m;
    if (!m) return replaceChildren(bar);
    const who = m.sender ? m.sender.available_name || m.sender.name : m.message_type === MESSAGE_TYPE.INCOMING ? gettext("Visitor") : "";
    const words = (m.content || "").slice(0, 200) || contentTypeName(m.content_type || "");
    replaceChildren(
      bar,
      h("span", { class: "reply-bar-label small" }, interpolate(gettext("Replying to %(name)s"), { name: who })),
      h("span", { class: "reply-bar-text", dir: "auto" }, words),
      h("button", { type: "button", class: "link-button", "aria-label": gettext("Cancel the reply"), onclick: () => (setReply(null), els.textarea.focus()) }, "✕"),
    );
    els.textarea.focus();
  }

  /** @param {Message} m */
  function toggleReactions(m) {
    reactingId = reactingId === m.id ? null : m.id;
    renderMessages();
    const first = els.messages.querySelector(".reaction-picker button");
    if (first instanceof HTMLElement) first.focus();
  }

  /** @param {Message} m */
  function reactionPicker(m) {
    const closePicker = () => {
      reactingId = null;
      renderMessages();
      const opener = els.messages.querySelector(`[data-message-id="${m.id}"] .message-react`);
      if (opener instanceof HTMLElement) opener.focus();
    };
    return h(
      "div",
      {
        class: "reaction-picker",
        role: "group",
        "aria-label": gettext("Pick a reaction"),
        onkeydown: (event) => {
          if (event.key === "Escape") {
            event.stopPropagation();
            closePicker();
          }
        },
      },
      REACTIONS.map((emoji) =>
        h(
          "button",
          {
            type: "button",
            class: "emoji-choice",
            onclick: () => {
              closePicker();
              react(m, emoji);
            },
          },
          emoji,
        ),
      ),
    );
  }

  /**
   * React to `m` with `emoji`, or take the agent's reaction back with "".
   * @param {Message} m
   * @param {string} emoji
   */
  async function react(m, emoji) {
    try {
      // The target's new reactions arrive as its message.updated.
      await ctx.api.post(`conversations/${openId}/messages`, {
        content: emoji,
        content_type: "reaction",
        content_attributes: { in_reply_to: m.id },
        private: Boolean(m.private),
      });
    } catch (error) {
      toast(interpolate(gettext("Could not react: %(reason)s"), { reason: error.message }));
    }
  }

  // ---- Editing and deleting (the server's rule, conversations/editing.py,
  // decides; these only choose which buttons to offer)

  /** @param {Message} m */
  function isOwn(m) {
    return m.message_type === MESSAGE_TYPE.OUTGOING && !!m.sender && m.sender.type === "user" && m.sender.id === ctx.config.user.id;
  }

  /** @param {Message} m */
  function mayEdit(m) {
    return isOwn(m) && (m.content_type || "text") === "text";
  }

  /** @param {Message} m */
  function mayDelete(m) {
    return isOwn(m) || ctx.isAdministrator;
  }

  /** @param {Message} m */
  function startEdit(m) {
    editingId = m.id;
    editDraft = m.content || "";
    renderMessages();
    const field = els && els.messages.querySelector(".edit-form textarea");
    if (field instanceof HTMLTextAreaElement) field.focus();
  }

  /** @param {Message} m */
  function editForm(m) {
    const field = h("textarea", { rows: 3, "aria-label": gettext("Edit message") });
    field.value = editDraft;
    field.addEventListener("input", () => (editDraft = field.value));
    const cancel = () => {
      editingId = null;
      renderMessages();
    };
    const save = async () => {
      const content = field.value;
      if (!content.trim()) return;
      try {
        messages.put(await ctx.api.patch(`conversations/${openId}/messages/${m.id}`, { content }));
        editingId = null;
        renderMessages();
      } catch (error) {
        toast(interpolate(gettext("Could not edit: %(reason)s"), { reason: error.message }));
      }
    };
    field.addEventListener("keydown", (event) => {
      if (event.key === "Escape") cancel();
      else if (event.key === "Enter" && !event.shiftKey) {
        event.preventDefault();
        save();
      }
    });
    return h(
      "div",
      { class: "edit-form" },
      field,
      h(
        "div",
        { class: "edit-actions" },
        h("button", { type: "button", class: "button small primary", onclick: save }, gettext("Save")),
        h("button", { type: "button", class: "button small", onclick: cancel }, gettext("Cancel")),
      ),
    );
  }

  /** @param {Message} m */
  async function removeMessage(m) {
    if (!confirm(gettext("Delete this message? Everyone in the conversation will see that it was deleted."))) return;
    try {
      messages.put(await ctx.api.delete(`conversations/${openId}/messages/${m.id}`));
      renderMessages();
    } catch (error) {
      toast(interpolate(gettext("Could not delete: %(reason)s"), { reason: error.message }));
    }
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

  /** @param {Message} message a message.created or message.updated payload */
  function receiveMessage(message) {
    if (!els || message.conversation_id !== openId) return;
    messages.put(message);
    renderMessages();
    if (message.message_type === MESSAGE_TYPE.INCOMING) {
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
      toast(interpolate(gettext("Could not refresh the conversation: %(reason)s"), { reason: error.message }));
    }
  }

  // ---- Sending

  function onComposerKey(event) {
    if (event.key === "Escape" && replyTarget) {
      event.preventDefault();
      setReply(null);
    } else if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      send();
    }
  }

  async function send() {
    const content = els.textarea.value;
    const files = [...els.fileInput.files];
    if (!content.trim() && !files.length) return;
    const target = replyTarget;
    const local = {
      echo_id: newEchoId(),
      content,
      private: noteMode,
      message_type: MESSAGE_TYPE.OUTGOING,
      created_at: Math.floor(Date.now() / 1000),
      sender: { id: ctx.config.user.id, name: ctx.config.user.name, available_name: ctx.config.user.name },
      pending: true,
      files,
      content_attributes: target
        ? {
            in_reply_to: target.id,
            reply_to: { id: target.id, content: (target.content || "").slice(0, 200), content_type: target.content_type, sender_name: target.sender ? target.sender.available_name || target.sender.name : "", message_type: target.message_type },
          }
        : {},
      conversationId: openId,
    };
    els.textarea.value = "";
    els.fileInput.value = "";
    els.fileList.textContent = "";
    setReply(null);
    stopTyping();
    messages.addPending(local);
    renderMessages({ scroll: "bottom" });
    sendQueue = sendQueue.then(() => deliver(local));
  }

  /** @param {Message} local a pending message */
  async function deliver(local) {
    const id = local.conversationId;
    const inReplyTo = local.content_attributes && local.content_attributes.in_reply_to;
    const attributes = inReplyTo ? { content_attributes: { in_reply_to: inReplyTo } } : {};
    /** @type {object | FormData} */
    let body = { content: local.content, private: local.private, echo_id: local.echo_id, ...attributes };
    if (local.files.length) {
      body = new FormData();
      body.append("content", local.content);
      body.append("private", String(local.private));
      body.append("echo_id", local.echo_id);
      if (inReplyTo) body.append("content_attributes", JSON.stringify(attributes.content_attributes));
      local.files.forEach((file) => body.append("attachments[]", file));
    }
    try {
      const message = await ctx.api.post(`conversations/${id}/messages`, body);
      if (id === openId) messages.put(message.payload || message);
    } catch (error) {
      local.pending = false;
      local.failed = true;
      toast(interpolate(gettext("Message not sent: %(reason)s"), { reason: error.message }));
    }
    if (id === openId) renderMessages();
  }

  /** @param {Message} local a message that failed to send */
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
      remoteTyping.set(key, { name: person.available_name || person.name || gettext("Visitor"), note: data.is_private, timer });
    } else {
      remoteTyping.delete(key);
    }
    renderTyping();
  }

  function renderTyping() {
    if (!els) return;
    const parts = [...remoteTyping.values()].map((t) => (t.note ? interpolate(gettext("%(name)s is writing a note…"), t) : interpolate(gettext("%(name)s is typing…"), t)));
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
    if (name === EVENT.CONTACT_UPDATED) contactPanel.update(data);
    const joinedOrLeft = name === EVENT.PARTICIPANT_JOINED || name === EVENT.PARTICIPANT_LEFT;
    if (joinedOrLeft && els && data.conversation_id === openId) collaboration.refresh();
    const mine = data && data.account_id === ctx.config.account.id;
    if (name === EVENT.CAPABILITIES_CHANGED && mine && els && data.conversation_id === openId) {
      collaboration.setCapabilities(data.capabilities);
    }
  });

  return { open, close, receiveMessage, typing, catchUp, conversationChanged, lookupsChanged, presenceChanged };
}
