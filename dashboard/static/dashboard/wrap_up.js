// @ts-check
// Wrap-up on resolve: in an inbox that asks for it, resolving first asks for
// labels and a private note (skipping allowed unless the inbox requires them);
// they go with the resolve, which stores them in one transaction.

import { CONVERSATION_STATUS } from "../kit/wire.js";
import { h, replaceChildren } from "./dom.js";
import { gettext } from "./i18n.js";
import { createLabelPicker, labelChip, labelTitled } from "./label_picker.js";

/** @typedef {import("./label_picker.js").Label} Label */
/** @typedef {{labels: string[], note: string}} WrapUp */

/**
 * Ask for the wrap-up in a modal dialog. Resolves to the wrap-up, to "skip"
 * (resolve without one), or to null (do not resolve).
 * @param {{labels: Label[], chosen: string[], required: boolean}} options
 * @returns {Promise<WrapUp | "skip" | null>}
 */
export function askWrapUp({ labels, chosen, required }) {
  let picked = [...chosen];
  const row = h("div", { class: "label-chips" });
  const note = h("textarea", { id: "wrap-up-note", rows: 4, placeholder: gettext("What was done, for the team") });
  const problem = h("p", { class: "form-error", role: "alert", hidden: true });
  const dialog = h("dialog", { class: "wrap-up-dialog", "aria-labelledby": "wrap-up-title" });
  const form = h("form", { method: "dialog", class: "stack" });

  function drawLabels() {
    problem.hidden = true;
    replaceChildren(
      row,
      picked.map((title) => labelChip(labelTitled(labels, title), { onRemove: chosen.includes(title) ? undefined : () => ((picked = picked.filter((t) => t !== title)), drawLabels()) })),
      createLabelPicker({ labels, chosen: picked, onPick: (title) => ((picked = [...picked, title]), drawLabels()) }),
    );
  }

  return new Promise((resolve) => {
    /** @param {WrapUp | "skip" | null} answer */
    const finish = (answer) => {
      dialog.close();
      dialog.remove();
      resolve(answer);
    };
    const done = h("button", { type: "submit", class: "button primary" }, gettext("Resolve"));
    const skip = required ? null : h("button", { type: "button", class: "button", onclick: () => finish("skip") }, gettext("Skip and resolve"));
    const cancel = h("button", { type: "button", class: "button", onclick: () => finish(null) }, gettext("Cancel"));
    note.addEventListener("input", () => (problem.hidden = true));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      if (required && (!picked.length || !note.value.trim())) {
        problem.textContent = gettext("This inbox needs at least one label and a note to resolve.");
        problem.hidden = false;
        return;
      }
      finish({ labels: picked, note: note.value.trim() });
    });
    dialog.addEventListener("cancel", (event) => {
      event.preventDefault();
      finish(null);
    });
    replaceChildren(
      form,
      h("h2", { id: "wrap-up-title" }, gettext("Wrap up the conversation")),
      h("p", { class: "muted small" }, required ? gettext("This inbox asks for labels and a note before resolving.") : gettext("Add labels and a note before resolving, or skip.")),
      h("div", { class: "field" }, h("span", { class: "field-label" }, gettext("Labels")), row),
      h("div", { class: "field" }, h("label", { for: "wrap-up-note" }, gettext("Private note")), note),
      problem,
      h("div", { class: "row" }, done, skip, cancel),
    );
    drawLabels();
    dialog.append(form);
    document.body.append(dialog);
    dialog.showModal();
    note.focus();
  });
}

/**
 * The body to post for `action` on conversation `c`: a resolve in an inbox
 * with a wrap-up asks for it first (null when the agent cancels); any other
 * action, or an inbox without one, keeps `body`.
 * @param {{action: string, body: Record<string, unknown>, conversation: import("../kit/wire.js").Conversation | undefined, lookups: import("./context.js").Lookups}} options
 * @returns {Promise<Record<string, unknown> | null>}
 */
export async function withWrapUp({ action, body, conversation, lookups }) {
  if (action !== "toggle_status" || body.status !== CONVERSATION_STATUS.RESOLVED || !conversation) return body;
  const inbox = /** @type {{id: number, wrap_up?: string}[]} */ (lookups.inboxes || []).find((i) => i.id === conversation.inbox_id);
  const mode = (inbox && inbox.wrap_up) || "off";
  if (mode === "off") return body;
  const labels = /** @type {Label[]} */ (lookups.labels || []);
  const answer = await askWrapUp({ labels, chosen: conversation.labels || [], required: mode === "required" });
  if (answer === null) return null;
  return answer === "skip" ? body : { ...body, wrap_up: answer };
}
