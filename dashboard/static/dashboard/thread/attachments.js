// @ts-check
// The composer's files: a hidden file input, its label as the button, and
// the names of the files picked.

import { h } from "../dom.js";
import { gettext } from "../i18n.js";

/**
 * @returns {{input: HTMLInputElement, button: HTMLLabelElement, names: HTMLElement, files: () => File[], add: (more: File[]) => void, clear: () => void}}
 *   `button` opens the file chooser, `names` lists the files picked, `add` adds files (a canned response's)
 */
export function createAttachmentPicker() {
  const names = h("span", { class: "muted small file-list" });
  const input = h("input", { type: "file", id: "composer-files", multiple: true, class: "visually-hidden" });
  const files = () => [...(input.files || [])];
  const showNames = () => (names.textContent = files().map((file) => file.name).join(", "));
  input.addEventListener("change", showNames);
  const button = h("label", { for: "composer-files", class: "button small" }, gettext("Attach file"));
  function clear() {
    input.value = "";
    names.textContent = "";
  }
  /** @param {File[]} more */
  function add(more) {
    const all = new DataTransfer();
    for (const file of [...files(), ...more]) all.items.add(file);
    input.files = all.files;
    showNames();
  }
  return { input, button, names, files, add, clear };
}
