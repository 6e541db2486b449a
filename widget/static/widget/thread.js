// @ts-check
// The conversation as the visitor sees it: messages merged by id and echo id;
// a body is the server's sanitised Markdown, rebuilt from the kit's allowlist
// (common/static/kit/markdown.js), then its rich part (rich.js), attachments
// (media.js), quote, reactions, ticks and actions (actions.js).
import { messageBody } from "../kit/markdown.js";
import { linkPreview } from "../kit/preview.js";
import { isReaction } from "../kit/reactions.js";
import { MessageStore } from "../kit/store.js";
import { MESSAGE_TYPE } from "../kit/wire.js";
import { drawActions, drawDelivery, drawQuote, drawReactions } from "./actions.js";
import { gettext, interpolate } from "./i18n.js";
import { forReader, lineInLanguage } from "./lines.js";
import { drawAttachment } from "./media.js";
import { errorMessage } from "./page.js";
import { drawRich } from "./rich.js";

/** @typedef {import("../kit/wire.js").Message} Message */
/** @typedef {import("../kit/wire.js").Attachment} Attachment */

/**
 * @typedef {object} ThreadHandlers
 * @property {(message: Message, email: string) => Promise<void>} onSubmitEmail
 * @property {(message: Message) => void} onRetry
 * @property {(message: Message, values: any) => Promise<void>} onAnswer
 * @property {(message: Message, emoji: string) => void} onReact
 * @property {(message: Message) => void} onReply
 * @property {import("./media.js").ImageViewer} viewer
 */

// An activity line the server marks for the visitor too (an agent joined or
// left); every other activity line is for agents only.
/** @param {Message} message */
function isForEveryone(message) {
  return (message.content_attributes || {}).visibility === "all";
}

export class Thread {
  /**
   * @param {HTMLElement} list
   * @param {ThreadHandlers} handlers
   */
  constructor(list, { onSubmitEmail, onRetry, onAnswer, onReact, onReply, viewer }) {
    this.list = list;
    this.onSubmitEmail = onSubmitEmail;
    this.onRetry = onRetry;
    this.onAnswer = onAnswer;
    this.handlers = { onReact, onReply };
    this.viewer = viewer;
    /** Who reads the thread, to tell the visitor's own reactions. */
    this.reader = { senderType: "contact", senderId: /** @type {number | null} */ (null) };
    this.messages = new MessageStore();
    /** @type {Map<string, HTMLElement>} key -> <li> */
    this.nodes = new Map();
    this.agentLastSeenAt = 0;
  }

  clear() {
    this.messages.clear();
    this.nodes.clear();
    this.list.replaceChildren();
    this.agentLastSeenAt = 0;
  }

  /**
   * Merge stored messages (from a fetch or an event); returns the new ones.
   * @param {Message[]} messages
   * @returns {Message[]}
   */
  merge(messages) {
    const added = [];
    for (const message of messages) {
      if (message.private || (message.message_type === MESSAGE_TYPE.ACTIVITY && !isForEveryone(message))) continue;
      const confirms = message.echo_id && this.messages.pending.has(message.echo_id);
      const change = this.messages.put(message);
      if (!change) continue;
      if (change === "added") added.push(message);
      const node = confirms && this.nodes.get(`e${message.echo_id}`);
      if (node) {
        this.nodes.delete(`e${message.echo_id}`);
        this.nodes.set(`m${message.id}`, node);
        node.dataset.stamp = "";
      }
    }
    this.render();
    return added;
  }

  /**
   * The message with `id` when the thread holds it and shows it.
   * @param {number} id
   * @returns {Message | undefined}
   */
  get(id) {
    const message = this.messages.byId.get(id);
    return message && !isReaction(message) ? message : undefined;
  }

  /**
   * Scroll to a held message and focus it (a quote's click).
   * @param {number} id
   */
  show(id) {
    const node = this.nodes.get(`m${id}`);
    if (!node) return;
    node.scrollIntoView({ block: "center" });
    node.focus();
  }

  /**
   * @param {string} echoId
   * @param {string} content
   * @param {File | null} file
   * @param {import("../kit/replies.js").ReplyQuote | null} [quote] the message it replies to
   */
  addPending(echoId, content, file, quote = null) {
    const content_attributes = quote
      ? {
        in_reply_to: quote.id,
        reply_to: { id: quote.id, content: quote.content, sender_name: quote.senderName, deleted: quote.deleted },
      }
      : {};
    this.messages.addPending({
      echo_id: echoId, content, file, content_attributes, message_type: MESSAGE_TYPE.INCOMING, state: "sending",
    });
    this.render();
  }

  /** @param {string} echoId */
  failPending(echoId) {
    const message = this.messages.pending.get(echoId);
    if (message) {
      message.state = "failed";
      this.render(true);
    }
  }

  /** @param {string} echoId */
  dropPending(echoId) {
    this.messages.dropPending(echoId);
    this.nodes.get(`e${echoId}`)?.remove();
    this.nodes.delete(`e${echoId}`);
  }

  firstId() {
    return this.messages.firstId();
  }

  lastId() {
    return this.messages.lastId();
  }

  /** Whether an agent has written in this conversation. */
  agentReplied() {
    for (const message of this.messages.stored()) {
      if (message.message_type === MESSAGE_TYPE.OUTGOING && message.sender_type === "User") return true;
    }
    return false;
  }

  hasEmailPrompt() {
    for (const message of this.messages.stored()) {
      if (message.content_type === "input_email") return true;
    }
    return false;
  }

  /** @param {number | undefined} epochSeconds when an agent last read the thread */
  setAgentLastSeen(epochSeconds) {
    if (epochSeconds && epochSeconds !== this.agentLastSeenAt) {
      this.agentLastSeenAt = epochSeconds;
      this.render(true);
    }
  }

  /** Redraw what changed, keeping each message's node so nothing is re-announced. */
  render(force = false) {
    /** @type {[string, Message][]} */
    const entries = this.messages
      .list()
      .filter((message) => !isReaction(message))
      .map((message) => [message.id ? `m${message.id}` : `e${message.echo_id}`, message]);
    let lastSeenKey = null;
    for (const [key, message] of entries) {
      if (message.id && message.message_type === MESSAGE_TYPE.INCOMING && this.agentLastSeenAt >= (message.created_at ?? Infinity)) {
        lastSeenKey = key;
      }
    }
    /** @type {HTMLElement | null} */
    let previous = null;
    for (const [key, message] of entries) {
      let node = this.nodes.get(key);
      const status = /** @type {Message & {status?: string}} */ (message).status || "";
      const stamp = `${message.updated_at || ""}|${(message.attachments || []).length}|${message.state || ""}|${status}|${key === lastSeenKey}`;
      if (!node) {
        node = document.createElement("li");
        this.nodes.set(key, node);
      }
      if (force || node.dataset.stamp !== stamp) {
        this.draw(node, message, key === lastSeenKey);
        node.dataset.stamp = stamp;
      }
      /** @type {ChildNode | null} */
      const expected = previous ? previous.nextSibling : this.list.firstChild;
      if (expected !== node) this.list.insertBefore(node, expected);
      previous = node;
    }
  }

  /**
   * @param {HTMLElement} node the message's <li>, drawn again
   * @param {Message} message
   * @param {boolean} seen the last message an agent has read
   */
  draw(node, message, seen) {
    if (message.message_type === MESSAGE_TYPE.ACTIVITY) {
      // "Anna joined the chat": a line across the thread, not a bubble.
      node.className = "message message-activity";
      node.textContent = lineInLanguage(message);
      return;
    }
    const mine = message.message_type === MESSAGE_TYPE.INCOMING;
    node.className = `message ${mine ? "message-mine" : "message-theirs"}`;
    if (message.state) node.classList.add(`message-${message.state}`);
    if (message.id) {
      node.id = `message-${message.id}`;
      node.tabIndex = -1;
    }
    node.replaceChildren();
    if (!mine && message.sender && (message.sender.type === "user" || message.sender.type === "agent_bot")) {
      const author = document.createElement("span");
      author.className = "message-author";
      author.textContent = message.sender.available_name || message.sender.name || "";
      node.append(author);
    }
    const bubble = document.createElement("div");
    bubble.className = "message-bubble";
    const attributes = message.content_attributes || {};
    const quote = attributes.deleted ? null : drawQuote(message, (id) => this.show(id));
    if (quote) bubble.append(quote);
    if (attributes.deleted) {
      const placeholder = document.createElement("p");
      placeholder.className = "message-text message-deleted";
      placeholder.textContent = gettext("This message was deleted");
      bubble.append(placeholder);
    } else if (message.content) bubble.append(messageBody(forReader(message), { className: "message-text" }));
    const preview = attributes.deleted ? null : linkPreview(message, { label: gettext("Link preview") });
    if (preview) bubble.append(preview);
    const rich = drawRich(message, this.onAnswer);
    if (rich) bubble.append(rich);
    if (!attributes.deleted) {
      for (const attachment of message.attachments || []) bubble.append(drawAttachment(attachment, this.viewer));
    }
    if (message.file) bubble.append(drawLocalFile(message.file));
    if (message.content_type === "input_email" && !mine) {
      bubble.append(this.drawEmailForm(message));
    }
    node.append(bubble);
    if (message.id && !attributes.deleted) {
      const reactions = drawReactions(message, this.reader, this.handlers.onReact);
      if (reactions) node.append(reactions);
      node.append(drawActions(message, bubble, this.handlers));
    }
    const status = document.createElement("span");
    status.className = "message-status";
    if (message.state === "sending") status.textContent = gettext("Sending…");
    if (message.state === "failed") {
      const retry = document.createElement("button");
      retry.type = "button";
      retry.className = "link-button";
      retry.textContent = gettext("Not sent. Select to try again.");
      retry.addEventListener("click", () => this.onRetry(message));
      status.append(retry);
    }
    if (seen) status.textContent = gettext("Seen");
    if (attributes.edited_at && !attributes.deleted) {
      const edited = document.createElement("span");
      edited.className = "message-edited";
      edited.textContent = gettext("(edited)");
      status.prepend(edited, status.childNodes.length ? " " : "");
    }
    if (status.childNodes.length) node.append(status);
    const delivery = mine && message.id ? drawDelivery(message) : null;
    if (delivery) node.append(delivery);
  }

  /** @param {Message} message */
  drawEmailForm(message) {
    const submitted = message.content_attributes && message.content_attributes.submitted_email;
    if (submitted) {
      const done = document.createElement("p");
      done.className = "email-done";
      done.textContent = interpolate(gettext("Thanks! We will email you at %(email)s."), { email: submitted });
      return done;
    }
    const form = document.createElement("form");
    form.className = "email-form";
    form.noValidate = true;
    const id = `email-${message.id}`;
    const label = document.createElement("label");
    label.htmlFor = id;
    label.className = "visually-hidden";
    label.textContent = gettext("Your email");
    const input = document.createElement("input");
    input.type = "email";
    input.id = id;
    input.required = true;
    input.autocomplete = "email";
    input.placeholder = gettext("Your email");
    const button = document.createElement("button");
    button.type = "submit";
    button.textContent = gettext("Submit");
    const problem = document.createElement("p");
    problem.className = "email-problem";
    problem.setAttribute("role", "alert");
    form.append(label, input, button, problem);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      if (!input.checkValidity() || !input.value.trim()) {
        problem.textContent = gettext("Please enter a valid email address.");
        input.setAttribute("aria-invalid", "true");
        input.focus();
        return;
      }
      button.disabled = true;
      try {
        await this.onSubmitEmail(message, input.value.trim());
      } catch (error) {
        problem.textContent = errorMessage(error);
        button.disabled = false;
      }
    });
    return form;
  }
}

/** @param {File} file */
function drawLocalFile(file) {
  const name = document.createElement("span");
  name.className = "message-file";
  name.textContent = file.name;
  return name;
}
