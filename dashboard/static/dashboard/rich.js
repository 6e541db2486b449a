// @ts-check
// What a message carries beyond its text (RICH.md): questions and their
// answers, cards, articles, locations, contact cards, the quoted message,
// reactions, delivery ticks and attachments. Every string goes in as text;
// only http(s) addresses become links or images.

import { DELIVERY_TICKS, deliveryState, seenAt } from "../kit/delivery.js";
import { attachmentKind, fileName, fileTypeLabel, humanSize } from "../kit/files.js";
import { reactionChips as chipsOf } from "../kit/reactions.js";
import { replyQuote as quoteOf } from "../kit/replies.js";
import {
  attributesOf,
  chosenValues,
  contactName,
  contactPhones,
  csatResponse,
  formFields,
  formTitle,
  isAnswered,
  mailtoUrl,
  mapUrl,
  optionUrl,
  submittedForm,
  telUrl,
} from "../kit/rich.js";
import { safeUrl, webUrl } from "../kit/url.js";
import { MESSAGE_TYPE } from "../kit/wire.js";
import { formatDateTime, h } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";

/** @typedef {import("../kit/wire.js").Message & {status?: string}} Message */

const LINK_REL = "noopener noreferrer nofollow";

/** @param {unknown} value */
function text(value) {
  return typeof value === "string" || typeof value === "number" ? String(value) : "";
}

/** @param {unknown} value */
function list(value) {
  return Array.isArray(value) ? value : [];
}

/**
 * A link to an http(s) address in a new tab, or the words alone.
 * @param {unknown} url
 * @param {string} words
 * @param {string} [className]
 */
function webLink(url, words, className = "") {
  const href = webUrl(url);
  if (!href) return h("span", { class: className }, words);
  return h("a", { href, target: "_blank", rel: LINK_REL, class: className }, words);
}

// ---- Questions and their answers

/** @param {Message} m */
function answeredMark(m) {
  return isAnswered(m) ? h("p", { class: "rich-answered" }, gettext("Answered")) : h("p", { class: "rich-waiting muted small" }, gettext("Waiting for an answer"));
}

/** @param {Message} m an input_select message (menu or quick replies) */
function selectView(m) {
  const a = attributesOf(m);
  const chosen = chosenValues(m);
  const quick = a.quick_reply === true;
  const items = list(a.items).map((item) => {
    const picked = chosen.has(text(item && item.value));
    const words = text(item && item.title);
    return h(
      "li",
      { class: `rich-option${picked ? " chosen" : ""}` },
      picked ? h("span", { class: "rich-check", "aria-hidden": "true" }, "✓ ") : null,
      item && item.url ? webLink(optionUrl(item), words) : h("span", {}, words),
      picked ? h("span", { class: "visually-hidden" }, ` (${gettext("chosen")})`) : null,
    );
  });
  return h(
    "div",
    { class: `rich rich-select${quick ? " quick-reply" : ""}`, role: "group", "aria-label": quick ? gettext("Quick replies") : gettext("Menu") },
    a.header ? h("p", { class: "rich-header" }, text(a.header)) : null,
    h("ul", { class: "rich-options" }, items),
    a.footer ? h("p", { class: "rich-footer muted small" }, text(a.footer)) : null,
    answeredMark(m),
  );
}

/** A form field's type in words, by its `type` (the kit's FIELD_TYPE). */
/** @type {() => Record<string, string>} */
export const fieldTypeNames = () => ({
  text: gettext("Text"),
  text_area: gettext("Long text"),
  email: gettext("Email"),
  number: gettext("Number"),
  phone: gettext("Phone"),
  select: gettext("Choice"),
  checkbox: gettext("Checkbox"),
  date: gettext("Date"),
});

/** @param {Message} m a form message */
function formView(m) {
  const types = fieldTypeNames();
  const answers = submittedForm(m);
  const title = formTitle(m);
  return h(
    "div",
    { class: "rich rich-form", role: "group", "aria-label": title || gettext("Form") },
    title ? h("p", { class: "rich-form-title" }, title) : null,
    h(
      "ul",
      { class: "rich-fields" },
      formFields(m).map((field) =>
        h(
          "li",
          {},
          h("span", { class: "rich-field-label" }, field.label),
          field.required ? h("span", { class: "rich-required", title: gettext("Required") }, " *") : null,
          h("span", { class: "muted small" }, ` · ${types[field.type]}`),
          fieldNotes(field),
        ),
      ),
    ),
    answers.length ? h("dl", { class: "rich-submitted" }, answers.map((answer) => [h("dt", {}, answer.label), h("dd", {}, answerText(answer.value))])) : null,
    answeredMark(m),
  );
}

/**
 * What an agent reads of a field beyond its label: hidden or read-only with
 * its value, the pattern it must match and the error text the visitor gets.
 * @param {import("../kit/rich.js").FormField} field
 */
function fieldNotes(field) {
  const notes = [];
  if (field.hidden) notes.push(interpolate(gettext("hidden: %(value)s"), { value: field.value }));
  else if (field.readOnly) notes.push(interpolate(gettext("read-only: %(value)s"), { value: field.value }));
  if (field.pattern) notes.push(interpolate(gettext("pattern: %(pattern)s"), { pattern: field.pattern }));
  if (!notes.length) return null;
  return h("span", { class: "muted small rich-field-notes", title: field.errorText || null }, ` · ${notes.join(" · ")}`);
}

/**
 * A submitted value as words: checkboxes read yes/no.
 * @param {unknown} value
 */
function answerText(value) {
  if (value === true) return gettext("Yes");
  if (value === false) return gettext("No");
  return text(value);
}

/** @param {Message} m a cards message */
function cardsView(m) {
  const chosen = chosenValues(m);
  return h(
    "ul",
    { class: "rich rich-cards" },
    list(attributesOf(m).items).map((card) => {
      const image = webUrl(card && card.media_url);
      return h(
        "li",
        { class: "rich-card" },
        image ? h("img", { src: image, alt: "", loading: "lazy", referrerPolicy: "no-referrer" }) : null,
        h("p", { class: "rich-card-title" }, text(card && card.title)),
        card && card.description ? h("p", { class: "rich-card-description" }, text(card.description)) : null,
        h(
          "div",
          { class: "rich-card-actions" },
          list(card && card.actions).map((action) => {
            if (action && action.type === "link") return webLink(action.uri, text(action.text), "rich-action");
            const picked = chosen.has(text(action && action.payload));
            return h("span", { class: `rich-action postback${picked ? " chosen" : ""}` }, picked ? "✓ " : "", text(action && action.text));
          }),
        ),
      );
    }),
  );
}

/** @param {Message} m an article message */
function articleView(m) {
  return h(
    "ul",
    { class: "rich rich-articles" },
    list(attributesOf(m).items).map((item) =>
      h(
        "li",
        {},
        webLink(item && item.link, text(item && item.title), "rich-article-title"),
        item && item.description ? h("p", { class: "small" }, text(item.description)) : null,
      ),
    ),
  );
}

/** @param {Message} m an input_email message */
function emailView(m) {
  const answer = list(attributesOf(m).submitted_values)[0];
  const email = text(attributesOf(m).submitted_email) || text(answer && answer.value);
  return h(
    "div",
    { class: "rich rich-email" },
    h("p", { class: "muted small" }, gettext("Asks for the visitor's email")),
    email ? h("p", { class: "rich-answered" }, interpolate(gettext("Answered: %(email)s"), { email })) : answeredMark(m),
  );
}

// The faces of the emoji scale, from 1 to 5 (csat/views.py draws the same).
const CSAT_FACES = ["😞", "😑", "😐", "😀", "😍"];

/**
 * A rating as the survey showed it: a face on the emoji scale, else stars.
 * @param {Message} m the survey, or the visitor's answer to it
 * @param {number} rating
 * @returns {string}
 */
function ratingShown(m, rating) {
  if (attributesOf(m).display_type === "emoji") return CSAT_FACES[rating - 1];
  return "★".repeat(rating) + "☆".repeat(5 - rating);
}

/**
 * A small badge of the visitor's rating for the conversation list, when
 * `m` (the list's last message) is the answered survey or the answer.
 * @param {Message} m
 * @returns {HTMLElement | null}
 */
export function csatBadge(m) {
  const response = csatResponse(m);
  if (!response) return null;
  const words = interpolate(gettext("Rated %(rating)s out of 5"), { rating: response.rating });
  return h("span", { class: "chip csat-badge", title: words, "aria-label": words }, `★ ${response.rating}`);
}

/** @param {Message} m an input_csat message */
function csatView(m) {
  const response = csatResponse(m);
  const rating = response ? response.rating : 0;
  return h(
    "div",
    { class: "rich rich-csat" },
    h("p", { class: "muted small" }, gettext("Asks the visitor to rate the conversation")),
    response
      ? h(
          "p",
          { class: "rich-answered" },
          h("span", { class: "rich-stars", "aria-hidden": "true" }, ratingShown(m, rating)),
          " ",
          interpolate(gettext("Rating: %(rating)s/5"), { rating }),
        )
      : answeredMark(m),
    response && response.feedback ? h("p", { class: "rich-feedback" }, response.feedback) : null,
  );
}

/** @param {Message} m a location message */
function locationView(m) {
  const a = attributesOf(m);
  const href = mapUrl(a);
  const name = text(a.name) || gettext("Shared location");
  return h(
    "div",
    { class: "rich rich-location" },
    h("p", { class: "rich-location-name" }, h("span", { "aria-hidden": "true" }, "📍 "), name),
    a.address ? h("p", { class: "small" }, text(a.address)) : null,
    h("p", { class: "muted small mono-digits" }, `${text(a.latitude)}, ${text(a.longitude)}`),
    href ? h("a", { href, target: "_blank", rel: LINK_REL, class: "rich-map-link" }, gettext("Open map")) : null,
  );
}

/**
 * A phone or email link when the kit's rule made one, else the words.
 * @param {string | null | undefined} href
 * @param {string} words
 */
function addressLink(href, words) {
  return href ? h("a", { href }, words) : h("span", {}, words);
}

/** @param {Message} m a contacts message */
function contactsView(m) {
  return h(
    "ul",
    { class: "rich rich-contacts" },
    list(attributesOf(m).contacts).map((person) =>
      h(
        "li",
        { class: "rich-contact" },
        h("p", { class: "rich-contact-name" }, h("span", { "aria-hidden": "true" }, "👤 "), contactName(person || {})),
        person && person.organization ? h("p", { class: "small" }, text(person.organization)) : null,
        contactPhones(person || {}).map(({ phone, type }) =>
          h("p", { class: "small rich-phone" }, h("span", { "aria-hidden": "true" }, "☎ "), type ? h("span", { class: "muted rich-phone-type" }, `${type} `) : null, addressLink(telUrl(phone), phone)),
        ),
        list(person && person.emails).map((email) => h("p", { class: "small rich-email-address" }, h("span", { "aria-hidden": "true" }, "✉ "), addressLink(mailtoUrl(email), text(email)))),
      ),
    ),
  );
}

/** @type {Record<string, (m: Message) => HTMLElement>} */
const VIEWS = {
  input_select: selectView,
  form: formView,
  cards: cardsView,
  article: articleView,
  input_email: emailView,
  input_csat: csatView,
  location: locationView,
  contacts: contactsView,
};

/**
 * What `m`'s content type draws under its text, or null for plain text.
 * @param {Message} m
 * @returns {HTMLElement | null}
 */
export function richContent(m) {
  const view = VIEWS[m.content_type || "text"];
  return view ? view(m) : null;
}

/**
 * Whether `m`'s text repeats what its rich part shows (a location's or a
 * contact card's summary), so only the rich part is drawn.
 * @param {Message} m
 */
export function richReplacesText(m) {
  return m.content_type === "location" || m.content_type === "contacts";
}

// ---- The quoted message

/**
 * The quote of the message `m` replies to, above its text; clicking it shows
 * the quoted message when it is loaded.
 * @param {Message} m
 * @param {(id: number) => boolean} jump scrolls to a message, false when not loaded
 * @returns {HTMLElement | null}
 */
export function replyQuote(m, jump) {
  const quoted = quoteOf(m);
  if (!quoted) return null;
  const type = text(attributesOf(m).reply_to.content_type);
  const who = quoted.senderName || (quoted.messageType === MESSAGE_TYPE.INCOMING ? gettext("Visitor") : "");
  const words = quoted.deleted ? gettext("This message was deleted") : quoted.content || contentTypeName(type);
  const note = h("span", { class: "rich-quote-status small" });
  return h(
    "button",
    {
      type: "button",
      class: `reply-quote${quoted.deleted ? " deleted" : ""}`,
      "aria-label": interpolate(gettext("Replying to %(name)s: %(text)s"), { name: who, text: words }),
      onclick: () => {
        if (!jump(quoted.id)) note.textContent = ` ${gettext("(not loaded)")}`;
      },
    },
    who ? h("span", { class: "reply-quote-name" }, who) : null,
    h("span", { class: "reply-quote-text", dir: "auto" }, words),
    note,
  );
}

/**
 * A content type in words, for a quote of a message without text.
 * @param {string} type
 * @returns {string}
 */
export function contentTypeName(type) {
  /** @type {Record<string, string>} */
  const names = {
    input_select: gettext("Menu"),
    form: gettext("Form"),
    cards: gettext("Cards"),
    article: gettext("Articles"),
    input_email: gettext("Email request"),
    input_csat: gettext("Rating request"),
    location: gettext("Shared location"),
    contacts: gettext("Contact card"),
  };
  return names[type] || gettext("Message");
}

// ---- Reactions

/**
 * The reaction chips under `m`: one per emoji with its count; the agent's own
 * chip is pressed and clicking it takes the reaction back.
 * @param {Message} m
 * @param {{userId: number, onRemove: (m: Message) => void}} options
 * @returns {HTMLElement | null}
 */
export function reactionChips(m, { userId, onRemove }) {
  const chips = chipsOf(m, { senderType: "user", senderId: userId });
  if (!chips.length) return null;
  return h(
    "div",
    { class: "reactions", role: "group", "aria-label": gettext("Reactions") },
    chips.map(({ emoji, count, mine }) =>
      mine
        ? h(
            "button",
            { type: "button", class: "reaction mine", "aria-pressed": "true", title: gettext("Take your reaction back"), onclick: () => onRemove(m) },
            `${emoji} ${count}`,
          )
        : h("span", { class: "reaction" }, `${emoji} ${count}`),
    ),
  );
}

// ---- Delivery

/**
 * The delivery ticks of a message the agents' side sent: sent ✓, delivered
 * ✓✓, read ✓✓ (coloured), failed ⚠ with the reason.
 * @param {Message} m
 * @param {{seen: boolean}} options seen: the contact's last-seen mark is past it
 * @returns {HTMLElement | null}
 */
export function deliveryTicks(m, { seen }) {
  if (m.message_type !== MESSAGE_TYPE.OUTGOING || m.private || !m.id) return null;
  const delivery = deliveryState(m);
  // The contact's last-seen mark reads messages the status has not caught up with.
  const status = delivery.status === "failed" ? "failed" : seen ? "read" : delivery.status || "sent";
  if (status === "failed") {
    const reason = delivery.reason || gettext("Not delivered");
    return h("span", { class: "ticks failed", dataset: { status }, title: reason }, h("span", { "aria-hidden": "true" }, `${DELIVERY_TICKS.failed} `), interpolate(gettext("Failed: %(reason)s"), { reason }));
  }
  /** @type {Record<string, string>} */
  const names = { sent: gettext("Sent"), delivered: gettext("Delivered"), read: gettext("Read") };
  /** @type {Record<string, string>} */
  const ticks = DELIVERY_TICKS;
  const label = names[status] || names.sent;
  const readAt = status === "read" ? seenAt(m) : null;
  // Hover tells when the contact read it; the words stay "Read" for readers.
  const title = readAt ? interpolate(gettext("Read %(time)s"), { time: formatDateTime(readAt) }) : label;
  return h(
    "span",
    { class: `ticks ${status}`, dataset: { status }, title },
    h("span", { "aria-hidden": "true" }, ticks[status]),
    h("span", { class: "visually-hidden" }, label),
  );
}

// ---- Attachments

/**
 * An attachment: images inline (opening the viewer), audio and video with
 * players, other files with their name, size and type.
 * @param {import("../kit/wire.js").Attachment} attachment
 * @param {(url: string, alt: string, opener: HTMLElement) => void} view opens the image viewer
 */
export function attachmentView(attachment, view) {
  const url = safeUrl(attachment.data_url);
  const name = fileName(attachment) || `file.${attachment.extension || "bin"}`;
  const kind = attachmentKind(attachment);
  if (!url) return h("span", { class: "attachment muted" }, name);
  if (kind === "image") {
    const thumb = safeUrl(attachment.thumb_url) || url;
    const alt = interpolate(gettext("Image %(name)s"), { name });
    const button = h("button", { type: "button", class: "attachment image", dataset: { attachmentId: String(attachment.id) }, "aria-label": interpolate(gettext("View image %(name)s"), { name }) }, h("img", { src: thumb, alt, loading: "lazy" }));
    button.addEventListener("click", () => view(url, alt, button));
    return button;
  }
  if (kind === "audio") {
    return h("figure", { class: "attachment media" }, h("audio", { controls: true, preload: "metadata", src: url, "aria-label": name }), h("figcaption", { class: "small" }, name));
  }
  if (kind === "video") {
    return h("figure", { class: "attachment media" }, h("video", { controls: true, preload: "metadata", src: url, "aria-label": name }), h("figcaption", { class: "small" }, name));
  }
  const size = attachment.file_size ? humanSize(attachment.file_size, document.documentElement.lang || "en") : "";
  const details = [fileTypeLabel(attachment), size].filter(Boolean).join(" · ");
  return h(
    "a",
    { href: url, target: "_blank", rel: "noopener", class: "attachment file", download: "" },
    h("span", { class: "file-icon", "aria-hidden": "true" }, "📄"),
    h("span", { class: "file-name" }, interpolate(gettext("Download %(name)s"), { name })),
    details ? h("span", { class: "file-details small" }, details) : null,
  );
}

/**
 * Show an image over the page; Escape, the close button or a click beside
 * the image closes it, and focus goes back to `opener`.
 * @param {string} url
 * @param {string} alt
 * @param {HTMLElement} opener
 */
export function openImageViewer(url, alt, opener) {
  const close = h("button", { type: "button", class: "button small viewer-close" }, gettext("Close"));
  const overlay = h(
    "div",
    { class: "image-viewer", role: "dialog", "aria-modal": "true", "aria-label": alt },
    h("img", { src: url, alt }),
    h("div", { class: "viewer-actions" }, h("a", { href: url, target: "_blank", rel: "noopener", class: "button small" }, gettext("Open in a new tab")), close),
  );
  const shut = () => {
    overlay.remove();
    // The thread may have been redrawn meanwhile: focus the opener's copy.
    const again = opener.isConnected ? opener : document.querySelector(`[data-attachment-id="${opener.dataset.attachmentId}"]`);
    if (again instanceof HTMLElement) again.focus();
  };
  close.addEventListener("click", shut);
  overlay.addEventListener("click", (event) => {
    if (event.target === overlay) shut();
  });
  overlay.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.stopPropagation();
      shut();
    } else if (event.key === "Tab") {
      // Focus stays inside the viewer while it is open.
      const stops = [...overlay.querySelectorAll("a, button")];
      const at = stops.indexOf(/** @type {Element} */ (document.activeElement));
      event.preventDefault();
      const next = stops[(at + (event.shiftKey ? stops.length - 1 : 1)) % stops.length];
      /** @type {HTMLElement} */ (next).focus();
    }
  });
  document.body.append(overlay);
  close.focus();
}
