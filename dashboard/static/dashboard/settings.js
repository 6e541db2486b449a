// @ts-check
// Administrator settings: inboxes (with the website snippet), agents, teams,
// agent capacity, business hours, the widget, labels, custom attributes, canned responses,
// automation rules, macros, bots, webhooks, the audit log and data retention.

import { h, replaceChildren } from "./dom.js";
import { gettext } from "./i18n.js";
import { agentSettings } from "./settings_agents.js";
import { attributeSettings } from "./settings_attributes.js";
import { auditSettings } from "./settings_audit.js";
import { automationSettings } from "./settings_automation.js";
import { botSettings } from "./settings_bots.js";
import { cannedSettings } from "./settings_canned.js";
import { capacitySettings } from "./settings_capacity.js";
import { dataSettings } from "./settings_data.js";
import { hoursSettings } from "./settings_hours.js";
import { inboxSettings } from "./settings_inboxes.js";
import { labelSettings } from "./settings_labels.js";
import { macroSettings } from "./settings_macros.js";
import { teamSettings } from "./settings_teams.js";
import { webhookSettings } from "./settings_webhooks.js";
import { widgetSettings } from "./settings_widget.js";

const SECTIONS = [
  ["inboxes", gettext("Inboxes")],
  ["agents", gettext("Agents")],
  ["teams", gettext("Teams")],
  ["capacity", gettext("Agent capacity")],
  ["hours", gettext("Business hours")],
  ["widget", gettext("Widget")],
  ["labels", gettext("Labels")],
  ["attributes", gettext("Attributes")],
  ["canned_responses", gettext("Canned responses")],
  ["automation", gettext("Automation")],
  ["macros", gettext("Macros")],
  ["bots", gettext("Bots")],
  ["webhooks", gettext("Webhooks")],
  ["audit_log", gettext("Audit log")],
  ["data", gettext("Data")],
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
    capacity: capacitySettings,
    hours: hoursSettings,
    widget: widgetSettings,
    labels: labelSettings,
    attributes: attributeSettings,
    canned_responses: cannedSettings,
    automation: automationSettings,
    macros: macroSettings,
    bots: botSettings,
    webhooks: webhookSettings,
    audit_log: auditSettings,
    data: dataSettings,
  };
  sections[section](ctx, content);
}
