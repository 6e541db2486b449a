// @ts-check
// Rich messages as both front ends read them (the contract: content_type and
// content_attributes, Chatwoot's model). Pure rules only, no drawing: what a
// question's answer is, what is wrong with a form's input, which link a
// location or a contact card opens. Each page draws with its own words; every
// address passes the kit's url.js rules. Beside it: files.js, reactions.js,
// replies.js and delivery.js.

import { safeUrl, webUrl } from "./url.js";

/** @typedef {import("./wire.js").Message} Message */
/** @typedef {import("./wire.js").Attachment} Attachment */

/** `content_type` values of rich messages. */
export const CONTENT_TYPE = Object.freeze({
  TEXT: "text",
  INPUT_SELECT: "input_select",
  FORM: "form",
  CARDS: "cards",
  ARTICLE: "article",
  INPUT_EMAIL: "input_email",
  INPUT_CSAT: "input_csat",
  LOCATION: "location",
  CONTACTS: "contacts",
  REACTION: "reaction",
});

/** A form field's `type`. */
export const FIELD_TYPE = Object.freeze({
  TEXT: "text",
  TEXT_AREA: "text_area",
  EMAIL: "email",
  NUMBER: "number",
  PHONE: "phone",
  SELECT: "select",
  CHECKBOX: "checkbox",
  DATE: "date",
});

// An address a person types: something@host.tld, nothing that could break out
// of a mailto: link or carry markup.
const EMAIL = /^[^\s@<>"'(),;:\\]+@[^\s@<>"'(),;:\\]+\.[^\s@<>"'(),;:\\]+$/;
const PHONE = /^\+?[0-9 ().-]{3,40}$/;
// What the server takes in a form's phone field (contacts/serializers.py PHONE_NUMBER).
const FORM_PHONE = /^\+?[0-9][0-9 ()./-]{2,30}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * @param {Message} message
 * @returns {Record<string, any>}
 */
export function attributesOf(message) {
  const attributes = message && message.content_attributes;
  return attributes && typeof attributes === "object" ? attributes : {};
}

/**
 * @param {unknown} value
 * @returns {string} `value` when it is a string, else ""
 */
export function text(value) {
  return typeof value === "string" ? value : "";
}

/**
 * @param {unknown} value
 * @returns {any[]} `value` when it is an array, else []
 */
export function arrayOf(value) {
  return Array.isArray(value) ? value : [];
}

/**
 * Whether a question (input_select, form, cards, input_csat, input_email) has its answer.
 * @param {Message} message
 */
export function isAnswered(message) {
  const attributes = attributesOf(message);
  return attributes.answered === true || attributes.submitted_values != null || Boolean(attributes.submitted_email);
}

/**
 * The `value`s a contact chose, for an answered menu, quick reply or card postback.
 * @param {Message} message
 * @returns {Set<string>}
 */
export function chosenValues(message) {
  const values = attributesOf(message).submitted_values;
  return new Set(arrayOf(values).map((entry) => (entry && typeof entry === "object" ? String(entry.value) : "")));
}

/**
 * The answer to a menu or quick reply item; an option's `id` goes back with it.
 * @param {{title: string, value: string, id?: unknown}} item
 * @returns {{title: string, value: string, id?: string}[]}
 */
export function selectAnswer(item) {
  /** @type {{title: string, value: string, id?: string}} */
  const answer = { title: text(item.title), value: text(item.value) };
  if (text(item.id)) answer.id = text(item.id);
  return [answer];
}

/**
 * The page a menu option opens: its http(s) `url` with its `params` added to
 * the query (encoded), "" when it opens none.
 * @param {Record<string, any>} item
 * @returns {string}
 */
export function optionUrl(item) {
  const base = webUrl(item && item.url);
  if (!base) return "";
  const url = new URL(base);
  for (const param of arrayOf(item.params)) {
    if (param && typeof param === "object" && text(param.name)) url.searchParams.append(param.name, text(param.value));
  }
  return webUrl(url.href);
}

/**
 * The answer to a card's postback button.
 * @param {{text: string, payload: string}} action
 */
export function postbackAnswer(action) {
  return [{ title: text(action.text), value: text(action.payload) }];
}

/**
 * The answer to a satisfaction survey.
 * @param {number} rating 1..5
 * @param {string} [feedback] left out when blank
 */
export function csatAnswer(rating, feedback = "") {
  /** @type {{rating: number, feedback_message?: string}} */
  const response = { rating };
  if (feedback.trim()) response.feedback_message = feedback.trim();
  return { csat_survey_response: response };
}

/**
 * The rating and feedback of an answered survey, or null.
 * @param {Message} message
 * @returns {{rating: number, feedback: string} | null}
 */
export function csatResponse(message) {
  const values = attributesOf(message).submitted_values;
  const response = values && typeof values === "object" ? values.csat_survey_response : null;
  if (!response || typeof response !== "object") return null;
  const rating = Number(response.rating);
  if (!Number.isInteger(rating) || rating < 1 || rating > 5) return null;
  return { rating, feedback: text(response.feedback_message) };
}

/**
 * @typedef {object} FormField
 * @property {string} name
 * @property {string} label
 * @property {string} type one of FIELD_TYPE
 * @property {boolean} required
 * @property {string} placeholder
 * @property {{title: string, value: string}[]} options
 * @property {string} pattern what the value must match ("" for any)
 * @property {string} errorText the form's own words when it does not
 * @property {boolean} hidden not shown; answers with `value`
 * @property {boolean} readOnly shown, not changed; answers with `value`
 * @property {string} value the value a hidden or read-only field answers with
 */

/**
 * A form's title, "" when it has none.
 * @param {Message} message
 */
export function formTitle(message) {
  return text(attributesOf(message).title);
}

/**
 * The well-formed fields of a form message (a malformed one is left out).
 * @param {Message} message
 * @returns {FormField[]}
 */
export function formFields(message) {
  const types = new Set(Object.values(FIELD_TYPE));
  return arrayOf(attributesOf(message).items)
    .filter((item) => item && typeof item === "object" && text(item.name) && types.has(item.type))
    .map((item) => ({
      name: item.name,
      label: text(item.label) || item.name,
      type: item.type,
      required: item.required === true,
      placeholder: text(item.placeholder),
      options: arrayOf(item.options)
        .filter((option) => option && typeof option === "object")
        .map((option) => ({ title: text(option.title), value: text(option.value) })),
      pattern: text(item.pattern),
      errorText: text(item.error_text),
      hidden: item.hidden === true,
      readOnly: item.read_only === true,
      value: text(item.value),
    }));
}

/**
 * What is wrong with one field's raw input: "required", "email", "number",
 * "phone", "date", "option", "pattern", or "" when it is fine.
 * @param {FormField} field
 * @param {string | boolean | undefined} raw a checkbox's checked state, else the typed text
 * @returns {string}
 */
export function fieldProblem(field, raw) {
  if (field.type === FIELD_TYPE.CHECKBOX) return field.required && raw !== true ? "required" : "";
  const value = typeof raw === "string" ? raw.trim() : "";
  if (!value) return field.required ? "required" : "";
  if (field.type === FIELD_TYPE.EMAIL && !EMAIL.test(value)) return "email";
  if (field.type === FIELD_TYPE.NUMBER && !Number.isFinite(Number(value))) return "number";
  if (field.type === FIELD_TYPE.PHONE && !FORM_PHONE.test(value)) return "phone";
  if (field.type === FIELD_TYPE.DATE && !isDate(value)) return "date";
  if (field.type === FIELD_TYPE.SELECT && !field.options.some((option) => option.value === value)) return "option";
  if (field.pattern && !matches(field.pattern, value)) return "pattern";
  return "";
}

/**
 * Whether `value` matches a form's pattern. A pattern the browser cannot read
 * passes here: the server checks every answer with its own engine.
 * @param {string} pattern
 * @param {string} value
 */
function matches(pattern, value) {
  try {
    return new RegExp(pattern, "u").test(value);
  } catch {
    return true;
  }
}

/** @param {string} value YYYY-MM-DD */
function isDate(value) {
  if (!DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * A form's answer from its raw inputs: `values` ready to submit (blank
 * optional fields left out; a number as a number, a checkbox as a boolean)
 * and `problems` by field name (empty when the form may be sent).
 * @param {FormField[]} fields
 * @param {Record<string, string | boolean>} raw
 * @returns {{values: {name: string, value: string | number | boolean}[], problems: Record<string, string>}}
 */
export function formAnswer(fields, raw) {
  const values = [];
  /** @type {Record<string, string>} */
  const problems = {};
  for (const field of fields) {
    if (field.hidden || field.readOnly) {
      values.push({ name: field.name, value: field.value });
      continue;
    }
    const input = raw[field.name];
    const problem = fieldProblem(field, input);
    if (problem) {
      problems[field.name] = problem;
    } else if (field.type === FIELD_TYPE.CHECKBOX) {
      values.push({ name: field.name, value: input === true });
    } else if (typeof input === "string" && input.trim()) {
      const value = input.trim();
      values.push({ name: field.name, value: field.type === FIELD_TYPE.NUMBER ? Number(value) : value });
    }
  }
  return { values, problems };
}

/**
 * The submitted values of an answered form, as label and value in the form's
 * order (a select shows its option's title).
 * @param {Message} message
 * @returns {{name: string, label: string, value: string | number | boolean}[]}
 */
export function submittedForm(message) {
  /** @type {Map<string, any>} */
  const values = new Map();
  for (const entry of arrayOf(attributesOf(message).submitted_values)) {
    if (entry && typeof entry === "object" && typeof entry.name === "string") values.set(entry.name, entry.value);
  }
  return formFields(message)
    .filter((field) => values.has(field.name))
    .map((field) => {
      const value = values.get(field.name);
      const option = field.options.find((choice) => choice.value === value);
      const shown = typeof value === "boolean" || typeof value === "number" ? value : String(value ?? "");
      return { name: field.name, label: field.label, value: option ? option.title : shown };
    });
}

/**
 * The map a location opens: its own `url` (http/https) or OpenStreetMap at its
 * coordinates; "" when it has neither.
 * @param {Record<string, any>} location a location message's content_attributes
 * @returns {string}
 */
export function mapUrl(location) {
  const own = webUrl(location && location.url);
  if (own) return own;
  const latitude = Number(location && location.latitude);
  const longitude = Number(location && location.longitude);
  const valid = Number.isFinite(latitude) && Number.isFinite(longitude)
    && Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180
    && location.latitude !== null && location.longitude !== null && location.latitude !== "" && location.longitude !== "";
  if (!valid) return "";
  return `https://www.openstreetmap.org/?mlat=${latitude}&mlon=${longitude}#map=16/${latitude}/${longitude}`;
}

/**
 * A contact card's name as read: its text, or a structured name's formatted
 * name, else its parts ("Dr Ana Maria Silva Jr").
 * @param {Record<string, any>} person
 * @returns {string}
 */
export function contactName(person) {
  const name = person && person.name;
  if (typeof name === "string") return name;
  if (!name || typeof name !== "object") return "";
  if (text(name.formatted_name).trim()) return text(name.formatted_name).trim();
  return ["prefix", "first_name", "middle_name", "last_name", "suffix"]
    .map((part) => text(name[part]).trim())
    .filter(Boolean)
    .join(" ");
}

/**
 * A contact card's phones: the number and its kind ("Mobile", "" when not
 * given), from plain numbers or `{phone, type}`.
 * @param {Record<string, any>} person
 * @returns {{phone: string, type: string}[]}
 */
export function contactPhones(person) {
  return arrayOf(person && person.phones)
    .map((entry) => (entry && typeof entry === "object"
      ? { phone: text(entry.phone), type: text(entry.type) }
      : { phone: text(entry), type: "" }))
    .filter((entry) => entry.phone);
}

/**
 * A `tel:` link for a phone number as written ("+1 (555) 010-0199"), "" when
 * it is not one.
 * @param {unknown} phone
 */
export function telUrl(phone) {
  const value = text(phone).trim();
  if (!PHONE.test(value)) return "";
  const digits = value.replace(/[^\d+]/g, "");
  return digits.replace(/\D/g, "").length >= 3 ? `tel:${digits}` : "";
}

/**
 * A `mailto:` link for an email address, "" when it is not one.
 * @param {unknown} email
 */
export function mailtoUrl(email) {
  const value = text(email).trim();
  return EMAIL.test(value) ? safeUrl(`mailto:${value}`) : "";
}
