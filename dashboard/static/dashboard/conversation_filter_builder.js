// @ts-check
// The filter builder: conditions of attribute, operator and values, joined by
// "and" or "or", applied to the list or saved as a view.

import { CONVERSATION_STATUS } from "../kit/wire.js";
import { PRIORITIES, priorityName } from "./conversation_priority.js";
import { ATTRIBUTES, OPERATORS, VALUELESS, attributeOf, operatorName, queryOf } from "./conversation_query.js";

/** @typedef {import("./conversation_query.js").FilterAttribute} FilterAttribute */
import { h, replaceChildren, statusName } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";

/** @typedef {import("./conversation_query.js").Condition} Condition */
/** @typedef {import("./conversation_query.js").FilterQuery} FilterQuery */

/**
 * The values an attribute's lookup offers, as [value, name] pairs.
 * @param {string | undefined} lookup
 * @param {import("./context.js").Lookups} lookups
 * @returns {[string, string][] | null} null: the agent types the value
 */
function choicesOf(lookup, lookups) {
  /** @type {Record<string, () => [string, string][]>} */
  const choices = {
    statuses: () => Object.values(CONVERSATION_STATUS).map((s) => [s, statusName(s)]),
    priorities: () => PRIORITIES.map((p) => [p, priorityName(p)]),
    agents: () => (lookups.agents || []).filter((a) => a.confirmed !== false).map((a) => [String(a.id), a.available_name || a.name]),
    inboxes: () => (lookups.inboxes || []).map((i) => [String(i.id), i.name]),
    teams: () => (lookups.teams || []).map((t) => [String(t.id), t.name]),
    labels: () => (lookups.labels || []).flatMap((l) => (l.title ? [[l.title, l.title]] : [])),
    booleans: () => [["true", gettext("Yes")], ["false", gettext("No")]],
  };
  return lookup && choices[lookup] ? choices[lookup]() : null;
}

/**
 * The value field of `condition`: a select of the lookup's values, a date,
 * a number of days or free text.
 * @param {Condition} condition
 * @param {{lookups: import("./context.js").Lookups, attributes: FilterAttribute[]}} options
 * @param {string} label the field's accessible name
 */
function valueField(condition, { lookups, attributes }, label) {
  const attribute = attributeOf(condition.attribute_key, attributes);
  const set = (/** @type {string} */ value) => (condition.values = [value]);
  const current = String(condition.values[0] ?? "");
  const choices = attribute.values ? attribute.values.map((value) => [value, value]) : choicesOf(attribute.lookup, lookups);
  if (choices) {
    if (!current && choices.length) set(choices[0][0]);
    const select = h("select", { class: "filter-value", "aria-label": label }, choices.map(([value, name]) => h("option", { value, selected: value === current }, name)));
    select.addEventListener("change", () => set(select.value));
    return select;
  }
  const days = condition.filter_operator === "days_before";
  const type = days || attribute.kind === "id" || attribute.kind === "number" ? "number" : attribute.kind === "date" ? "date" : "text";
  const input = h("input", { class: "filter-value", type, min: type === "number" ? "0" : null, value: current, "aria-label": label });
  input.addEventListener("input", () => set(input.value));
  return input;
}

/**
 * One condition's row: attribute, operator, value, remove, and the join to
 * the next condition unless it is the last.
 * @param {Condition} condition
 * @param {{index: number, last: boolean, lookups: import("./context.js").Lookups, attributes: FilterAttribute[], redraw: () => void, remove: () => void}} options
 */
export function conditionRow(condition, { index, last, lookups, attributes, redraw, remove }) {
  const number = index + 1;
  const kindOf = (/** @type {string} */ key) => attributeOf(key, attributes).kind;
  const attributeSelect = h(
    "select",
    { class: "filter-attribute", "aria-label": interpolate(gettext("Condition %(number)s: attribute"), { number }) },
    attributes.map((a) => h("option", { value: a.key, selected: a.key === condition.attribute_key }, a.label)),
  );
  attributeSelect.addEventListener("change", () => {
    condition.attribute_key = attributeSelect.value;
    condition.filter_operator = OPERATORS[kindOf(attributeSelect.value)][0];
    condition.values = [];
    redraw();
  });
  const operatorSelect = h(
    "select",
    { class: "filter-operator", "aria-label": interpolate(gettext("Condition %(number)s: operator"), { number }) },
    OPERATORS[kindOf(condition.attribute_key)].map((o) => h("option", { value: o, selected: o === condition.filter_operator }, operatorName(o))),
  );
  operatorSelect.addEventListener("change", () => {
    condition.filter_operator = operatorSelect.value;
    condition.values = [];
    redraw();
  });
  const join = h(
    "select",
    { class: "filter-join", "aria-label": interpolate(gettext("Join condition %(number)s to the next"), { number }) },
    h("option", { value: "and", selected: condition.query_operator !== "or" }, gettext("and")),
    h("option", { value: "or", selected: condition.query_operator === "or" }, gettext("or")),
  );
  join.addEventListener("change", () => (condition.query_operator = join.value === "or" ? "or" : "and"));
  return h(
    "li",
    { class: "filter-condition" },
    attributeSelect,
    operatorSelect,
    VALUELESS.has(condition.filter_operator) ? null : valueField(condition, { lookups, attributes }, interpolate(gettext("Condition %(number)s: value"), { number })),
    h("button", { type: "button", class: "button small", "aria-label": interpolate(gettext("Remove condition %(number)s"), { number }), onclick: remove }, "×"),
    last ? null : join,
  );
}

/**
 * @typedef {object} FilterBuilder
 * @property {HTMLElement} element
 * @property {(conditions: Condition[], name: string, saved: boolean) => void} open show the builder with these
 *   conditions; `saved`: they are an open saved view's, which saving changes
 * @property {() => void} close
 * @property {(attributes: FilterAttribute[]) => void} setAttributes the attributes offered
 * @property {() => void} lookupsChanged the account's agents, teams or labels arrived: an open builder offers them
 */

/**
 * @param {{lookups: import("./context.js").Lookups, onApply: (query: FilterQuery) => void, onSave: (name: string, query: FilterQuery) => Promise<boolean>}} options
 * @returns {FilterBuilder}
 */
export function createFilterBuilder({ lookups, onApply, onSave }) {
  /** @type {Condition[]} */
  let conditions = [];
  let attributes = ATTRIBUTES;
  const rows = h("ol", { class: "filter-conditions" });
  const note = h("p", { class: "filter-note muted small", role: "status" });
  const nameInput = h("input", { type: "text", class: "filter-name", maxlength: "255", "aria-label": gettext("View name"), placeholder: gettext("View name") });
  const saveButton = h("button", { type: "button", class: "button filter-save-button", onclick: save }, gettext("Save as view"));
  const element = h("section", { class: "filter-builder", role: "dialog", "aria-label": gettext("Filter conversations"), hidden: true });

  function redraw() {
    const last = conditions.length - 1;
    replaceChildren(
      rows,
      conditions.map((condition, index) => conditionRow(condition, { index, last: index === last, lookups, attributes, redraw, remove: () => (conditions.splice(index, 1), redraw()) })),
    );
  }

  function add() {
    conditions.push({ attribute_key: "status", filter_operator: "equal_to", values: [] });
    redraw();
  }

  /** The query built, or null after saying what is missing. */
  function built() {
    const query = queryOf(conditions);
    note.textContent = query ? "" : gettext("Give each condition a value.");
    return query;
  }

  function apply() {
    const query = built();
    if (!query) return;
    onApply(query);
    close();
  }

  async function save() {
    const query = built();
    if (!query) return;
    const name = nameInput.value.trim();
    if (!name) {
      note.textContent = gettext("Give the view a name.");
      nameInput.focus();
      return;
    }
    if (await onSave(name, query)) close();
  }

  function close() {
    element.hidden = true;
  }

  replaceChildren(
    element,
    h("h2", {}, gettext("Filter conversations")),
    rows,
    h("button", { type: "button", class: "button small filter-add", onclick: add }, gettext("Add condition")),
    note,
    h("div", { class: "filter-actions" }, h("button", { type: "button", class: "button primary filter-apply", onclick: apply }, gettext("Apply")), h("button", { type: "button", class: "button", onclick: close }, gettext("Cancel"))),
    h("div", { class: "filter-save" }, nameInput, saveButton),
  );

  return {
    element,
    open(initial, name, saved) {
      saveButton.textContent = saved ? gettext("Save view") : gettext("Save as view");
      conditions = initial.map((c) => ({ ...c, values: [...c.values] }));
      if (!conditions.length) add();
      else redraw();
      nameInput.value = name;
      note.textContent = "";
      element.hidden = false;
      const first = rows.querySelector("select");
      if (first instanceof HTMLElement) first.focus();
    },
    close,
    setAttributes(next) {
      attributes = next;
      if (!element.hidden) redraw();
    },
    lookupsChanged() {
      if (!element.hidden) redraw();
    },
  };
}
