// @ts-check
// The composer's editors for messages beyond text (RICH.md): quick replies, a
// menu, a form, a location and a contact card. The server checks every field;
// a 400 shows beside the field its path names.

import { fieldErrors } from "../kit/field_errors.js";
import { FIELD_TYPE } from "../kit/rich.js";
import { h, replaceChildren } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";
import { fieldTypeNames } from "./rich.js";

/** @typedef {import("../kit/wire.js").Message} Message */

/** @param {string} value */
function splitList(value) {
  return value
    .split(/[,\n]/)
    .map((part) => part.trim())
    .filter(Boolean);
}

/**
 * An input with its label and a place for its error; `path` is the request
 * field it fills ("content_attributes.items.0.title").
 * @param {string} label
 * @param {string} path
 * @param {HTMLElement} [control]
 */
function field(label, path, control = h("input", { type: "text" })) {
  const error = h("p", { class: "field-error small", dataset: { errorFor: path } });
  const id = `rich-${path.replace(/\W/g, "-")}`;
  control.id = id;
  control.dataset.path = path;
  error.id = `${id}-error`;
  control.setAttribute("aria-describedby", error.id);
  return { control, element: h("div", { class: "field" }, h("label", { for: id }, label), control, error) };
}

/** @param {HTMLElement} control */
function value(control) {
  return /** @type {HTMLInputElement} */ (control).value;
}

/**
 * Rows the agent adds and removes (options, form fields): `build(index)`
 * draws a row and returns its element and a reader of its value.
 * @template T
 * @param {{rowLabel: string, addLabel: string, removeLabel: string, max: number, build: (index: number) => {element: HTMLElement, read: () => T}}} options
 */
function rows({ rowLabel, addLabel, removeLabel, max, build }) {
  /** @type {{element: HTMLElement, read: () => T}[]} */
  let held = [];
  const box = h("div", { class: "rich-rows" });
  const add = h("button", { type: "button", class: "button small", onclick: () => (push(), focusLast()) }, addLabel);
  function redraw() {
    // Indexes name the request fields: rows are rebuilt keeping their values.
    const values = held.map((row) => row.read());
    held = values.map((_, index) => build(index));
    held.forEach((row, index) => fill(row.element, values[index]));
    replaceChildren(
      box,
      held.map((row, index) =>
        h(
          "div",
          { class: "rich-row", role: "group", "aria-label": interpolate(rowLabel, { n: index + 1 }) },
          row.element,
          h(
            "button",
            {
              type: "button",
              class: "link-button rich-row-remove",
              "aria-label": interpolate(removeLabel, { n: index + 1 }),
              onclick: () => (held.splice(index, 1), redraw()),
            },
            "✕",
          ),
        ),
      ),
    );
    add.disabled = held.length >= max;
  }
  function push() {
    held.push(build(held.length));
    redraw();
  }
  function focusLast() {
    const inputs = box.querySelectorAll(".rich-row:last-child input");
    if (inputs[0] instanceof HTMLElement) inputs[0].focus();
  }
  return { element: h("div", { class: "rich-rows-box" }, box, add), push, read: () => held.map((row) => row.read()) };
}

/**
 * Put back a row's values after a redraw (inputs by their order).
 * @param {HTMLElement} element
 * @param {unknown} values a row's reading
 */
function fill(element, values) {
  const controls = element.querySelectorAll("input, select");
  const list = Object.values(/** @type {object} */ (values));
  controls.forEach((control, index) => {
    if (control instanceof HTMLInputElement && control.type === "checkbox") control.checked = Boolean(list[index]);
    else if (control instanceof HTMLInputElement || control instanceof HTMLSelectElement) control.value = String(list[index] ?? "");
    control.dispatchEvent(new Event("change"));
  });
}

// ---- One editor per kind: its fields and the message it sends

/**
 * @typedef {object} Editor
 * @property {HTMLElement} element its fields
 * @property {() => {content: string, content_type: string, content_attributes: Record<string, any>}} message what it sends
 */

/**
 * A menu, or quick replies (`quick`): a question and its options.
 * @param {boolean} quick
 * @returns {Editor}
 */
function selectEditor(quick) {
  const title = field(gettext("Question"), "content");
  const options = rows({
    rowLabel: gettext("Option %(n)s"),
    addLabel: gettext("Add option"),
    removeLabel: gettext("Remove option %(n)s"),
    max: quick ? 3 : 10,
    build: (index) => {
      const optionTitle = field(gettext("Option"), `content_attributes.items.${index}.title`);
      const optionValue = field(gettext("Value (optional)"), `content_attributes.items.${index}.value`);
      return {
        element: h("div", { class: "row" }, optionTitle.element, optionValue.element),
        read: () => ({ title: value(optionTitle.control), value: value(optionValue.control) }),
      };
    },
  });
  options.push();
  options.push();
  return {
    element: h("div", { class: "stack" }, title.element, h("p", { class: "small muted" }, quick ? gettext("Up to 3 buttons, gone once the visitor picks one.") : gettext("A list the visitor picks from.")), options.element),
    message: () => ({
      content: value(title.control),
      content_type: "input_select",
      content_attributes: {
        items: options.read().map((option) => ({ title: option.title, value: option.value || option.title })),
        ...(quick ? { quick_reply: true } : {}),
      },
    }),
  };
}

/** @returns {Editor} */
function formEditor() {
  const title = field(gettext("Title"), "content");
  const typeNames = fieldTypeNames();
  const fields = rows({
    rowLabel: gettext("Field %(n)s"),
    addLabel: gettext("Add field"),
    removeLabel: gettext("Remove field %(n)s"),
    max: 20,
    build: (index) => {
      const path = `content_attributes.items.${index}`;
      const name = field(gettext("Name"), `${path}.name`);
      const label = field(gettext("Label"), `${path}.label`);
      const type = field(gettext("Type"), `${path}.type`, h("select", {}, Object.values(FIELD_TYPE).map((t) => h("option", { value: t }, typeNames[t]))));
      const required = h("input", { type: "checkbox", id: `rich-${path.replace(/\W/g, "-")}-required`, dataset: { path: `${path}.required` } });
      const options = field(gettext("Choices (comma-separated)"), `${path}.options`);
      const showOptions = () => (options.element.hidden = value(type.control) !== "select");
      type.control.addEventListener("change", showOptions);
      showOptions();
      return {
        element: h(
          "div",
          { class: "row" },
          name.element,
          label.element,
          type.element,
          h("label", { class: "rich-required-toggle", for: required.id }, required, " ", gettext("Required")),
          options.element,
        ),
        read: () => ({
          name: value(name.control),
          label: value(label.control),
          type: value(type.control),
          required: /** @type {HTMLInputElement} */ (required).checked,
          options: value(options.control),
        }),
      };
    },
  });
  fields.push();
  return {
    element: h("div", { class: "stack" }, title.element, fields.element),
    message: () => ({
      content: value(title.control),
      content_type: "form",
      content_attributes: {
        items: fields.read().map(({ options, ...item }) => ({
          ...item,
          ...(item.type === "select" ? { options: splitList(options).map((option) => ({ title: option, value: option })) } : {}),
        })),
      },
    }),
  };
}

/** @returns {Editor} */
function locationEditor() {
  const latitude = field(gettext("Latitude"), "content_attributes.latitude", h("input", { type: "text", inputMode: "decimal" }));
  const longitude = field(gettext("Longitude"), "content_attributes.longitude", h("input", { type: "text", inputMode: "decimal" }));
  const name = field(gettext("Place name (optional)"), "content_attributes.name");
  const address = field(gettext("Address (optional)"), "content_attributes.address");
  return {
    element: h("div", { class: "stack" }, h("div", { class: "row" }, latitude.element, longitude.element), name.element, address.element),
    message: () => {
      const placeName = value(name.control).trim();
      /** @type {Record<string, unknown>} */
      const attrs = { latitude: number(value(latitude.control)), longitude: number(value(longitude.control)) };
      if (placeName) attrs.name = placeName;
      if (value(address.control).trim()) attrs.address = value(address.control).trim();
      return { content: placeName, content_type: "location", content_attributes: attrs };
    },
  };
}

/**
 * A typed number as a number, else as typed (the server names the field).
 * @param {string} typed
 */
function number(typed) {
  const trimmed = typed.trim();
  return trimmed !== "" && Number.isFinite(Number(trimmed)) ? Number(trimmed) : trimmed;
}

/** @returns {Editor} */
function contactEditor() {
  const path = "content_attributes.contacts.0";
  const name = field(gettext("Name"), `${path}.name`);
  const phones = field(gettext("Phone numbers (comma-separated)"), `${path}.phones`);
  const emails = field(gettext("Emails (comma-separated)"), `${path}.emails`);
  const organization = field(gettext("Organization (optional)"), `${path}.organization`);
  return {
    element: h("div", { class: "stack" }, name.element, phones.element, emails.element, organization.element),
    message: () => {
      /** @type {{name: string, phones?: string[], emails?: string[], organization?: string}} */
      const person = { name: value(name.control) };
      if (splitList(value(phones.control)).length) person.phones = splitList(value(phones.control));
      if (splitList(value(emails.control)).length) person.emails = splitList(value(emails.control));
      if (value(organization.control).trim()) person.organization = value(organization.control).trim();
      return { content: person.name, content_type: "contacts", content_attributes: { contacts: [person] } };
    },
  };
}

const KINDS = () => [
  { key: "quick_reply", name: gettext("Quick replies"), editor: () => selectEditor(true) },
  { key: "menu", name: gettext("Menu"), editor: () => selectEditor(false) },
  { key: "form", name: gettext("Form"), editor: formEditor },
  { key: "location", name: gettext("Location"), editor: locationEditor },
  { key: "contacts", name: gettext("Contact card"), editor: contactEditor },
];

/**
 * The composer's "More" button and the editor panel it opens.
 * @param {import("./api.js").DashboardApi} api
 * @param {{conversationId: () => number | null, inReplyTo: () => number | null, onSent: (message: Message) => void, onToggle: (open: boolean) => void}} options
 */
export function createRichComposer(api, { conversationId, inReplyTo, onSent, onToggle }) {
  const kinds = KINDS();
  const button = h("button", { type: "button", class: "button small rich-toggle", "aria-expanded": "false", "aria-controls": "rich-editor", "data-capability": "send_message" }, gettext("More…"));
  const panel = h("section", { id: "rich-editor", class: "rich-editor", hidden: true, "aria-label": gettext("Rich message") });
  const kindSelect = h("select", { id: "rich-kind" }, kinds.map((kind) => h("option", { value: kind.key }, kind.name)));
  const body = h("div", { class: "rich-editor-body" });
  const general = h("p", { class: "form-error small", role: "alert", hidden: true });
  const sendButton = h("button", { type: "submit", class: "button primary small" }, gettext("Send"));
  let editor = kinds[0].editor();
  const form = h(
    "form",
    { class: "stack", novalidate: true, onsubmit: (/** @type {Event} */ event) => (event.preventDefault(), send()) },
    h("div", { class: "row rich-editor-head" }, h("label", { for: "rich-kind" }, gettext("Send")), kindSelect, h("button", { type: "button", class: "button small", onclick: () => setOpen(false) }, gettext("Cancel"))),
    body,
    general,
    h("div", { class: "row" }, sendButton),
  );
  panel.append(form);
  kindSelect.addEventListener("change", () => choose(value(kindSelect)));

  /** @param {string} key a kind's key */
  function choose(key) {
    const kind = kinds.find((k) => k.key === key) || kinds[0];
    editor = kind.editor();
    replaceChildren(body, editor.element);
    showErrors({});
  }

  /** @param {boolean} open */
  function setOpen(open) {
    panel.hidden = !open;
    button.setAttribute("aria-expanded", String(open));
    onToggle(open);
    if (open) {
      choose(value(kindSelect));
      kindSelect.focus();
    } else {
      button.focus();
    }
  }
  button.addEventListener("click", () => setOpen(panel.hidden));
  panel.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.stopPropagation();
      setOpen(false);
    }
  });

  /** @param {Record<string, string>} errors by request path */
  function showErrors(errors) {
    const controls = [...panel.querySelectorAll("[data-path]")].map((c) => /** @type {HTMLElement} */ (c));
    panel.querySelectorAll("[data-error-for]").forEach((p) => (p.textContent = ""));
    controls.forEach((c) => c.removeAttribute("aria-invalid"));
    const unplaced = [];
    for (const [path, message] of Object.entries(errors)) {
      // The deepest input whose path the error's path starts with.
      const control = controls
        .filter((c) => path === c.dataset.path || path.startsWith(`${c.dataset.path}.`))
        .sort((a, b) => (b.dataset.path || "").length - (a.dataset.path || "").length)[0];
      const slot = control && panel.querySelector(`[data-error-for="${control.dataset.path}"]`);
      if (control && slot) {
        slot.textContent = [slot.textContent, message].filter(Boolean).join(" ");
        control.setAttribute("aria-invalid", "true");
      } else {
        unplaced.push(path ? `${path}: ${message}` : message);
      }
    }
    general.textContent = unplaced.join(" ");
    general.hidden = !unplaced.length;
    const first = panel.querySelector('[aria-invalid="true"]');
    if (first instanceof HTMLElement) first.focus();
  }

  async function send() {
    const id = conversationId();
    if (!id) return;
    const message = editor.message();
    const replyTo = inReplyTo();
    if (replyTo) message.content_attributes.in_reply_to = replyTo;
    sendButton.disabled = true;
    try {
      const sent = await api.post(`conversations/${id}/messages`, { ...message, private: false });
      showErrors({});
      setOpen(false);
      onSent(sent.payload || sent);
    } catch (error) {
      const failure = /** @type {{message?: string, body?: {errors?: unknown}}} */ (error);
      const errors = fieldErrors(failure.body && failure.body.errors);
      showErrors(Object.keys(errors).length ? errors : { "": String(failure.message) });
    } finally {
      sendButton.disabled = false;
    }
  }

  return { button, panel };
}
