// @ts-check
// The settings forms' pieces: a labelled field, and what a form holds.

import { h } from "./dom.js";

/**
 * A labelled input, or a select when `props.options` is given.
 * @param {string} label
 * @param {string} name
 * @param {Record<string, unknown> & {options?: string[][]}} [props]
 * @returns {HTMLElement}
 */
export function field(label, name, props = {}) {
  const id = `field-${name}`;
  const input = props.options
    ? h("select", { id, name }, props.options.map(([value, text]) => h("option", { value }, text)))
    : h("input", { id, name, type: "text", ...props });
  return h("div", { class: "field" }, h("label", { for: id }, label), input);
}

/**
 * The form's filled fields.
 * @param {HTMLFormElement} form
 * @returns {Record<string, FormDataEntryValue>}
 */
export function formValues(form) {
  return Object.fromEntries([...new FormData(form)].filter(([, v]) => v !== ""));
}
