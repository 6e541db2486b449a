// @ts-check
// Settings: the account's agents, their roles, and invitations of new ones.

import { listOf, newestOnly, STALE } from "../kit/http.js";
import { availabilityName, h, reasonOf, replaceChildren, roleName, toast } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";
import { field, formValues } from "./settings_form.js";

/** @typedef {import("./context.js").DashboardContext} DashboardContext */
/** @typedef {import("./context.js").Agent} Agent */

/**
 * The agents: role, availability and removal of each, and a form to invite one.
 * @param {DashboardContext} ctx
 * @param {HTMLElement} content
 */
export function agentSettings(ctx, content) {
  const table = h("tbody");
  const roles = ["agent", "administrator"].map((role) => [role, roleName(role)]);
  const form = h(
    "form",
    { class: "card stack", onsubmit: add },
    h("h2", {}, gettext("Add an agent")),
    field(gettext("Email"), "email", { type: "email", required: true }),
    field(gettext("Name"), "name"),
    field(gettext("Role"), "role", { options: roles }),
    h("button", { type: "submit", class: "button primary" }, gettext("Add agent")),
  );
  replaceChildren(
    content,
    h("h1", { id: "settings-title" }, gettext("Agents")),
    h(
      "div",
      { class: "settings-grid" },
      h("table", { class: "table" }, h("thead", {}, h("tr", {}, h("th", {}, gettext("Name")), h("th", {}, gettext("Email")), h("th", {}, gettext("Role")), h("th", {}, gettext("Status")), h("th", {}, h("span", { class: "visually-hidden" }, gettext("Actions"))))), table),
      form,
    ),
  );

  const newest = newestOnly();
  async function load() {
    const found = await newest(ctx.api.get("agents"));
    if (found === STALE) return;
    /** @type {Agent[]} */
    const all = listOf(found);
    replaceChildren(
      table,
      all.map((agent) => {
        const status = ctx.userStatus(agent.id, agent.availability_status);
        const role = h("select", { "aria-label": interpolate(gettext("Role of %(name)s"), { name: agent.name }) }, roles.map(([value, text]) => h("option", { value, selected: value === agent.role }, text)));
        role.addEventListener("change", async () => {
          try {
            await ctx.api.patch(`agents/${agent.id}`, { role: role.value });
            toast(interpolate(role.value === "agent" ? gettext("%(name)s is now an agent.") : gettext("%(name)s is now an administrator."), { name: agent.name }));
          } catch (error) {
            role.value = agent.role || "agent";
            toast(interpolate(gettext("Could not change the role: %(reason)s"), reasonOf(error)));
          }
        });
        const remove = h("button", { type: "button", class: "button small danger", disabled: agent.id === ctx.config.user.id }, gettext("Remove"));
        remove.addEventListener("click", async () => {
          if (!confirm(interpolate(gettext("Remove %(name)s from this account?"), { name: agent.name }))) return;
          try {
            await ctx.api.delete(`agents/${agent.id}`);
            await load();
          } catch (error) {
            toast(interpolate(gettext("Could not remove: %(reason)s"), reasonOf(error)));
          }
        });
        return h(
          "tr",
          {},
          h("td", {}, agent.name, agent.confirmed === false ? h("span", { class: "chip" }, gettext("invited")) : null),
          h("td", {}, agent.email),
          h("td", {}, role),
          h("td", {}, h("span", { class: `dot dot-${status}`, "aria-hidden": "true" }), ` ${availabilityName(status)}`),
          h("td", {}, remove),
        );
      }),
    );
  }

  /** @param {SubmitEvent} event */
  async function add(event) {
    event.preventDefault();
    try {
      const agent = await ctx.api.post("agents", formValues(form));
      form.reset();
      // Everyone joins by accepting, so the new row reads "invited".
      toast(interpolate(gettext("%(name)s is invited."), { name: agent.name || agent.email }));
      await load();
    } catch (error) {
      toast(interpolate(gettext("Could not add the agent: %(reason)s"), reasonOf(error)));
    }
  }

  ctx.on((name) => {
    if (name === "presence.changed") load().catch(() => {});
  });
  load().catch((error) => toast(interpolate(gettext("Could not load agents: %(reason)s"), reasonOf(error))));
}
