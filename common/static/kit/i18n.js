// @ts-check
// Words in the reader's language from a Django JavaScript catalogue: msgid ->
// translation, or a plural msgid -> its forms (`makemessages -d djangojs`
// extracts the `gettext("…")` and `ngettext("…", "…", n)` calls). A msgid the
// catalogue lacks reads as it is, in English.

/** @typedef {Record<string, string | string[]>} Catalog */

// The page reads one language at a time; a switch replaces both at once.
const active = { language: "en", catalog: /** @type {Catalog} */ ({}) };

/** @type {Intl.LDMLPluralRule[]} CLDR's plural categories in the order gettext numbers its forms */
const CATEGORIES = ["zero", "one", "two", "few", "many", "other"];

/**
 * Read from now on in `language` (a BCP 47 tag) with its `catalog`.
 * @param {string} language
 * @param {Catalog} catalog
 */
export function useCatalog(language, catalog) {
  active.language = language;
  active.catalog = catalog;
}

/**
 * The translation of `msgid` in the page's language, else `msgid` itself.
 * @param {string} msgid
 * @returns {string}
 */
export function gettext(msgid) {
  const found = active.catalog[msgid];
  if (typeof found === "string" && found) return found;
  if (Array.isArray(found) && found[0]) return found[0];
  return msgid;
}

/**
 * The form of `singular`/`plural` for `count` in the page's language, else the
 * English one.
 * @param {string} singular
 * @param {string} plural
 * @param {number} count
 * @returns {string}
 */
export function ngettext(singular, plural, count) {
  const forms = active.catalog[singular];
  if (Array.isArray(forms) && forms.length) {
    const form = forms[pluralForm(active.language, count, forms.length)];
    if (form) return form;
  }
  return count === 1 ? singular : plural;
}

/**
 * The index of the catalogue's form for `count`: the language's CLDR category
 * in gettext's order ("one" first of two forms; Arabic's six in CLDR order).
 * The browser's plural rules stand in for the catalogue's formula, which the
 * widget's policy (no eval) could not run.
 * @param {string} language
 * @param {number} count
 * @param {number} forms how many forms the catalogue has
 * @returns {number}
 */
export function pluralForm(language, count, forms) {
  const rules = new Intl.PluralRules(language);
  const category = rules.select(count);
  if (forms === 2) return category === "one" ? 0 : 1;
  const known = CATEGORIES.filter((name) => rules.resolvedOptions().pluralCategories.includes(name));
  return Math.min(known.indexOf(category), forms - 1);
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
