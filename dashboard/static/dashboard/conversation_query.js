// @ts-check
// Filter queries in Chatwoot's format, `{payload: [{attribute_key,
// filter_operator, values, query_operator}]}`, as filters/query.py runs them:
// the attributes and operators the builder offers, and the queries a label or
// a priority in the sidebar stands for.

import { gettext } from "./i18n.js";

/**
 * @typedef {object} Condition
 * @property {string} attribute_key
 * @property {string} filter_operator
 * @property {(string | number)[]} values
 * @property {"and" | "or"} [query_operator] joins it to the next condition
 */

/** @typedef {{payload: Condition[]}} FilterQuery */

/** The operators of each kind of attribute (filters/query.py OPERATORS). */
export const OPERATORS = {
  choice: ["equal_to", "not_equal_to", "is_present", "is_not_present"],
  id: ["equal_to", "not_equal_to", "is_present", "is_not_present"],
  labels: ["equal_to", "not_equal_to", "is_present", "is_not_present"],
  text: ["equal_to", "not_equal_to", "contains", "does_not_contain", "starts_with", "is_present", "is_not_present"],
  date: ["is_greater_than", "is_less_than", "days_before"],
};

/** Operators that take no value. */
export const VALUELESS = new Set(["is_present", "is_not_present"]);

/**
 * The conversation attributes the builder offers (filters/attributes.py);
 * `lookup` names the page's lookup whose items are the values to pick from.
 * @type {{key: string, label: string, kind: keyof typeof OPERATORS, lookup?: string}[]}
 */
export const ATTRIBUTES = [
  { key: "status", label: gettext("Status"), kind: "choice", lookup: "statuses" },
  { key: "priority", label: gettext("Priority"), kind: "choice", lookup: "priorities" },
  { key: "assignee_id", label: gettext("Assigned agent"), kind: "id", lookup: "agents" },
  { key: "inbox_id", label: gettext("Inbox"), kind: "id", lookup: "inboxes" },
  { key: "team_id", label: gettext("Team"), kind: "id", lookup: "teams" },
  { key: "labels", label: gettext("Labels"), kind: "labels", lookup: "labels" },
  { key: "display_id", label: gettext("Conversation number"), kind: "id" },
  { key: "browser_language", label: gettext("Browser language"), kind: "text" },
  { key: "country_code", label: gettext("Country code"), kind: "text" },
  { key: "referer", label: gettext("Referrer link"), kind: "text" },
  { key: "created_at", label: gettext("Created"), kind: "date" },
  { key: "last_activity_at", label: gettext("Last activity"), kind: "date" },
];

/** @param {string} name an operator's wire name */
export function operatorName(name) {
  /** @type {Record<string, string>} */
  const names = {
    equal_to: gettext("is"),
    not_equal_to: gettext("is not"),
    contains: gettext("contains"),
    does_not_contain: gettext("does not contain"),
    starts_with: gettext("starts with"),
    is_present: gettext("is present"),
    is_not_present: gettext("is not present"),
    is_greater_than: gettext("is after"),
    is_less_than: gettext("is before"),
    days_before: gettext("is more days ago than"),
  };
  return names[name] || name;
}

/**
 * The attribute of `key`, the first one for an unknown key.
 * @param {string} key
 */
export function attributeOf(key) {
  return ATTRIBUTES.find((a) => a.key === key) || ATTRIBUTES[0];
}

/**
 * The query the builder's conditions make: values trimmed, none for an
 * operator that takes none, the last condition joined to nothing; null when a
 * condition still lacks a value.
 * @param {Condition[]} conditions
 * @returns {FilterQuery | null}
 */
export function queryOf(conditions) {
  if (!conditions.length) return null;
  /** @type {Condition[]} */
  const payload = [];
  for (const [index, condition] of conditions.entries()) {
    const values = VALUELESS.has(condition.filter_operator) ? [] : condition.values.map((v) => (typeof v === "string" ? v.trim() : v)).filter((v) => v !== "");
    if (!VALUELESS.has(condition.filter_operator) && !values.length) return null;
    const last = index === conditions.length - 1;
    payload.push({
      attribute_key: condition.attribute_key,
      filter_operator: condition.filter_operator,
      values,
      ...(last ? {} : { query_operator: condition.query_operator || "and" }),
    });
  }
  return { payload };
}

/**
 * The conditions of a saved query, for the builder to edit; none for a query
 * of another shape.
 * @param {any} query
 * @returns {Condition[]}
 */
export function conditionsOf(query) {
  const payload = query && Array.isArray(query.payload) ? query.payload : [];
  return payload
    .filter((/** @type {any} */ c) => c && typeof c.attribute_key === "string" && typeof c.filter_operator === "string")
    .map((/** @type {any} */ c) => ({
      attribute_key: c.attribute_key,
      filter_operator: c.filter_operator,
      values: Array.isArray(c.values) ? c.values : [c.values],
      query_operator: String(c.query_operator || "and").toLowerCase() === "or" ? "or" : "and",
    }));
}

/**
 * The query "conversations with `attribute` equal to `value`" (a label or a
 * priority chosen in the sidebar).
 * @param {string} attribute
 * @param {string} value
 * @returns {FilterQuery}
 */
export function equalsQuery(attribute, value) {
  return { payload: [{ attribute_key: attribute, filter_operator: "equal_to", values: [value] }] };
}
