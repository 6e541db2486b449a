// The conversation as the visitor sees it: messages merged by id and echo id,
// drawn with text nodes only (a message body is never parsed as markup).
import { t } from "./i18n.js";

// message_type on the wire.
export const INCOMING = 0;
export const OUTGOING = 1;
const ACTIVITY = 2;
const TEMPLATE = 3;

export class Thread {
  constructor(list, { onSubmitEmail, onRetry }) {
    this.list = list;
    this.onSubmitEmail = onSubmitEmail;
    this.onRetry = onRetry;
    this.messages = new Map(); // id -> message
    this.pending = new Map(); // echo id -> local message not yet stored
    this.nodes = new Map(); // key -> <li>
    this.agentLastSeenAt = 0;
  }

  clear() {
    this.messages.clear();
    this.pending.clear();
    this.nodes.clear();
    this.list.replaceChildren();
    this.agentLastSeenAt = 0;
  }

  /** Merge stored messages (from a fetch or an event); returns the new ones. */
  merge(messages) {
    const added = [];
    for (const message of messages) {
      if (message.private || message.message_type === ACTIVITY) continue;
      const known = this.messages.get(message.id);
      if (known && !isNewer(message, known)) continue;
      if (!known) added.push(message);
      if (message.echo_id && this.pending.has(message.echo_id)) {
        this.pending.delete(message.echo_id);
        const node = this.nodes.get(`e${message.echo_id}`);
        if (node) {
          this.nodes.delete(`e${message.echo_id}`);
          this.nodes.set(`m${message.id}`, node);
          node.dataset.stamp = "";
        }
      }
      this.messages.set(message.id, message);
    }
    this.render();
    return added;
  }

  addPending(echoId, content, file) {
    this.pending.set(echoId, { echo_id: echoId, content, file, message_type: INCOMING, state: "sending" });
    this.render();
  }

  failPending(echoId) {
    const message = this.pending.get(echoId);
    if (message) {
      message.state = "failed";
      this.render(true);
    }
  }

  dropPending(echoId) {
    this.pending.delete(echoId);
    this.nodes.get(`e${echoId}`)?.remove();
    this.nodes.delete(`e${echoId}`);
  }

  firstId() {
    return Math.min(...this.messages.keys());
  }

  lastId() {
    let last = 0;
    for (const id of this.messages.keys()) last = Math.max(last, id);
    return last;
  }

  /** Whether an agent has written in this conversation. */
  agentReplied() {
    for (const message of this.messages.values()) {
      if (message.message_type === OUTGOING && message.sender_type === "User") return true;
    }
    return false;
  }

  hasEmailPrompt() {
    for (const message of this.messages.values()) {
      if (message.content_type === "input_email") return true;
    }
    return false;
  }

  setAgentLastSeen(epochSeconds) {
    if (epochSeconds && epochSeconds !== this.agentLastSeenAt) {
      this.agentLastSeenAt = epochSeconds;
      this.render(true);
    }
  }

  /** Redraw what changed, keeping each message's node so nothing is re-announced. */
  render(force = false) {
    const ordered = [...this.messages.values()].sort((a, b) => a.id - b.id);
    const entries = [
      ...ordered.map((message) => [`m${message.id}`, message]),
      ...[...this.pending.values()].map((message) => [`e${message.echo_id}`, message]),
    ];
    let lastSeenKey = null;
    for (const [key, message] of entries) {
      if (message.id && message.message_type === INCOMING && this.agentLastSeenAt >= message.created_at) {
        lastSeenKey = key;
      }
    }
    let previous = null;
    for (const [key, message] of entries) {
      let node = this.nodes.get(key);
      const stamp = `${message.updated_at || ""}|${(message.attachments || []).length}|${message.state || ""}|${key === lastSeenKey}`;
      if (!node) {
        node = document.createElement("li");
        this.nodes.set(key, node);
      }
      if (force || node.dataset.stamp !== stamp) {
        this.draw(node, message, key === lastSeenKey);
        node.dataset.stamp = stamp;
      }
      const expected = previous ? previous.nextSibling : this.list.firstChild;
      if (expected !== node) this.list.insertBefore(node, expected);
      previous = node;
    }
  }

  draw(node, message, seen) {
    const mine = message.message_type === INCOMING;
    node.className = `message ${mine ? "message-mine" : "message-theirs"}`;
    if (message.state) node.classList.add(`message-${message.state}`);
    node.replaceChildren();
    if (!mine && message.sender && message.sender.type === "user") {
      const author = document.createElement("span");
      author.className = "message-author";
      author.textContent = message.sender.available_name || message.sender.name;
      node.append(author);
    }
    const bubble = document.createElement("div");
    bubble.className = "message-bubble";
    if (message.content) {
      const text = document.createElement("p");
      text.className = "message-text";
      text.textContent = message.content;
      bubble.append(text);
    }
    for (const attachment of message.attachments || []) bubble.append(drawAttachment(attachment));
    if (message.file) bubble.append(drawLocalFile(message.file));
    if (message.content_type === "input_email" && message.message_type === TEMPLATE) {
      bubble.append(this.drawEmailForm(message));
    }
    node.append(bubble);
    const status = document.createElement("span");
    status.className = "message-status";
    if (message.state === "sending") status.textContent = t("sending");
    if (message.state === "failed") {
      const retry = document.createElement("button");
      retry.type = "button";
      retry.className = "link-button";
      retry.textContent = t("failed");
      retry.addEventListener("click", () => this.onRetry(message));
      status.append(retry);
    }
    if (seen) status.textContent = t("seen");
    if (status.childNodes.length) node.append(status);
  }

  drawEmailForm(message) {
    const submitted = message.content_attributes && message.content_attributes.submitted_email;
    if (submitted) {
      const done = document.createElement("p");
      done.className = "email-done";
      done.textContent = t("emailThanks", { email: submitted });
      return done;
    }
    const form = document.createElement("form");
    form.className = "email-form";
    form.noValidate = true;
    const id = `email-${message.id}`;
    const label = document.createElement("label");
    label.htmlFor = id;
    label.className = "visually-hidden";
    label.textContent = t("emailLabel");
    const input = document.createElement("input");
    input.type = "email";
    input.id = id;
    input.required = true;
    input.autocomplete = "email";
    input.placeholder = t("emailLabel");
    const button = document.createElement("button");
    button.type = "submit";
    button.textContent = t("emailSubmit");
    const problem = document.createElement("p");
    problem.className = "email-problem";
    problem.setAttribute("role", "alert");
    form.append(label, input, button, problem);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      if (!input.checkValidity() || !input.value.trim()) {
        problem.textContent = t("emailInvalid");
        input.setAttribute("aria-invalid", "true");
        input.focus();
        return;
      }
      button.disabled = true;
      try {
        await this.onSubmitEmail(message, input.value.trim());
      } catch (error) {
        problem.textContent = error.message;
        button.disabled = false;
      }
    });
    return form;
  }
}

// A live message.created can be built before the message's attachments are
// stored; the REST copy of the same version then carries them.
function isNewer(message, known) {
  if (message.updated_at !== known.updated_at) return message.updated_at > known.updated_at;
  return (message.attachments || []).length > (known.attachments || []).length;
}

function drawAttachment(attachment) {
  const link = document.createElement("a");
  link.href = safeUrl(attachment.data_url);
  link.target = "_blank";
  link.rel = "noopener noreferrer";
  if (attachment.file_type === "image") {
    const image = document.createElement("img");
    image.src = safeUrl(attachment.thumb_url || attachment.data_url);
    image.alt = t("attachment");
    image.className = "message-image";
    image.loading = "lazy";
    link.append(image);
  } else {
    link.className = "message-file";
    link.textContent = decodeURIComponent(String(attachment.data_url || "").split("/").pop() || t("attachment"));
  }
  return link;
}

function drawLocalFile(file) {
  const name = document.createElement("span");
  name.className = "message-file";
  name.textContent = file.name;
  return name;
}

// Only web and blob URLs become links: never javascript: or data: documents.
function safeUrl(url) {
  try {
    const parsed = new URL(url, window.location.href);
    return ["http:", "https:", "blob:"].includes(parsed.protocol) ? parsed.href : "#";
  } catch {
    return "#";
  }
}
