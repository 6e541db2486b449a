// @ts-check
// The dashboard's words in the agent's language. The page carries the
// catalogue of its locale as JSON (`#dashboard-catalog`, Django's djangojs
// domain); a string missing there shows in English. Strings are marked as
// `gettext("…")` so that `makemessages -d djangojs` finds them.

/** @type {Record<string, string | string[]>} */
const catalog = (() => {
  const element = document.getElementById("dashboard-catalog");
  return element ? JSON.parse(element.textContent || "{}") : {};
})();

/**
 * The translation of `msgid` in the page's language, else `msgid` itself.
 * @param {string} msgid
 * @returns {string}
 */
export function gettext(msgid) {
  const found = catalog[msgid];
  if (typeof found === "string" && found) return found;
  if (Array.isArray(found) && found[0]) return found[0];
  return msgid;
}

/**
 * Fill `%(name)s` placeholders from `values`, as Django's `interpolate(…, true)`.
 * @param {string} format
 * @param {Record<string, unknown>} values
 * @returns {string}
 */
export function interpolate(format, values) {
  return format.replace(/%\((\w+)\)s/g, (_, name) => String(values[name] ?? ""));
}
