// @ts-check
// The actions of an automation rule or a macro, written once for both:
// each row an action and its params, as automation/serializers.py takes them.

import { CONVERSATION_STATUS } from "../kit/wire.js";
import { PRIORITIES, priorityName } from "./conversation_priority.js";
import { h, replaceChildren, statusName } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";

/** @typedef {{action_name: string, action_params: unknown[]}} Action */
/** @typedef {import("./context.js").Lookups} Lookups */

/** Each action's wire name and its name for the agent. */
export function actionNames() {
  return [
    ["add_label", gettext("Add a label")],
    ["remove_label", gettext("Remove a label")],
    ["assign_agent", gettext("Assign an agent")],
    ["assign_team", gettext("Assign a team")],
    ["send_message", gettext("Send a message")],
    ["add_private_note", gettext("Add a private note")],
    ["resolve_conversation", gettext("Resolve the conversation")],
    ["snooze_conversation", gettext("Snooze the conversation")],
    ["open_conversation", gettext("Open the conversation")],
    ["change_status", gettext("Change the status")],
    ["change_priority", gettext("Change the priority")],
    ["mute_conversation", gettext("Mute the conversation")],
    ["send_email_to_team", gettext("Send an email to a team")],
    ["send_email_transcript", gettext("Email the transcript")],
    ["send_webhook_event", gettext("Send a webhook event")],
  ];
}

/**
 * The name of an action for the agent.
 * @param {string} name
 */
export function actionName(name) {
  const found = actionNames().find(([key]) => key === name);
  return found ? found[1] : name;
}

/**
 * A select of `choices`, its value kept in `params[index]` (numbers where
 * the choice is a number).
 * @param {unknown[]} params
 * @param {[string | number, string][]} choices
 * @param {string} label
 */
function choiceField(params, choices, label) {
  if (params[0] === undefined && choices.length) params[0] = choices[0][0];
  const select = h("select", { class: "action-param", "aria-label": label }, choices.map(([value, name]) => h("option", { value: String(value), selected: String(value) === String(params[0]) }, name)));
  select.addEventListener("change", () => {
    const chosen = choices.find(([value]) => String(value) === select.value);
    params[0] = chosen ? chosen[0] : select.value;
  });
  return select;
}

/**
 * A text or URL input, or a textarea, its value kept in `params[0]`.
 * @param {unknown[]} params
 * @param {string} label
 * @param {"text" | "url" | "textarea"} type
 */
function textField(params, label, type) {
  const input = type === "textarea" ? h("textarea", { class: "action-param", rows: 2, "aria-label": label }) : h("input", { class: "action-param", type, "aria-label": label });
  input.value = typeof params[0] === "string" ? params[0] : "";
  input.addEventListener("input", () => (params[0] = input.value));
  return input;
}

/**
 * Email addresses separated by commas, kept as the params.
 * @param {unknown[]} params
 * @param {string} label
 */
function emailsField(params, label) {
  const input = h("input", { class: "action-param", type: "text", placeholder: gettext("name@example.com, …"), "aria-label": label });
  input.value = params.filter((p) => typeof p === "string").join(", ");
  input.addEventListener("input", () => params.splice(0, params.length, ...input.value.split(",").map((p) => p.trim()).filter(Boolean)));
  return input;
}

/**
 * The param fields of `action`.
 * @param {Action} action
 * @param {{lookups: Lookups, macro: boolean, label: string}} options
 */
function paramFields(action, { lookups, macro, label }) {
  const params = action.action_params;
  const agents = (lookups.agents || []).filter((a) => a.id > 0).map((a) => /** @type {[number, string]} */ ([a.id, a.available_name || a.name]));
  const teams = (lookups.teams || []).map((t) => /** @type {[number, string]} */ ([t.id, t.name]));
  const labels = (lookups.labels || []).flatMap((l) => (l.title ? [/** @type {[string, string]} */ ([l.title, l.title])] : []));
  switch (action.action_name) {
    case "assign_agent":
      return choiceField(params, [...(macro ? [/** @type {[string, string]} */ (["self", gettext("Myself")])] : []), ...agents, ["nil", gettext("Nobody")]], label);
    case "assign_team":
      return choiceField(params, [...teams, ["nil", gettext("No team")]], label);
    case "add_label":
    case "remove_label":
      return choiceField(params, labels, label);
    case "send_message":
    case "add_private_note":
      return textField(params, label, "textarea");
    case "send_webhook_event":
      return textField(params, label, "url");
    case "send_email_transcript":
      return emailsField(params, label);
    case "change_status":
      return choiceField(params, Object.values(CONVERSATION_STATUS).map((s) => /** @type {[string, string]} */ ([s, statusName(s)])), label);
    case "change_priority":
      return choiceField(params, [...PRIORITIES.map((p) => /** @type {[string, string]} */ ([p, priorityName(p) || p])), ["nil", gettext("None")]], label);
    case "send_email_to_team": {
      const spec = /** @type {{team_ids: number[], message: string}} */ (params[0] && typeof params[0] === "object" ? params[0] : { team_ids: [], message: "" });
      params[0] = spec;
      const team = [spec.team_ids[0]];
      const select = choiceField(team, teams, label);
      spec.team_ids = team[0] === undefined ? [] : [Number(team[0])];
      select.addEventListener("change", () => (spec.team_ids = [Number(select.value)]));
      const message = h("textarea", { class: "action-param", rows: 2, "aria-label": gettext("Email message") });
      message.value = spec.message;
      message.addEventListener("input", () => (spec.message = message.value));
      return [select, message];
    }
    default:
      return null;
  }
}

/**
 * @typedef {object} ActionsEditor
 * @property {HTMLElement} element
 * @property {(actions: Action[]) => void} set show these actions (one empty row for none)
 * @property {() => Action[]} value the actions as the API takes them
 * @property {() => void} redraw the lookups changed
 */

/**
 * The actions list: a row per action, add and remove.
 * @param {{lookups: Lookups, macro: boolean}} options
 * @returns {ActionsEditor}
 */
export function createActionsEditor({ lookups, macro }) {
  /** @type {Action[]} */
  let actions = [];
  const rows = h("ol", { class: "automation-actions" });
  const element = h("fieldset", { class: "automation-actions-field" }, h("legend", {}, gettext("Actions")), rows, h("button", { type: "button", class: "button small automation-add-action", onclick: add }, gettext("Add action")));

  function add() {
    actions.push({ action_name: "add_label", action_params: [] });
    redraw();
  }

  function redraw() {
    replaceChildren(
      rows,
      actions.map((action, index) => {
        const number = index + 1;
        const select = h("select", { class: "action-name", "aria-label": interpolate(gettext("Action %(number)s"), { number }) }, actionNames().map(([value, name]) => h("option", { value, selected: value === action.action_name }, name)));
        select.addEventListener("change", () => {
          action.action_name = select.value;
          action.action_params = [];
          redraw();
        });
        return h(
          "li",
          { class: "automation-action" },
          select,
          paramFields(action, { lookups, macro, label: interpolate(gettext("Action %(number)s: value"), { number }) }),
          h("button", { type: "button", class: "button small", "aria-label": interpolate(gettext("Remove action %(number)s"), { number }), onclick: () => (actions.splice(index, 1), redraw()) }, "×"),
        );
      }),
    );
  }

  return {
    element,
    set(next) {
      actions = next.map((a) => ({ action_name: a.action_name, action_params: JSON.parse(JSON.stringify(a.action_params || [])) }));
      if (!actions.length) add();
      else redraw();
    },
    value: () => actions.map((a) => ({ action_name: a.action_name, action_params: a.action_params.filter((p) => p !== undefined) })),
    redraw,
  };
}

/**
 * The account's agents, teams, labels and inboxes for the editors.
 * @param {import("./api.js").DashboardApi} api
 * @param {(data: unknown) => any[]} listOf
 * @returns {Promise<Lookups>}
 */
export async function loadLookups(api, listOf) {
  const [agents, teams, labels, inboxes] = await Promise.all(["agents", "teams", "labels", "inboxes"].map((path) => api.get(path).then(listOf)));
  return { agents, teams, labels, inboxes };
}
