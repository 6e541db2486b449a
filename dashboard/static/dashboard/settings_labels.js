// @ts-check
// Settings: the account's labels, each with its colour; add, change, delete.

import { listOf, newestOnly, STALE } from "../kit/http.js";
import { h, reasonOf, replaceChildren, toast } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";
import { swatch } from "./label_picker.js";
import { field } from "./settings_form.js";

/** @typedef {import("./context.js").DashboardContext} DashboardContext */
/** @typedef {import("./label_picker.js").Label} Label */

/**
 * The label form's fields, filled from `label` when one is being changed.
 * @param {Label | null} label
 * @returns {HTMLElement[]}
 */
function labelFields(label) {
  const sidebar = h("input", { type: "checkbox", id: "field-show_on_sidebar", name: "show_on_sidebar", checked: label ? label.show_on_sidebar !== false : true });
  return [
    field(gettext("Label name"), "title", { required: true, pattern: "[\\w\\-]+", title: gettext("Letters, digits, - and _ only."), value: label ? label.title : "" }),
    field(gettext("Description"), "description", { value: (label && label.description) || "" }),
    field(gettext("Colour"), "color", { type: "color", value: (label && label.color) || "#1f93ff" }),
    h("div", { class: "field checkbox" }, sidebar, h("label", { for: "field-show_on_sidebar" }, gettext("Show on the sidebar"))),
  ];
}

/**
 * A row of the labels table: colour, title, description, sidebar, actions.
 * @param {Label} label
 * @param {{onEdit: () => void, onDelete: () => void}} actions
 * @returns {HTMLElement}
 */
function labelRow(label, { onEdit, onDelete }) {
  const named = { label: label.title };
  return h(
    "tr",
    { dataset: { label: label.title } },
    h("td", {}, h("span", { class: "label-name" }, swatch(label.color), h("span", { class: "label-title" }, label.title))),
    h("td", { class: "muted" }, label.description || ""),
    h("td", {}, label.show_on_sidebar === false ? gettext("No") : gettext("Yes")),
    h(
      "td",
      {},
      h(
        "span",
        { class: "row" },
        h("button", { type: "button", class: "button small", "aria-label": interpolate(gettext("Edit label %(label)s"), named), onclick: onEdit }, gettext("Edit")),
        h("button", { type: "button", class: "button small danger", "aria-label": interpolate(gettext("Delete label %(label)s"), named), onclick: onDelete }, gettext("Delete")),
      ),
    ),
  );
}

/**
 * The labels with their colours, and a form to add one or change the one picked.
 * @param {DashboardContext} ctx
 * @param {HTMLElement} content
 */
export function labelSettings(ctx, content) {
  /** @type {Label | null} the label being changed, or null for a new one */
  let editing = null;
  const list = h("table", { class: "label-table" });
  const form = h("form", { class: "card stack label-form", onsubmit: submit });
  replaceChildren(content, h("h1", { id: "settings-title" }, gettext("Labels")), h("div", { class: "settings-grid" }, h("div", {}, list), form));

  function drawForm() {
    replaceChildren(
      form,
      h("h2", {}, editing ? interpolate(gettext("Edit label %(label)s"), { label: editing.title }) : gettext("New label")),
      labelFields(editing),
      h(
        "div",
        { class: "row" },
        h("button", { type: "submit", class: "button primary" }, editing ? gettext("Save label") : gettext("Create label")),
        editing ? h("button", { type: "button", class: "button", onclick: () => edit(null) }, gettext("Cancel")) : null,
      ),
    );
  }

  /** @param {Label[]} labels */
  function drawList(labels) {
    replaceChildren(
      list,
      h("thead", {}, h("tr", {}, [gettext("Label"), gettext("Description"), gettext("Sidebar"), ""].map((words) => h("th", { scope: "col" }, words)))),
      h(
        "tbody",
        {},
        labels.map((label) => labelRow(label, { onEdit: () => edit(label), onDelete: () => remove(label) })),
        labels.length ? null : h("tr", {}, h("td", { colspan: "4", class: "muted" }, gettext("No labels yet."))),
      ),
    );
  }

  /** @param {Label | null} label the label to change, or null for a new one */
  function edit(label) {
    editing = label;
    drawForm();
  }

  const newest = newestOnly();
  async function load() {
    const found = await newest(ctx.api.get("labels"));
    if (found !== STALE) drawList(listOf(found));
  }

  /** @param {SubmitEvent} event */
  async function submit(event) {
    event.preventDefault();
    const data = new FormData(form);
    const body = { title: data.get("title"), description: data.get("description") || "", color: data.get("color"), show_on_sidebar: data.get("show_on_sidebar") !== null };
    try {
      if (editing) await ctx.api.patch(`labels/${editing.id}`, body);
      else await ctx.api.post("labels", body);
      toast(editing ? gettext("Label saved.") : gettext("Label created."));
      edit(null);
      await load();
    } catch (error) {
      toast(interpolate(gettext("Could not save the label: %(reason)s"), reasonOf(error)));
    }
  }

  /** @param {Label} label */
  async function remove(label) {
    if (!confirm(interpolate(gettext("Delete the label %(label)s? Conversations and contacts lose it."), { label: label.title }))) return;
    try {
      await ctx.api.request("DELETE", `labels/${label.id}`);
      if (editing && editing.id === label.id) edit(null);
      await load();
    } catch (error) {
      toast(interpolate(gettext("Could not delete the label: %(reason)s"), reasonOf(error)));
    }
  }

  drawForm();
  load().catch((error) => toast(interpolate(gettext("Could not load labels: %(reason)s"), reasonOf(error))));
}
