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
  number: ["equal_to", "not_equal_to", "is_greater_than", "is_less_than", "is_present", "is_not_present"],
  date: ["is_greater_than", "is_less_than", "days_before"],
  boolean: ["equal_to", "not_equal_to"],
};

/** Operators that take no value. */
export const VALUELESS = new Set(["is_present", "is_not_present"]);

/**
 * An attribute the builder offers; `lookup` names the page's lookup whose
 * items are the values to pick from.
 * @typedef {{key: string, label: string, kind: keyof typeof OPERATORS, lookup?: string, values?: string[]}} FilterAttribute
 */

/**
 * The standard conversation attributes (filters/attributes.py).
 * @type {FilterAttribute[]}
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
 * The attribute of `key` among `attributes`, the first one for an unknown key.
 * @param {string} key
 * @param {FilterAttribute[]} [attributes]
 * @returns {FilterAttribute}
 */
export function attributeOf(key, attributes = ATTRIBUTES) {
  return attributes.find((a) => a.key === key) || attributes[0];
}

/**
 * How the server compares a custom attribute of each display type
 * (filters/attributes.py KIND_OF_DISPLAY_TYPE); the rest are text.
 * @type {Record<string, keyof typeof OPERATORS>}
 */
const KIND_OF_DISPLAY_TYPE = { number: "number", currency: "number", percent: "number", date: "date", checkbox: "boolean" };

/**
 * The builder's attributes: the standard ones, then the account's custom
 * conversation attributes (definitions as custom_attribute_definitions gives them).
 * A list attribute is picked among its values.
 * @param {{attribute_key?: string, attribute_display_name?: string, attribute_display_type?: string, attribute_values?: string[]}[]} definitions
 * @returns {FilterAttribute[]}
 */
export function attributesWith(definitions) {
  const standard = new Set(ATTRIBUTES.map((a) => a.key));
  const custom = definitions.flatMap((d) => customAttribute(d, standard));
  return [...ATTRIBUTES, ...custom];
}

/**
 * A definition as the builder offers it; none for a standard key.
 * @param {{attribute_key?: string, attribute_display_name?: string, attribute_display_type?: string, attribute_values?: string[]}} d
 * @param {Set<string>} standard
 * @returns {FilterAttribute[]}
 */
function customAttribute(d, standard) {
  const key = d.attribute_key;
  if (!key || standard.has(key)) return [];
  const label = d.attribute_display_name || key;
  if (d.attribute_display_type === "list") return [{ key, label, kind: "choice", values: d.attribute_values || [] }];
  const kind = KIND_OF_DISPLAY_TYPE[d.attribute_display_type || ""] || "text";
  return [{ key, label, kind, lookup: kind === "boolean" ? "booleans" : undefined }];
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
