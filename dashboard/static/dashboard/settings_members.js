// @ts-check
// Who works an inbox or belongs to a team: a list with Remove buttons and a
// picker to add one more agent.

import { listOf } from "../kit/http.js";
import { h, reasonOf, replaceChildren, toast } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";

/** @typedef {import("./context.js").DashboardContext} DashboardContext */
/** @typedef {import("./context.js").Agent} Agent */

/**
 * A list of agents with Remove buttons and a picker to add one more.
 * @param {DashboardContext} ctx
 * @param {object} options
 * @param {string} options.label what they are members of
 * @param {() => Promise<any>} options.load the members
 * @param {(ids: number[]) => Promise<unknown>} options.add
 * @param {(ids: number[]) => Promise<unknown>} options.remove
 * @returns {HTMLElement}
 */
export function memberEditor(ctx, { label, load, add, remove }) {
  const box = h("div", { class: "members" });
  // Only the newest fetch may draw: an older one answering late would undo a change.
  let latest = 0;

  async function refresh() {
    const mine = ++latest;
    /** @type {[Agent[], Agent[]]} */
    const [members, agents] = await Promise.all([load().then(listOf), ctx.api.get("agents").then(listOf)]);
    if (mine !== latest) return;
    const memberIds = new Set(members.map((m) => m.id));
    const picker = h(
      "select",
      { "aria-label": interpolate(gettext("Add an agent to %(name)s"), { name: label }) },
      h("option", { value: "" }, gettext("Add an agent…")),
      agents.filter((a) => !memberIds.has(a.id)).map((a) => h("option", { value: a.id }, a.name)),
    );
    picker.addEventListener("change", () => picker.value && change(add, Number(picker.value)));
    replaceChildren(
      box,
      h(
        "ul",
        { class: "plain-list member-list" },
        members.map((m) =>
          h(
            "li",
            {},
            h("span", {}, m.name),
            // Invited agents may be placed before they join; they work here once they do.
            m.confirmed === false ? h("span", { class: "chip" }, gettext("invited")) : null,
            h("button", { type: "button", class: "link-button", "aria-label": interpolate(gettext("Remove %(agent)s from %(name)s"), { agent: m.name, name: label }), onclick: () => change(remove, m.id) }, gettext("Remove")),
          ),
        ),
        members.length ? null : h("li", { class: "muted" }, gettext("No agents yet.")),
      ),
      picker,
    );
  }

  /**
   * @param {(ids: number[]) => Promise<unknown>} action
   * @param {number} userId
   */
  async function change(action, userId) {
    try {
      await action([userId]);
    } catch (error) {
      toast(interpolate(gettext("Could not change the members: %(reason)s"), reasonOf(error)));
    }
    await refresh();
  }

  refresh().catch((error) => toast(interpolate(gettext("Could not load the members: %(reason)s"), reasonOf(error))));
  return box;
}
