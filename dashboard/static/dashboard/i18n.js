// @ts-check
// The dashboard's words in the agent's language. The page carries the
// catalogue of its locale as JSON (`#dashboard-catalog`, Django's djangojs
// domain); a string missing there shows in English. Strings are marked as
// `gettext("…")` so that `makemessages -d djangojs` finds them.
import { useCatalog } from "../kit/i18n.js";

export { gettext, interpolate, ngettext } from "../kit/i18n.js";

const element = document.getElementById("dashboard-catalog");
useCatalog(document.documentElement.lang || "en", element ? JSON.parse(element.textContent || "{}") : {});
