// @ts-check
// The open conversation's labels row: its labels as coloured chips, each
// removable, and a picker of the account's others.

import { replaceChildren } from "./dom.js";
import { createLabelPicker, labelChip, labelTitled } from "./label_picker.js";

/** @typedef {import("../kit/wire.js").Conversation} Conversation */
/** @typedef {import("./label_picker.js").Label} Label */

/**
 * Draw `c`'s labels into `labelsRow`, and a picker of the others. Agents
 * pick among the account's labels; administrators manage those (Settings),
 * so the picker offers no new title.
 * @param {HTMLElement} labelsRow
 * @param {Conversation} c
 * @param {{lookups: import("./context.js").Lookups, perform: (action: string, body: Record<string, unknown>) => void}} options
 */
export function renderLabels(labelsRow, c, { lookups, perform }) {
  const labels = c.labels || [];
  const known = /** @type {Label[]} */ (lookups.labels || []);
  const capability = "update_attributes";
  // Other changes to the conversation leave the row, and an open picker, alone.
  const drawn = JSON.stringify([c.id, labels, known]);
  if (labelsRow.dataset.drawn === drawn) return;
  labelsRow.dataset.drawn = drawn;
  replaceChildren(
    labelsRow,
    labels.map((title) => labelChip(labelTitled(known, title), { capability, onRemove: () => perform("labels", { labels: labels.filter((l) => l !== title) }) })),
    createLabelPicker({ labels: known, chosen: labels, capability, onPick: (title) => perform("labels", { labels: [...labels, title] }) }),
  );
}
