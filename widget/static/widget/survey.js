// @ts-check
// A satisfaction survey (input_csat): five ratings as a radio group (arrow
// keys move along it) and an optional comment; once answered, the rating and
// comment read-only.

import { h } from "../kit/dom.js";
import { csatAnswer, csatResponse, isAnswered } from "../kit/rich.js";
import { gettext, interpolate } from "./i18n.js";
import { alertLine, send } from "./parts.js";

/** @typedef {import("../kit/wire.js").Message} Message */
/** @typedef {import("./rich.js").Answer} Answer */

const RATINGS = [1, 2, 3, 4, 5];
// The inbox's scale (`display_type`): faces from 1 to 5, or stars.
const FACES = ["😞", "😑", "😐", "😀", "😍"];

/**
 * What a rating's button shows: its face, a star, or its number for a
 * survey that names no scale.
 * @param {Message} message
 * @param {number} value
 * @returns {string}
 */
function face(message, value) {
  const scale = message.content_attributes && message.content_attributes.display_type;
  if (scale === "emoji") return FACES[value - 1];
  if (scale === "star") return "★";
  return String(value);
}

/**
 * Five rating buttons and an optional comment; once answered, the rating and
 * comment read-only.
 * @param {Message} message
 * @param {Answer} answer
 */
export function drawSurvey(message, answer) {
  const response = csatResponse(message);
  if (response || isAnswered(message)) {
    const done = h("div", { class: "rich rich-csat rich-csat-answered" });
    if (response) {
      const stars = h("p", { class: "rich-csat-stars" }, `${"★".repeat(response.rating)}${"☆".repeat(5 - response.rating)}`);
      stars.setAttribute("aria-label", interpolate(gettext("You rated %(rating)s out of 5"), { rating: response.rating }));
      done.append(stars);
      if (response.feedback) done.append(h("p", { class: "rich-csat-feedback" }, response.feedback));
    }
    done.append(h("p", { class: "rich-done" }, gettext("Thank you for your feedback!")));
    return done;
  }
  const element = document.createElement("form");
  element.className = "rich rich-csat";
  element.noValidate = true;
  const scale = message.content_attributes && message.content_attributes.display_type;
  const group = h("div", { class: `rich-csat-ratings${scale === "star" ? " rich-csat-star" : ""}` });
  group.setAttribute("role", "radiogroup");
  group.setAttribute("aria-label", gettext("Rate this conversation"));
  let rating = 0;
  /** @type {HTMLButtonElement[]} */
  const choices = [];
  /** @param {number} value */
  const pick = (value) => {
    rating = value;
    for (const choice of choices) {
      const on = Number(choice.dataset.rating) === value;
      choice.setAttribute("aria-checked", String(on));
      // On a star scale the stars up to the rating light up.
      choice.classList.toggle("lit", Number(choice.dataset.rating) <= value);
      choice.tabIndex = on ? 0 : -1;
    }
  };
  for (const value of RATINGS) {
    const choice = h("button", { type: "button", class: "rich-csat-rating" }, face(message, value));
    choice.dataset.rating = String(value);
    choice.setAttribute("role", "radio");
    choice.setAttribute("aria-checked", "false");
    choice.setAttribute("aria-label", interpolate(gettext("%(rating)s out of 5"), { rating: value }));
    choice.tabIndex = value === 1 ? 0 : -1;
    choice.addEventListener("click", () => pick(value));
    // Arrow keys move along the radio group, as in any radio group.
    choice.addEventListener("keydown", (event) => {
      const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
      if (!step) return;
      event.preventDefault();
      // Right to left, the right arrow goes back.
      const flip = document.documentElement.dir === "rtl" && /Left|Right/.test(event.key) ? -1 : 1;
      const next = Math.min(5, Math.max(1, (rating || value) + step * flip));
      pick(next);
      choices[next - 1].focus();
    });
    choices.push(choice);
    group.append(choice);
  }
  const id = `csat-${message.id}`;
  const label = document.createElement("label");
  label.htmlFor = id;
  label.textContent = gettext("Anything to add? (optional)");
  const feedback = document.createElement("textarea");
  feedback.id = id;
  feedback.rows = 2;
  feedback.maxLength = 1000;
  const submit = h("button", { type: "submit", class: "rich-submit" }, gettext("Send"));
  const problem = alertLine();
  element.append(group, label, feedback, submit, problem);
  element.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!rating) {
      problem.textContent = gettext("Please choose a rating.");
      choices[0].focus();
      return;
    }
    await send(element, problem, () => answer(message, csatAnswer(rating, feedback.value)));
  });
  return element;
}
