// @ts-check
// The rich parts of an agent's message as the visitor sees them: menus and
// quick replies, forms, cards, articles, satisfaction surveys, locations and
// contact cards (RICH.md); forms are in form.js, surveys in survey.js. Every
// string from the message goes in as text and every address through the
// kit's rules (common/static/kit/rich.js, url.js).
// A question answers through `answer`; once answered it shows the answer.

import {
  CONTENT_TYPE,
  attributesOf,
  chosenValues,
  contactName,
  contactPhones,
  isAnswered,
  mailtoUrl,
  mapUrl,
  optionUrl,
  postbackAnswer,
  selectAnswer,
  telUrl,
  text,
} from "../kit/rich.js";
import { h } from "../kit/dom.js";
import { webUrl } from "../kit/url.js";
import { drawAnsweredForm, drawForm } from "./form.js";
import { gettext } from "./i18n.js";
import { alertLine, link, send } from "./parts.js";
import { drawSurvey } from "./survey.js";

/** @typedef {import("../kit/wire.js").Message} Message */

/**
 * Sends a question's answer (`submitted_values`); rejects with the server's message.
 * @typedef {(message: Message, values: any) => Promise<void>} Answer
 */

/**
 * The rich part of `message`, or null when it has none (text, email prompts).
 * @param {Message} message
 * @param {Answer} answer
 * @returns {HTMLElement | null}
 */
export function drawRich(message, answer) {
  const attributes = attributesOf(message);
  if (attributes.deleted) return null;
  switch (message.content_type) {
    case CONTENT_TYPE.INPUT_SELECT:
      return attributes.quick_reply === true ? quickReplies(message, answer) : menu(message, answer);
    case CONTENT_TYPE.FORM:
      return isAnswered(message) ? drawAnsweredForm(message) : drawForm(message, answer);
    case CONTENT_TYPE.CARDS:
      return cards(message, answer);
    case CONTENT_TYPE.ARTICLE:
      return articles(message);
    case CONTENT_TYPE.INPUT_CSAT:
      return drawSurvey(message, answer);
    case CONTENT_TYPE.LOCATION:
      return location(message);
    case CONTENT_TYPE.CONTACTS:
      return contactCards(message);
    default:
      return null;
  }
}

// ---- Menus and quick replies --------------------------------------------------

/** @param {Message} message */
function selectItems(message) {
  /** @type {Record<string, unknown>[]} */
  const items = Array.isArray(attributesOf(message).items) ? attributesOf(message).items : [];
  return items
    .filter((item) => item && typeof item === "object" && text(item.title))
    .map((item) => ({ id: text(item.id), title: text(item.title), value: text(item.value), url: optionUrl(item) }));
}

/**
 * A list of choices; the chosen one stays highlighted once answered.
 * @param {Message} message
 * @param {Answer} answer
 */
function menu(message, answer) {
  const box = h("div", { class: "rich rich-menu" });
  const attributes = attributesOf(message);
  if (text(attributes.header)) box.append(h("p", { class: "rich-header" }, attributes.header));
  const answered = isAnswered(message);
  const chosen = chosenValues(message);
  const items = h("ul", { class: "rich-options" });
  items.setAttribute("aria-label", gettext("Choose one"));
  const problem = alertLine();
  for (const item of selectItems(message)) {
    const row = document.createElement("li");
    const option = h("button", { type: "button", class: "rich-option" }, item.title);
    if (answered) {
      option.disabled = true;
      option.setAttribute("aria-pressed", String(chosen.has(item.value)));
      if (chosen.has(item.value)) option.classList.add("rich-chosen");
    } else {
      option.addEventListener("click", () => send(items, problem, () => answer(message, selectAnswer(item))));
    }
    row.append(option);
    if (item.url) row.append(link("rich-option-link", gettext("Open link"), item.url));
    items.append(row);
  }
  box.append(items, problem);
  if (text(attributes.footer)) box.append(h("p", { class: "rich-footer" }, attributes.footer));
  return box;
}

/**
 * Up to three buttons under the message that go once one is chosen (the
 * visitor's answer then shows as their own message).
 * @param {Message} message
 * @param {Answer} answer
 */
function quickReplies(message, answer) {
  const box = h("div", { class: "rich rich-quick" });
  const attributes = attributesOf(message);
  if (text(attributes.header)) box.append(h("p", { class: "rich-header" }, attributes.header));
  if (!isAnswered(message)) {
    const row = h("div", { class: "rich-quick-replies" });
    row.setAttribute("role", "group");
    row.setAttribute("aria-label", gettext("Quick replies"));
    const problem = alertLine();
    for (const item of selectItems(message)) {
      const choice = h("button", { type: "button", class: "rich-quick-reply" }, item.title);
      choice.addEventListener("click", () => send(row, problem, () => answer(message, selectAnswer(item))));
      row.append(choice);
    }
    box.append(row, problem);
  }
  if (text(attributes.footer)) box.append(h("p", { class: "rich-footer" }, attributes.footer));
  return box;
}

// ---- Cards and articles -------------------------------------------------------

/**
 * Cards with an image, title, description and up to three buttons: a link
 * opens in a new tab, a postback answers (and stays highlighted once chosen).
 * @param {Message} message
 * @param {Answer} answer
 */
function cards(message, answer) {
  const box = h("ul", { class: "rich rich-cards" });
  const answered = isAnswered(message);
  const chosen = chosenValues(message);
  const problem = alertLine();
  const items = Array.isArray(attributesOf(message).items) ? attributesOf(message).items : [];
  for (const item of items) {
    if (!item || typeof item !== "object") continue;
    const card = h("li", { class: "rich-card" });
    const image = webUrl(item.media_url);
    if (image) {
      const picture = document.createElement("img");
      picture.src = image;
      picture.alt = text(item.title);
      picture.loading = "lazy";
      picture.className = "rich-card-image";
      card.append(picture);
    }
    const body = h("div", { class: "rich-card-body" });
    body.dir = "auto";
    if (text(item.title)) body.append(h("p", { class: "rich-card-title" }, item.title));
    if (text(item.description)) body.append(h("p", { class: "rich-card-description" }, item.description));
    const actions = h("div", { class: "rich-card-actions" });
    for (const action of Array.isArray(item.actions) ? item.actions : []) {
      if (!action || typeof action !== "object" || !text(action.text)) continue;
      if (action.type === "link") {
        const uri = webUrl(action.uri);
        // An address that is not http(s) is shown as plain words, never a link.
        actions.append(uri ? link("rich-card-link", action.text, uri) : h("span", { class: "rich-card-link" }, action.text));
      } else if (action.type === "postback") {
        const choice = h("button", { type: "button", class: "rich-card-postback" }, action.text);
        if (answered) {
          choice.disabled = true;
          const picked = chosen.has(text(action.payload));
          choice.setAttribute("aria-pressed", String(picked));
          if (picked) choice.classList.add("rich-chosen");
        } else {
          choice.addEventListener("click", () => send(box, problem, () => answer(message, postbackAnswer(action))));
        }
        actions.append(choice);
      }
    }
    if (actions.childNodes.length) body.append(actions);
    card.append(body);
    box.append(card);
  }
  const wrapper = h("div", { class: "rich-cards-wrapper" });
  wrapper.append(box, problem);
  return wrapper;
}

/** @param {Message} message */
function articles(message) {
  const box = h("ul", { class: "rich rich-articles" });
  const items = Array.isArray(attributesOf(message).items) ? attributesOf(message).items : [];
  for (const item of items) {
    if (!item || typeof item !== "object" || !text(item.title)) continue;
    const row = h("li", { class: "rich-article" });
    row.dir = "auto";
    const href = webUrl(item.link);
    row.append(href ? link("rich-article-title", item.title, href) : h("span", { class: "rich-article-title" }, item.title));
    if (text(item.description)) row.append(h("p", { class: "rich-article-description" }, item.description));
    box.append(row);
  }
  return box;
}

// ---- Locations and contact cards ----------------------------------------------

/** @param {Message} message */
function location(message) {
  const attributes = attributesOf(message);
  const box = h("div", { class: "rich rich-location" });
  box.dir = "auto";
  box.append(h("p", { class: "rich-location-name" }, text(attributes.name) || gettext("Location")));
  if (text(attributes.address)) box.append(h("p", { class: "rich-location-address" }, attributes.address));
  const href = mapUrl(attributes);
  if (href) box.append(link("rich-location-map", gettext("Open map"), href));
  return box;
}

/** @param {Message} message */
function contactCards(message) {
  const box = h("ul", { class: "rich rich-contacts" });
  const people = Array.isArray(attributesOf(message).contacts) ? attributesOf(message).contacts : [];
  for (const person of people) {
    if (!person || typeof person !== "object") continue;
    const card = h("li", { class: "rich-contact" });
    card.dir = "auto";
    card.append(h("p", { class: "rich-contact-name" }, contactName(person) || gettext("Contact")));
    if (text(person.organization)) card.append(h("p", { class: "rich-contact-organization" }, person.organization));
    for (const { phone, type } of contactPhones(person)) {
      const href = telUrl(phone);
      const line = h("span", { class: "rich-contact-phone-line" });
      if (type) line.append(h("span", { class: "rich-contact-phone-type" }, type), " ");
      line.append(href ? link("rich-contact-phone", phone, href, false) : h("span", { class: "rich-contact-phone" }, phone));
      card.append(line);
    }
    for (const email of Array.isArray(person.emails) ? person.emails : []) {
      const href = mailtoUrl(email);
      card.append(href ? link("rich-contact-email", email, href, false) : h("span", { class: "rich-contact-email" }, text(email)));
    }
    box.append(card);
  }
  return box;
}

