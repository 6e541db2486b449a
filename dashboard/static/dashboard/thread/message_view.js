// @ts-check
// One message of the thread: its bubble (note tag, quote, text or rich part,
// link preview, attachments), its reactions, and a line of who, when,
// delivery and what the agent may do with it. Every string goes in as text.

import { messageBody } from "../../kit/markdown.js";
import { linkPreview } from "../../kit/preview.js";
import { MESSAGE_TYPE } from "../../kit/wire.js";
import { formatDateTime, formatTime, h } from "../dom.js";
import { gettext, interpolate } from "../i18n.js";
import { forReader, lineInLanguage } from "../lines.js";
import { attachmentView, deliveryTicks, openImageViewer, reactionChips, replyQuote, richContent, richReplacesText } from "../rich.js";
import { createReactionPicker } from "./reaction_picker.js";

/** @typedef {import("../../kit/wire.js").Message} Message */

/**
 * What the agent can do from a message; each names the message it acts on.
 * @typedef {object} MessageActions
 * @property {(id: number) => boolean} jumpTo shows a loaded message, false when not loaded
 * @property {(m: Message) => void} retry sends a failed message again
 * @property {(m: Message) => void} reply makes the composer reply to it
 * @property {(m: Message, emoji: string) => void} react reacts, or takes the reaction back with ""
 * @property {(m: Message, open: boolean, close: () => void) => void} onReacting hears its reaction picker open and close; `close` closes it
 * @property {(m: Message) => void} startEdit
 * @property {(m: Message) => void} remove
 */

/**
 * How a message is drawn beyond its payload.
 * @typedef {object} MessageLook
 * @property {boolean} seen the contact's last-seen mark is past it
 * @property {HTMLElement | null} editor the edit form, when it is being edited
 * @property {boolean} reacting its reaction picker is open
 * @property {number} userId the agent reading
 * @property {boolean} isAdministrator
 */

/** @type {Record<number, string>} */
const KINDS = {
  [MESSAGE_TYPE.INCOMING]: "incoming",
  [MESSAGE_TYPE.OUTGOING]: "outgoing",
  [MESSAGE_TYPE.ACTIVITY]: "activity",
  [MESSAGE_TYPE.TEMPLATE]: "outgoing",
};

/**
 * "incoming", "outgoing" or "activity": how the thread draws `m`.
 * @param {Message} m
 * @returns {string}
 */
export function messageKind(m) {
  return KINDS[m.message_type] || "incoming";
}

/**
 * @param {Message} m
 * @param {number} userId
 */
function isOwn(m, userId) {
  return m.message_type === MESSAGE_TYPE.OUTGOING && !!m.sender && m.sender.type === "user" && m.sender.id === userId;
}

/**
 * Whether to offer Edit: the agent's own text messages (the server decides).
 * @param {Message} m
 * @param {number} userId
 */
export function mayEdit(m, userId) {
  return isOwn(m, userId) && (m.content_type || "text") === "text";
}

/**
 * Whether to offer Delete: the agent's own messages, any for administrators.
 * @param {Message} m
 * @param {number} userId
 * @param {boolean} isAdministrator
 */
export function mayDelete(m, userId, isAdministrator) {
  return isOwn(m, userId) || isAdministrator;
}

/**
 * The message's item in the thread's list.
 * @param {Message} m
 * @param {MessageLook} look
 * @param {MessageActions} actions
 * @returns {HTMLLIElement}
 */
export function messageView(m, look, actions) {
  const kind = messageKind(m);
  /** @type {Record<string, string>} */
  const key = m.id ? { messageId: String(m.id) } : { echoId: m.echo_id || "" };
  if (kind === "activity") {
    return h("li", { class: "message activity", dataset: key }, h("span", {}, lineInLanguage(m)), " ", h("time", { class: "muted small" }, formatTime(m.created_at)));
  }
  const deleted = Boolean(m.content_attributes && m.content_attributes.deleted);
  const classes = ["message", kind];
  if (m.private) classes.push("note");
  if (m.pending) classes.push("pending");
  if (m.failed) classes.push("failed");
  if (m.content_type && m.content_type !== "text") classes.push(`type-${m.content_type}`);
  const item = h(
    "li",
    { class: classes.join(" "), dataset: key, tabindex: "-1" },
    bubble(m, deleted, look.editor, actions),
    deleted ? null : reactionChips(m, { userId: look.userId, onRemove: (target) => actions.react(target, "") }),
  );
  const meta = metaLine(m, { deleted, look, actions, item });
  item.append(meta.element);
  // A redraw keeps the picker open; it goes after the line of buttons.
  if (look.reacting) meta.picker?.setOpen(true);
  return item;
}

/**
 * @param {Message} m
 * @param {boolean} deleted
 * @param {HTMLElement | null} editor
 * @param {MessageActions} actions
 */
function bubble(m, deleted, editor, actions) {
  const rich = deleted ? null : richContent(m);
  let body = null;
  if (deleted) body = h("p", { class: "muted deleted" }, gettext("This message was deleted"));
  else if (editor) body = editor;
  else if (!(rich && richReplacesText(m))) body = messageBody(forReader(m), { className: "content" });
  return h(
    "div",
    { class: "bubble" },
    m.private ? h("span", { class: "note-tag" }, gettext("Private note")) : null,
    deleted ? null : replyQuote(m, actions.jumpTo),
    body,
    rich,
    deleted || editor ? null : linkPreview(m, { label: gettext("Link preview") }),
    (m.attachments || []).map((attachment) => attachmentView(attachment, openImageViewer)),
  );
}

/**
 * A sender's name as the thread shows it; an agent bot's says it is a bot.
 * @param {import("../../kit/wire.js").Sender} sender
 */
function senderName(sender) {
  const name = sender.available_name || sender.name || "";
  return sender.type === "agent_bot" ? interpolate(gettext("%(name)s (bot)"), { name }) : name;
}

/**
 * Who, when, delivery, and the buttons the message offers; `picker` is the
 * React button's, when it has one.
 * @param {Message} m
 * @param {{deleted: boolean, look: MessageLook, actions: MessageActions, item: HTMLElement}} options
 * @returns {{element: HTMLElement, picker: {setOpen: (open: boolean) => void} | null}}
 */
function metaLine(m, { deleted, look, actions, item }) {
  const edited = !deleted && m.content_attributes && m.content_attributes.edited_at;
  const kind = messageKind(m);
  const sender = m.sender ? senderName(m.sender) : kind === "incoming" ? gettext("Visitor") : "";
  const state = m.failed ? gettext("Not sent") : m.pending ? gettext("Sending…") : "";
  const actionable = !deleted && Boolean(m.id) && !m.pending;
  /** @param {string} className @param {string} words @param {() => void} onclick */
  const link = (className, words, onclick) => h("button", { type: "button", class: `link-button ${className}`.trim(), onclick }, words);
  const react = actionable ? reactButton(m, actions, item) : null;
  const element = h(
    "div",
    { class: "message-meta" },
    sender ? h("span", {}, sender) : null,
    h("time", { title: formatDateTime(m.created_at) }, formatTime(m.created_at)),
    edited ? h("span", { class: "edited", title: formatDateTime(edited) }, gettext("(edited)")) : null,
    state ? h("span", { class: "delivery" }, state) : null,
    m.pending || m.failed ? null : deliveryTicks(m, { seen: look.seen }),
    m.failed ? link("", gettext("Retry"), () => actions.retry(m)) : null,
    actionable ? link("message-reply", gettext("Reply"), () => actions.reply(m)) : null,
    react && react.button,
    actionable && mayEdit(m, look.userId) ? link("message-edit", gettext("Edit"), () => actions.startEdit(m)) : null,
    actionable && mayDelete(m, look.userId, look.isAdministrator) ? link("message-delete", gettext("Delete"), () => actions.remove(m)) : null,
  );
  return { element, picker: react && react.picker };
}

/**
 * The React button and its picker, which goes at the end of the message's item.
 * @param {Message} m
 * @param {MessageActions} actions
 * @param {HTMLElement} item
 */
function reactButton(m, actions, item) {
  const button = h("button", { type: "button", class: "link-button message-react", "aria-label": gettext("React") }, gettext("React"));
  const picker = createReactionPicker(button, {
    place: (panel) => item.append(panel),
    onPick: (emoji) => actions.react(m, emoji),
    onToggle: (open) => actions.onReacting(m, open, () => picker.setOpen(false)),
  });
  return { button, picker };
}
