// @ts-check
// The account's labels as coloured chips, and a picker to add one: a button
// opening a search box over the labels not chosen yet, filtered as one types.

import { createPopover } from "../kit/popover.js";
import { h, replaceChildren } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";

/**
 * An account's label (`GET labels`, conversations/serializers.py LabelSerializer).
 * @typedef {object} Label
 * @property {number} id
 * @property {string} title
 * @property {string} [description]
 * @property {string} [color] "#rrggbb"
 * @property {boolean} [show_on_sidebar]
 */

const COLOUR = /^#[0-9a-f]{6}$/i;

/**
 * A swatch of the label's colour (grey when it has none).
 * @param {string | undefined} color
 * @returns {HTMLElement}
 */
export function swatch(color) {
  const mark = h("span", { class: "label-swatch", "aria-hidden": "true" });
  if (color && COLOUR.test(color)) mark.style.setProperty("--label-color", color);
  return mark;
}

/**
 * The label titled `title` among `labels`, or a bare one when none is.
 * @param {Label[]} labels
 * @param {string} title
 * @returns {Label}
 */
export function labelTitled(labels, title) {
  return labels.find((label) => label.title === title) || { id: 0, title };
}

/**
 * A chip of `label`: its colour and title, its description as a tooltip,
 * and a remove button when `onRemove` is given.
 * @param {Label} label
 * @param {{onRemove?: () => void, capability?: string}} [options]
 * @returns {HTMLElement}
 */
export function labelChip(label, { onRemove, capability } = {}) {
  const remove = onRemove
    ? h("button", { type: "button", class: "chip-remove", "data-capability": capability || null, "aria-label": interpolate(gettext("Remove label %(label)s"), { label: label.title }), onclick: onRemove }, "×")
    : null;
  return h("span", { class: "chip label", title: label.description || null, dataset: { label: label.title } }, swatch(label.color), h("span", { class: "label-title" }, label.title), remove);
}

/**
 * Which of `labels` the search `words` offers: not in `chosen`, and whose
 * title or description holds the words (any case).
 * @param {Label[]} labels
 * @param {string[]} chosen
 * @param {string} words
 * @returns {Label[]}
 */
export function offeredLabels(labels, chosen, words) {
  const needle = words.trim().toLowerCase();
  return labels.filter((label) => !chosen.includes(label.title) && (!needle || `${label.title} ${label.description || ""}`.toLowerCase().includes(needle)));
}

/**
 * An "Add label" button opening a searchable list of `labels` not in
 * `chosen`; picking one calls `onPick` with its title.
 * @param {{labels: Label[], chosen: string[], onPick: (title: string) => void, capability?: string}} options
 * @returns {HTMLElement}
 */
export function createLabelPicker({ labels, chosen, onPick, capability }) {
  const button = h("button", { type: "button", class: "button small label-add", "aria-haspopup": "true" }, gettext("Add label"));
  const search = h("input", { type: "search", class: "label-search", placeholder: gettext("Search labels"), "aria-label": gettext("Search labels"), autocomplete: "off" });
  const list = h("ul", { class: "label-options", "aria-label": gettext("Labels") });
  const panel = h("div", { class: "label-panel" }, search, list);
  const popover = createPopover(button, panel, { closeOnFocusOut: true, onToggle: (open) => open && queueMicrotask(() => search.focus()) });

  function draw() {
    const offered = offeredLabels(labels, chosen, search.value);
    replaceChildren(
      list,
      offered.map((label) => h("li", {}, h("button", { type: "button", class: "label-option", title: label.description || null, onclick: () => pick(label.title) }, swatch(label.color), h("span", {}, label.title)))),
      offered.length ? null : h("li", { class: "muted small" }, labels.length ? gettext("No label matches.") : gettext("No labels yet: administrators add them in Settings.")),
    );
  }

  /** @param {string} title */
  function pick(title) {
    popover.setOpen(false);
    onPick(title);
  }

  search.addEventListener("input", draw);
  search.addEventListener("keydown", (event) => {
    const first = /** @type {HTMLButtonElement | null} */ (list.querySelector(".label-option"));
    if (event.key === "Enter" && first) {
      event.preventDefault();
      first.click();
    } else if (event.key === "ArrowDown" && first) {
      event.preventDefault();
      first.focus();
    }
  });
  draw();
  return h("span", { class: "label-picker", "data-capability": capability || null }, button, panel);
}
