// @ts-check
// A 400's field errors by path. The APIs answer a refused field as DRF's nested
// detail (`{"errors": {"content_attributes": {"items": {"0": {"value": ["…"]}}}}}`);
// a form shows each message beside the input that path names.

/**
 * The messages of `errors` keyed by dotted path ("content_attributes.items.0.value").
 * Lists of strings join into one message; a list of objects is indexed.
 * @param {unknown} errors the `errors` of an API error body
 * @param {string} [prefix]
 * @returns {Record<string, string>}
 */
export function fieldErrors(errors, prefix = "") {
  /** @type {Record<string, string>} */
  const found = {};
  if (typeof errors === "string") {
    found[prefix] = errors;
  } else if (Array.isArray(errors)) {
    if (errors.every((item) => typeof item === "string")) {
      if (errors.length) found[prefix] = errors.join(" ");
    } else {
      errors.forEach((item, index) => Object.assign(found, fieldErrors(item, join(prefix, String(index)))));
    }
  } else if (errors && typeof errors === "object") {
    for (const [key, value] of Object.entries(errors)) Object.assign(found, fieldErrors(value, join(prefix, key)));
  }
  return found;
}

/**
 * @param {string} prefix
 * @param {string} key
 */
function join(prefix, key) {
  return prefix ? `${prefix}.${key}` : key;
}
