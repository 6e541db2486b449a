// @ts-check
// A contact's labels in the contact panel: coloured chips, each removable,
// and a picker of the account's others (`contacts/<id>/labels`).

import { listOf } from "../kit/http.js";
import { h, reasonOf, replaceChildren, toast } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";
import { createLabelPicker, labelChip, labelTitled } from "./label_picker.js";

/** @typedef {import("./label_picker.js").Label} Label */

/**
 * The labels section of contact `contactId`, loaded now and saved on each change.
 * @param {import("./context.js").DashboardContext} ctx
 * @param {number} contactId
 * @returns {HTMLElement}
 */
export function contactLabels(ctx, contactId) {
  const row = h("div", { class: "label-chips" });
  const section = h("section", { class: "contact-labels", "aria-label": gettext("Contact labels") }, h("h3", {}, gettext("Labels")), row);
  /** @type {Label[]} */
  let known = [];
  /** @type {string[]} */
  let titles = [];

  function draw() {
    replaceChildren(
      row,
      titles.map((title) => labelChip(labelTitled(known, title), { onRemove: () => save(titles.filter((t) => t !== title)) })),
      createLabelPicker({ labels: known, chosen: titles, onPick: (title) => save([...titles, title]) }),
    );
  }

  /** @param {string[]} next the contact's labels from now on */
  async function save(next) {
    try {
      titles = listOf(await ctx.api.post(`contacts/${contactId}/labels`, { labels: next }));
      draw();
    } catch (error) {
      toast(interpolate(gettext("Could not save labels: %(reason)s"), reasonOf(error)));
    }
  }

  Promise.all([ctx.api.get("labels"), ctx.api.get(`contacts/${contactId}/labels`)])
    .then(([all, mine]) => {
      known = listOf(all);
      titles = listOf(mine);
      draw();
    })
    .catch((error) => toast(interpolate(gettext("Could not load labels: %(reason)s"), reasonOf(error))));
  return section;
}
