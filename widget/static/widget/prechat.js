// @ts-check
// The inbox's pre-chat form (accounts/prechat.py): before the first message a
// visitor answers the fields the inbox asks for, checked here as the server
// checks them again (required, email, phone, each attribute's type, list
// values and pattern); the conversation opens with the answers and the message.
import { h, replaceChildren } from "../kit/dom.js";
import { fieldErrors } from "../kit/field_errors.js";
import { gettext } from "./i18n.js";
import { $, errorMessage, hideError } from "./page.js";

/**
 * A field of the form, as the inbox API gives it.
 * @typedef {{name: string, type: string, label: string, placeholder?: string, required: boolean,
 *   field_type: string, values: string[], regex_pattern: string | null, regex_cue: string | null}} PreChatField
 */
/** @typedef {{pre_chat_message: string, pre_chat_fields: PreChatField[]}} PreChatForm */

// The server's rules of the contact's standard details (contacts/serializers.py).
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// Patterns with a "/" in a class are built from strings: makemessages' parser
// would take that "/" for the literal's end.
const PHONE = new RegExp("^\\+?[0-9][0-9 ()./-]{2,30}$");
const LINK = new RegExp("^https?://[^\\s/]+", "i");
const NUMERIC = new Set(["number", "currency", "percent"]);
const INPUT_TYPES = /** @type {Record<string, string>} */ ({
  email: "email", number: "number", currency: "number", percent: "number", link: "url", date: "date",
});

/** @param {PreChatField} field the answer's path in the server's errors */
function pathOf(field) {
  if (field.field_type === "standard") return `contact.${field.name}`;
  if (field.field_type === "contact_attribute") return `contact.custom_attributes.${field.name}`;
  return `custom_attributes.${field.name}`;
}

/** @param {PreChatField} field */
function labelOf(field) {
  const standard = /** @type {Record<string, string>} */ ({
    name: gettext("Name"), email: gettext("Email"), phone_number: gettext("Phone number"),
  });
  return field.label || standard[field.name] || field.name;
}

/** @param {PreChatField} field */
function inputOf(field) {
  const id = `pre-chat-${field.field_type}-${field.name}`;
  if (field.type === "list") {
    return h("select", { id, name: id },
      h("option", { value: "" }, gettext("Choose…")),
      field.values.map((value) => h("option", { value }, value)));
  }
  if (field.type === "checkbox") return h("input", { id, name: id, type: "checkbox" });
  return h("input", {
    id, name: id, type: INPUT_TYPES[field.type] || "text", step: NUMERIC.has(field.type) ? "any" : null,
    placeholder: field.placeholder || null, autocomplete: field.name === "email" ? "email" : null,
  });
}

/**
 * The answer of one input, undefined when blank; a refusal as Error.
 * @param {PreChatField} field
 * @param {HTMLInputElement | HTMLSelectElement} input
 * @returns {string | number | boolean | undefined}
 */
function answerOf(field, input) {
  if (field.type === "checkbox") {
    const checked = /** @type {HTMLInputElement} */ (input).checked;
    if (field.required && !checked) throw new Error(gettext("This field is required."));
    return checked;
  }
  const value = input.value.trim();
  if (!value) {
    if (field.required) throw new Error(gettext("This field is required."));
    return undefined;
  }
  if (field.name === "email" && field.field_type === "standard" && !EMAIL.test(value)) {
    throw new Error(gettext("Enter a valid email address."));
  }
  if (field.name === "phone_number" && field.field_type === "standard" && !PHONE.test(value)) {
    throw new Error(gettext("Use digits, spaces and an optional leading +."));
  }
  if (NUMERIC.has(field.type) && !Number.isFinite(Number(value))) throw new Error(gettext("Must be a number."));
  if (field.type === "link" && !LINK.test(value)) {
    throw new Error(gettext("Must be an http or https link."));
  }
  if (field.regex_pattern && !matches(field.regex_pattern, value)) {
    throw new Error(field.regex_cue || gettext("Does not match the expected format."));
  }
  return NUMERIC.has(field.type) ? Number(value) : value;
}

/**
 * @param {string} pattern an administrator's pattern (the server has the last word)
 * @param {string} value
 */
function matches(pattern, value) {
  try {
    return new RegExp(pattern).test(value);
  } catch {
    return true;
  }
}

/**
 * @typedef {object} PreChatParts
 * @property {PreChatForm | null | undefined} form
 * @property {import("./state.js").WidgetState} state
 * @property {import("./api.js").WidgetApi} api
 * @property {{ensure: () => Promise<void>, adopt: (data: any) => void}} session
 * @property {import("./thread.js").Thread} thread
 */

/**
 * The form in the thread's place while it is to be answered.
 * @param {PreChatParts} parts
 */
export function createPreChat({ form, state, api, session, thread }) {
  const box = $("pre-chat");

  /** Show the form when the inbox asks for it and no conversation is open. */
  function refresh() {
    const wanted = Boolean(form) && !state.conversation;
    box.hidden = !wanted;
    $("composer").hidden = wanted;
    $("thread").hidden = wanted;
    if (wanted && form) draw(form);
  }

  /** @param {PreChatForm} shown */
  function draw(shown) {
    const contact = /** @type {Record<string, unknown>} */ (state.session?.contact || {});
    const fields = shown.pre_chat_fields.filter(
      (field) => !(field.field_type === "standard" && contact[field.name]),
    );
    /** @type {Map<string, {field: PreChatField, input: HTMLInputElement | HTMLSelectElement, problem: HTMLElement}>} */
    const rows = new Map();
    const rowsOf = fields.map((field) => {
      const input = inputOf(field);
      const problem = h("p", { class: "pre-chat-problem", role: "alert" });
      rows.set(pathOf(field), { field, input, problem });
      const mark = field.required ? h("span", { class: "pre-chat-required", "aria-hidden": "true" }, " *") : null;
      input.required = field.required;
      return h("div", { class: `pre-chat-row pre-chat-${field.type}` },
        h("label", { for: input.id }, labelOf(field), mark), input, problem);
    });
    const message = h("textarea", { id: "pre-chat-message", rows: 3, maxlength: 10000, required: true });
    const messageProblem = h("p", { class: "pre-chat-problem", role: "alert" });
    const submit = h("button", { type: "submit", class: "pre-chat-submit" }, gettext("Start the conversation"));
    const element = h("form", { class: "pre-chat-form", novalidate: true },
      shown.pre_chat_message ? h("p", { class: "pre-chat-intro", dir: "auto" }, shown.pre_chat_message) : null,
      rowsOf,
      h("div", { class: "pre-chat-row" },
        h("label", { for: "pre-chat-message" }, gettext("Your message"),
          h("span", { class: "pre-chat-required", "aria-hidden": "true" }, " *")),
        message, messageProblem),
      submit);
    element.addEventListener("submit", (event) => {
      event.preventDefault();
      start(rows, message, messageProblem, submit);
    });
    replaceChildren(box, element);
  }

  /**
   * Check every answer here, then open the conversation; a field the server
   * refuses shows its message beside the input.
   * @param {Map<string, {field: PreChatField, input: HTMLInputElement | HTMLSelectElement, problem: HTMLElement}>} rows
   * @param {HTMLTextAreaElement} message
   * @param {HTMLElement} messageProblem
   * @param {HTMLButtonElement} submit
   */
  async function start(rows, message, messageProblem, submit) {
    /** @type {{contact: Record<string, any>, custom_attributes: Record<string, any>}} */
    const body = { contact: { custom_attributes: {} }, custom_attributes: {} };
    let first = /** @type {HTMLElement | null} */ (null);
    for (const { field, input, problem } of rows.values()) {
      problem.textContent = "";
      try {
        const value = answerOf(field, input);
        if (value === undefined) continue;
        if (field.field_type === "standard") body.contact[field.name] = value;
        else if (field.field_type === "contact_attribute") body.contact.custom_attributes[field.name] = value;
        else body.custom_attributes[field.name] = value;
      } catch (error) {
        problem.textContent = errorMessage(error);
        first ||= input;
      }
    }
    messageProblem.textContent = message.value.trim() ? "" : gettext("This field is required.");
    if (messageProblem.textContent) first ||= message;
    if (first) {
      first.focus();
      return;
    }
    submit.disabled = true;
    try {
      await session.ensure();
      session.adopt(await api.startConversation({ ...body, message: { content: message.value } }));
      thread.merge((await api.messages({})).payload);
      hideError();
      refresh();
    } catch (error) {
      const found = fieldErrors(/** @type {{body?: {errors?: unknown}}} */ (error).body?.errors);
      const path = Object.keys(found).find((key) => rows.has(key));
      const row = path ? rows.get(path) : undefined;
      if (row) {
        row.problem.textContent = found[/** @type {string} */ (path)];
        row.input.focus();
      } else {
        messageProblem.textContent = errorMessage(error);
      }
    } finally {
      submit.disabled = false;
    }
  }

  return { refresh };
}
