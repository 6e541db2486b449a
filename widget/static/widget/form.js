// @ts-check
// A form message: its fields checked in the browser first (each problem
// written under its field, the first one focused; the server checks again),
// then, once answered, what the visitor sent, read-only.

import { h } from "../kit/dom.js";
import { FIELD_TYPE, formAnswer, formFields, formTitle, submittedForm } from "../kit/rich.js";
import { gettext } from "./i18n.js";
import { alertLine, send } from "./parts.js";

/** @typedef {import("../kit/wire.js").Message} Message */
/** @typedef {import("./rich.js").Answer} Answer */

// What each problem `formAnswer` finds reads as, in the visitor's language.
/** @type {Record<string, () => string>} */
const PROBLEMS = {
  required: () => gettext("This field is required."),
  email: () => gettext("Please enter a valid email address."),
  number: () => gettext("Please enter a number."),
  phone: () => gettext("Please enter a valid phone number."),
  date: () => gettext("Please enter a valid date."),
  option: () => gettext("Please choose one of the options."),
  pattern: () => gettext("Please match the requested format."),
};

/**
 * The words for a field's problem: a pattern's own error text when the form gives one.
 * @param {import("../kit/rich.js").FormField} field
 * @param {string} key
 */
function problemText(field, key) {
  if (key === "pattern" && field.errorText) return field.errorText;
  return PROBLEMS[key]();
}

/**
 * A form checked in the browser first: each problem is written under its
 * field and the first one gets focus; the server checks again.
 * @param {Message} message
 * @param {Answer} answer
 */
export function drawForm(message, answer) {
  const fields = formFields(message);
  const element = document.createElement("form");
  element.className = "rich rich-form";
  element.noValidate = true;
  const title = formTitle(message);
  element.setAttribute("aria-label", title || gettext("Form"));
  if (title) element.append(h("p", { class: "rich-form-title" }, title));
  /** @type {Map<string, {input: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, problem: HTMLElement}>} */
  const controls = new Map();
  for (const field of fields) {
    // A hidden field answers with the form's value, never drawn.
    if (field.hidden) continue;
    const id = `field-${message.id}-${field.name}`;
    const row = h("div", { class: `rich-field rich-field-${field.type}` });
    const label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = field.label;
    if (field.required) {
      const mark = h("span", { class: "rich-required" }, " *");
      mark.setAttribute("aria-hidden", "true");
      label.append(mark);
    }
    const input = fieldInput(field);
    input.id = id;
    input.name = field.name;
    if (field.required) input.setAttribute("aria-required", "true");
    if (field.readOnly) readOnly(input, field.value);
    const problem = h("p", { class: "rich-problem" });
    problem.id = `${id}-problem`;
    input.setAttribute("aria-describedby", problem.id);
    if (field.type === FIELD_TYPE.CHECKBOX) row.append(input, label, problem);
    else row.append(label, input, problem);
    controls.set(field.name, { input, problem });
    element.append(row);
  }
  const submit = h("button", { type: "submit", class: "rich-submit" }, gettext("Send"));
  const failure = alertLine();
  element.append(submit, failure);
  element.addEventListener("submit", async (event) => {
    event.preventDefault();
    /** @type {Record<string, string | boolean>} */
    const raw = {};
    for (const [name, { input }] of controls) {
      raw[name] = input instanceof HTMLInputElement && input.type === "checkbox" ? input.checked : input.value;
    }
    const { values, problems } = formAnswer(fields, raw);
    let first = null;
    for (const [name, { input, problem }] of controls) {
      const key = problems[name];
      const field = fields.find((each) => each.name === name);
      problem.textContent = key && field ? problemText(field, key) : "";
      if (key) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
      if (key && !first) first = input;
    }
    if (first) {
      first.focus();
      return;
    }
    await send(element, failure, () => answer(message, values));
  });
  return element;
}

/**
 * Shows a read-only field's value, not to be changed.
 * @param {HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement} input
 * @param {string} value
 */
function readOnly(input, value) {
  if (input instanceof HTMLSelectElement) {
    input.value = value;
    input.disabled = true;
  } else {
    input.value = value;
    input.readOnly = true;
  }
  input.classList.add("rich-read-only");
}

/** @param {import("../kit/rich.js").FormField} field */
function fieldInput(field) {
  if (field.type === FIELD_TYPE.TEXT_AREA) {
    const area = document.createElement("textarea");
    area.rows = 3;
    area.placeholder = field.placeholder;
    return area;
  }
  if (field.type === FIELD_TYPE.SELECT) {
    const select = document.createElement("select");
    const blank = document.createElement("option");
    blank.value = "";
    blank.textContent = field.placeholder || gettext("Choose one");
    select.append(blank);
    for (const choice of field.options) {
      const option = document.createElement("option");
      option.value = choice.value;
      option.textContent = choice.title;
      select.append(option);
    }
    return select;
  }
  const input = document.createElement("input");
  input.type = {
    [FIELD_TYPE.EMAIL]: "email",
    [FIELD_TYPE.NUMBER]: "number",
    [FIELD_TYPE.PHONE]: "tel",
    [FIELD_TYPE.CHECKBOX]: "checkbox",
    [FIELD_TYPE.DATE]: "date",
  }[field.type] || "text";
  if (field.type === FIELD_TYPE.NUMBER) input.step = "any";
  if (field.type === FIELD_TYPE.EMAIL) input.autocomplete = "email";
  if (field.type === FIELD_TYPE.PHONE) input.autocomplete = "tel";
  if (field.type !== FIELD_TYPE.CHECKBOX) input.placeholder = field.placeholder;
  return input;
}

/**
 * What the visitor sent, read-only.
 * @param {Message} message
 */
export function drawAnsweredForm(message) {
  const box = h("dl", { class: "rich rich-form-answered" });
  box.setAttribute("aria-label", gettext("Your answers"));
  for (const entry of submittedForm(message)) {
    let shown = String(entry.value);
    if (typeof entry.value === "boolean") shown = entry.value ? gettext("Yes") : gettext("No");
    box.append(h("dt", null, entry.label), h("dd", null, shown));
  }
  return box;
}
