// @ts-check
// Editing a sent message in place: Enter saves, Shift+Enter starts a new
// line, Escape cancels. Whether the agent may edit is the server's rule
// (conversations/editing.py); this only draws the form.

import { h } from "../dom.js";
import { gettext } from "../i18n.js";

/**
 * @param {{draft: string, onInput: (text: string) => void, onSave: (text: string) => void, onCancel: () => void}} options
 *   `draft` the text to start from; `onSave` hears non-blank text only
 * @returns {HTMLElement}
 */
export function editForm({ draft, onInput, onSave, onCancel }) {
  const field = h("textarea", { rows: 3, "aria-label": gettext("Edit message") });
  field.value = draft;
  field.addEventListener("input", () => onInput(field.value));
  const save = () => {
    if (field.value.trim()) onSave(field.value);
  };
  field.addEventListener("keydown", (event) => {
    if (event.key === "Escape") onCancel();
    else if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      save();
    }
  });
  return h(
    "div",
    { class: "edit-form" },
    field,
    h(
      "div",
      { class: "edit-actions" },
      h("button", { type: "button", class: "button small primary", onclick: save }, gettext("Save")),
      h("button", { type: "button", class: "button small", onclick: onCancel }, gettext("Cancel")),
    ),
  );
}
