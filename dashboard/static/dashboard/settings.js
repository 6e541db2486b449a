// @ts-check
// Administrator settings: inboxes (with the website snippet), agents, teams,
// canned responses.

import { h, replaceChildren } from "./dom.js";
import { gettext } from "./i18n.js";
import { agentSettings } from "./settings_agents.js";
import { cannedSettings } from "./settings_canned.js";
import { inboxSettings } from "./settings_inboxes.js";
import { labelSettings } from "./settings_labels.js";
import { teamSettings } from "./settings_teams.js";

const SECTIONS = [
  ["inboxes", gettext("Inboxes")],
  ["agents", gettext("Agents")],
  ["teams", gettext("Teams")],
  ["labels", gettext("Labels")],
  ["canned_responses", gettext("Canned responses")],
];

/** @typedef {import("./context.js").DashboardContext} DashboardContext */

/**
 * Draw the section of the page's config in `main`.
 * @param {DashboardContext} ctx
 * @param {HTMLElement} main
 */
export function mount(ctx, main) {
  const section = ctx.config.section || "inboxes";
  const content = h("section", { class: "settings-content", "aria-labelledby": "settings-title" });
  replaceChildren(
    main,
    h(
      "div",
      { class: "settings-layout" },
      h(
        "nav",
        { class: "settings-nav", "aria-label": gettext("Settings") },
        SECTIONS.map(([key, label]) => h("a", { href: `${ctx.base}/settings/${key}`, "aria-current": key === section ? "page" : null }, label)),
      ),
      content,
    ),
  );
  /** @type {Record<string, (ctx: DashboardContext, content: HTMLElement) => void>} */
  const sections = {
    inboxes: inboxSettings,
    agents: agentSettings,
    teams: teamSettings,
    labels: labelSettings,
    canned_responses: cannedSettings,
  };
  sections[section](ctx, content);
}
