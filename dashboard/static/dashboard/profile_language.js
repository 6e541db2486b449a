// @ts-check
// The profile's language picker: the languages OneChat speaks, each by its
// own name; the choice is kept on the user (`ui_settings.locale`), which
// the dashboard and the emails sent to them follow. The page is drawn again
// in it.
import { h, reasonOf, toast } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";

/**
 * The picker's section.
 * @param {import("./context.js").DashboardContext} ctx
 * @param {{reload?: () => void}} [options] how the page is drawn again
 * @returns {HTMLElement}
 */
export function languagePicker(ctx, { reload = () => location.reload() } = {}) {
  const current = ctx.config.user.locale;
  const select = /** @type {HTMLSelectElement} */ (
    h(
      "select",
      { id: "profile-language", name: "locale" },
      ctx.config.languages.map(([code, name]) => h("option", { value: code, lang: code, selected: code === current }, name)),
    )
  );
  select.addEventListener("change", async () => {
    select.disabled = true;
    try {
      await ctx.api.patch("/api/v1/profile", { ui_settings: { locale: select.value } });
      reload();
    } catch (error) {
      select.value = current;
      select.disabled = false;
      toast(interpolate(gettext("Could not change the language: %(reason)s"), reasonOf(error)));
    }
  });
  return h(
    "div",
    { class: "profile-language" },
    h("h2", {}, h("label", { for: "profile-language" }, gettext("Language"))),
    h("p", { class: "muted" }, gettext("The dashboard and the emails OneChat sends you are in this language.")),
    select,
  );
}
