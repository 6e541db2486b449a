// @ts-check
// Settings: the account's teams and their members.

import { listOf, newestOnly, STALE } from "../kit/http.js";
import { h, reasonOf, replaceChildren, toast } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";
import { field, formValues } from "./settings_form.js";
import { memberEditor } from "./settings_members.js";

/** @typedef {import("./context.js").DashboardContext} DashboardContext */

/**
 * The teams with their members, and a form for a new one.
 * @param {DashboardContext} ctx
 * @param {HTMLElement} content
 */
export function teamSettings(ctx, content) {
  const list = h("div", { class: "team-list" });
  const form = h(
    "form",
    { class: "card stack", onsubmit: create },
    h("h2", {}, gettext("New team")),
    field(gettext("Team name"), "name", { required: true }),
    field(gettext("Description"), "description"),
    h("button", { type: "submit", class: "button primary" }, gettext("Create team")),
  );
  replaceChildren(content, h("h1", { id: "settings-title" }, gettext("Teams")), h("div", { class: "settings-grid" }, list, form));

  const newest = newestOnly();
  async function load() {
    const found = await newest(ctx.api.get("teams"));
    if (found === STALE) return;
    /** @type {{id: number, name: string, description?: string}[]} */
    const all = listOf(found);
    const cards = all.map((team) =>
      h(
        "div",
        { class: "card" },
        h("h2", {}, team.name),
        team.description ? h("p", { class: "muted" }, team.description) : null,
        memberEditor(ctx, {
          label: team.name,
          load: () => ctx.api.get(`teams/${team.id}/team_members`),
          add: (ids) => ctx.api.post(`teams/${team.id}/team_members`, { user_ids: ids }),
          remove: (ids) => ctx.api.request("DELETE", `teams/${team.id}/team_members`, { user_ids: ids }),
        }),
      ),
    );
    replaceChildren(list, cards, all.length ? null : h("p", { class: "muted" }, gettext("No teams yet.")));
  }

  /** @param {SubmitEvent} event */
  async function create(event) {
    event.preventDefault();
    try {
      await ctx.api.post("teams", formValues(form));
      form.reset();
      await load();
    } catch (error) {
      toast(interpolate(gettext("Could not create the team: %(reason)s"), reasonOf(error)));
    }
  }

  load().catch((error) => toast(interpolate(gettext("Could not load teams: %(reason)s"), reasonOf(error))));
}
