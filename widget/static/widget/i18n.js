// @ts-check
// The widget's words: Django's djangojs catalogues of widget/locale, one per
// language the widget speaks, embedded in the page as JSON (#widget-catalogs,
// widget/views.py). The page follows the SDK's `locale` setting or
// `$onechat.setLocale`, else the browser's language; when the widget speaks
// none of those, the inbox's language, else English.
import { useCatalog } from "../kit/i18n.js";

export { gettext, interpolate, ngettext } from "../kit/i18n.js";

/** @typedef {import("../kit/i18n.js").Catalog} Catalog */

// Languages written right to left: the page flips (dir="rtl").
const RTL = new Set(["ar", "fa", "he", "ur"]);

/** @returns {Record<string, Catalog>} language tag ("fr", "pt-BR") -> its catalogue */
function catalogs() {
  const element = document.getElementById("widget-catalogs");
  return element ? JSON.parse(element.textContent || "{}") : {};
}

/**
 * Switch to the first of `locales` the widget speaks ("fr", "pt-BR", "de-AT":
 * the exact tag, else its base language, else a regional variant of it, so
 * "pt" is "pt-BR"), else English.
 * @param {...(string | null | undefined)} locales
 * @returns {string} the language now read
 */
export function setLocale(...locales) {
  const all = catalogs();
  const codes = ["en", ...Object.keys(all)];
  const current = locales.map((locale) => known(codes, locale)).find(Boolean) || "en";
  useCatalog(current, all[current] || {});
  document.documentElement.lang = current;
  document.documentElement.dir = RTL.has(current.split("-")[0]) ? "rtl" : "ltr";
  return current;
}

/**
 * The code of `codes` that `locale` asks for, if any.
 * @param {string[]} codes
 * @param {string | null | undefined} locale
 * @returns {string | undefined}
 */
function known(codes, locale) {
  const tag = String(locale || "").replace("_", "-").toLowerCase();
  const base = tag.split("-")[0];
  return (
    codes.find((code) => code.toLowerCase() === tag) ||
    codes.find((code) => code === base) ||
    codes.find((code) => code.split("-")[0] === base)
  );
}
