// @ts-check
// Settings: the account's automation rules (event, conditions, actions,
// on or off) and their latest runs.

import { listOf, newestOnly, STALE } from "../kit/http.js";
import { actionName, createActionsEditor, loadLookups } from "./automation_actions.js";
import { conditionRow } from "./conversation_filter_builder.js";
import { ATTRIBUTES, queryOf } from "./conversation_query.js";
import { formatDateTime, h, reasonOf, replaceChildren, toast } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";
import { field } from "./settings_form.js";

/** @typedef {import("./context.js").DashboardContext} DashboardContext */
/** @typedef {import("./conversation_query.js").Condition} Condition */
/** @typedef {import("./conversation_query.js").FilterAttribute} FilterAttribute */
/**
 * @typedef {object} Rule
 * @property {number} id
 * @property {string} name
 * @property {string} description
 * @property {string} event_name
 * @property {Condition[]} conditions
 * @property {import("./automation_actions.js").Action[]} actions
 * @property {boolean} active
 */
/** @typedef {{id: number, rule_id: number, conversation_id: number | null, event_name: string, matched: boolean, actions_taken: string[], error: string, created_at: number}} Run */

/** The events a rule waits for. */
function eventNames() {
  return [
    ["conversation_created", gettext("Conversation created")],
    ["conversation_updated", gettext("Conversation updated")],
    ["conversation_opened", gettext("Conversation opened")],
    ["message_created", gettext("Message created")],
  ];
}

/** @param {string} name */
function eventName(name) {
  const found = eventNames().find(([key]) => key === name);
  return found ? found[1] : name;
}

/**
 * The attributes a rule's condition may name (automation/conditions.py):
 * the conversation's, the contact's and, for a message, the message's.
 * @param {string} event
 * @returns {FilterAttribute[]}
 */
function ruleAttributes(event) {
  /** @type {FilterAttribute[]} */
  const contact = [
    { key: "email", label: gettext("Contact email"), kind: "text" },
    { key: "phone_number", label: gettext("Contact phone number"), kind: "text" },
    { key: "name", label: gettext("Contact name"), kind: "text" },
    { key: "city", label: gettext("Contact city"), kind: "text" },
    { key: "company", label: gettext("Contact company"), kind: "text" },
  ];
  /** @type {FilterAttribute[]} */
  const message = [
    { key: "content", label: gettext("Message content"), kind: "text" },
    { key: "message_type", label: gettext("Message type (incoming or outgoing)"), kind: "choice" },
  ];
  return [...(event === "message_created" ? message : []), ...ATTRIBUTES, ...contact];
}

/**
 * The condition a new rule of `event` starts with.
 * @param {string} event
 * @returns {Condition}
 */
function firstCondition(event) {
  return event === "message_created" ? { attribute_key: "content", filter_operator: "contains", values: [] } : { attribute_key: "status", filter_operator: "equal_to", values: [] };
}

/**
 * The rule form's fields, filled from `rule` when one is being changed.
 * @param {Rule | null} rule
 * @param {{eventSelect: HTMLSelectElement, rows: HTMLElement, actions: import("./automation_actions.js").ActionsEditor, onAddCondition: () => void, onCancel: () => void}} parts
 */
function ruleFields(rule, { eventSelect, rows, actions, onAddCondition, onCancel }) {
  const active = h("input", { type: "checkbox", id: "field-active", name: "active", checked: rule ? rule.active : true });
  return [
    h("h2", {}, rule ? interpolate(gettext("Edit rule %(name)s"), { name: rule.name }) : gettext("New rule")),
    field(gettext("Rule name"), "name", { required: true, maxlength: "255", value: rule ? rule.name : "" }),
    field(gettext("Description"), "description", { value: rule ? rule.description : "" }),
    h("div", { class: "field" }, h("label", { for: "field-event_name" }, gettext("Event")), eventSelect),
    h("fieldset", { class: "automation-conditions" }, h("legend", {}, gettext("Conditions")), rows, h("button", { type: "button", class: "button small filter-add", onclick: onAddCondition }, gettext("Add condition"))),
    actions.element,
    h("div", { class: "field checkbox" }, active, h("label", { for: "field-active" }, gettext("Active"))),
    h(
      "div",
      { class: "row" },
      h("button", { type: "submit", class: "button primary" }, rule ? gettext("Save rule") : gettext("Create rule")),
      rule ? h("button", { type: "button", class: "button", onclick: onCancel }, gettext("Cancel")) : null,
    ),
  ];
}

/**
 * A row of the rules table: name, event, on or off, edit and delete.
 * @param {Rule} rule
 * @param {{onEdit: () => void, onDelete: () => void, onToggle: (active: boolean) => void}} actions
 */
function ruleRow(rule, { onEdit, onDelete, onToggle }) {
  const named = { name: rule.name };
  const toggle = h("input", { type: "checkbox", checked: rule.active, "aria-label": interpolate(gettext("Rule %(name)s is active"), named) });
  toggle.addEventListener("change", () => onToggle(toggle.checked));
  return h(
    "tr",
    { dataset: { rule: String(rule.id) } },
    h("td", {}, h("strong", {}, rule.name), h("div", { class: "muted small" }, rule.description || "")),
    h("td", {}, eventName(rule.event_name)),
    h("td", {}, toggle),
    h(
      "td",
      {},
      h(
        "span",
        { class: "row" },
        h("button", { type: "button", class: "button small", "aria-label": interpolate(gettext("Edit rule %(name)s"), named), onclick: onEdit }, gettext("Edit")),
        h("button", { type: "button", class: "button small danger", "aria-label": interpolate(gettext("Delete rule %(name)s"), named), onclick: onDelete }, gettext("Delete")),
      ),
    ),
  );
}

/**
 * The runs table's head and rows: when, which rule, which conversation, and
 * the actions taken, the error, or that the conditions did not hold.
 * @param {Run[]} found
 * @param {Rule[]} rules
 */
function runRows(found, rules) {
  const nameOf = (/** @type {number} */ id) => (rules.find((r) => r.id === id) || { name: "" }).name;
  return [
    h("thead", {}, h("tr", {}, [gettext("When"), gettext("Rule"), gettext("Conversation"), gettext("Result")].map((words) => h("th", { scope: "col" }, words)))),
    h(
      "tbody",
      {},
      found.map((run) =>
        h(
          "tr",
          {},
          h("td", {}, formatDateTime(run.created_at)),
          h("td", {}, nameOf(run.rule_id)),
          h("td", {}, run.conversation_id ? `#${run.conversation_id}` : ""),
          h("td", { class: run.error ? "automation-run-error" : "" }, run.error || (run.matched ? run.actions_taken.map(actionName).join(", ") : gettext("Conditions not met"))),
        ),
      ),
      found.length ? null : h("tr", {}, h("td", { colspan: "4", class: "muted" }, gettext("No runs yet."))),
    ),
  ];
}

/**
 * The rules, a form to add one or change the one picked, and the latest runs.
 * @param {DashboardContext} ctx
 * @param {HTMLElement} content
 */
export function automationSettings(ctx, content) {
  /** @type {Rule | null} */
  let editing = null;
  /** @type {Condition[]} */
  let conditions = [];
  /** @type {Rule[]} */
  let rules = [];
  /** @type {import("./context.js").Lookups} */
  const lookups = {};
  const list = h("table", { class: "automation-table" });
  const runs = h("table", { class: "automation-runs" });
  const form = h("form", { class: "card stack automation-form", onsubmit: submit });
  const rows = h("ol", { class: "filter-conditions" });
  const actions = createActionsEditor({ lookups, macro: false });
  const eventSelect = h("select", { id: "field-event_name", name: "event_name" }, eventNames().map(([value, name]) => h("option", { value }, name)));
  eventSelect.addEventListener("change", () => ((conditions = [firstCondition(eventSelect.value)]), drawConditions()));
  replaceChildren(
    content,
    h("h1", { id: "settings-title" }, gettext("Automation")),
    h("div", { class: "settings-grid" }, h("div", {}, list, h("h2", {}, gettext("Recent runs")), runs), form),
  );

  function drawConditions() {
    const attributes = ruleAttributes(eventSelect.value);
    const last = conditions.length - 1;
    replaceChildren(
      rows,
      conditions.map((condition, index) => conditionRow(condition, { index, last: index === last, lookups, attributes, redraw: drawConditions, remove: () => (conditions.splice(index, 1), drawConditions()) })),
    );
  }

  function drawForm() {
    eventSelect.value = editing ? editing.event_name : "message_created";
    conditions = editing ? editing.conditions.map((c) => ({ ...c, values: [...c.values] })) : [firstCondition("message_created")];
    actions.set(editing ? editing.actions : []);
    replaceChildren(form, ruleFields(editing, { eventSelect, rows, actions, onAddCondition: addCondition, onCancel: () => edit(null) }));
    drawConditions();
  }

  function addCondition() {
    conditions.push({ attribute_key: "status", filter_operator: "equal_to", values: [] });
    drawConditions();
  }

  function drawList() {
    replaceChildren(
      list,
      h("thead", {}, h("tr", {}, [gettext("Rule"), gettext("Event"), gettext("Active"), ""].map((words) => h("th", { scope: "col" }, words)))),
      h(
        "tbody",
        {},
        rules.map((rule) => ruleRow(rule, { onEdit: () => edit(rule), onDelete: () => remove(rule), onToggle: (active) => save(rule.id, { active }) })),
        rules.length ? null : h("tr", {}, h("td", { colspan: "4", class: "muted" }, gettext("No rules yet."))),
      ),
    );
  }

  /** @param {Rule | null} rule */
  function edit(rule) {
    editing = rule;
    drawForm();
  }

  const newest = newestOnly();
  async function load() {
    const found = await newest(ctx.api.get("automation_rules"));
    if (found === STALE) return;
    rules = listOf(found);
    drawList();
    replaceChildren(runs, runRows(listOf(await ctx.api.get("automation_runs")), rules));
  }

  /**
   * @param {number | null} id the rule to change, null for a new one
   * @param {Record<string, unknown>} body
   */
  async function save(id, body) {
    try {
      if (id) await ctx.api.patch(`automation_rules/${id}`, body);
      else await ctx.api.post("automation_rules", body);
      toast(id ? gettext("Rule saved.") : gettext("Rule created."));
      await load();
      return true;
    } catch (error) {
      toast(interpolate(gettext("Could not save the rule: %(reason)s"), reasonOf(error)));
      return false;
    }
  }

  /** @param {SubmitEvent} event */
  async function submit(event) {
    event.preventDefault();
    const query = queryOf(conditions);
    if (!query) {
      toast(gettext("Give each condition a value."));
      return;
    }
    const data = new FormData(form);
    const body = { name: data.get("name"), description: data.get("description") || "", event_name: eventSelect.value, conditions: query.payload, actions: actions.value(), active: data.get("active") !== null };
    if (await save(editing ? editing.id : null, body)) edit(null);
  }

  /** @param {Rule} rule */
  async function remove(rule) {
    if (!confirm(interpolate(gettext("Delete the rule %(name)s?"), { name: rule.name }))) return;
    try {
      await ctx.api.request("DELETE", `automation_rules/${rule.id}`);
      if (editing && editing.id === rule.id) edit(null);
      await load();
    } catch (error) {
      toast(interpolate(gettext("Could not delete the rule: %(reason)s"), reasonOf(error)));
    }
  }

  drawForm();
  // The agents, teams and labels offered fill in once they arrive.
  loadLookups(ctx.api, listOf).then((found) => (Object.assign(lookups, found), drawConditions(), actions.redraw()), () => {});
  load().catch((error) => toast(interpolate(gettext("Could not load the rules: %(reason)s"), reasonOf(error))));
}
