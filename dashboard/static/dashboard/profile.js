// @ts-check
// The signed-in user's profile: the API access token (with a reset) and the
// invitations of other accounts waiting for an answer.

import { h, reasonOf, replaceChildren, roleName, toast } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";
import { mountNotificationSettings } from "./notification_settings.js";
import { languagePicker } from "./profile_language.js";

/**
 * An invitation to another account (`GET /api/v1/profile/invitations`).
 * @typedef {object} Invitation
 * @property {number} id
 * @property {string} account_name
 * @property {string} role
 */

/**
 * Draw the page in `main`.
 * @param {import("./context.js").DashboardContext} ctx
 * @param {HTMLElement} main
 */
export function mount(ctx, main) {
  const token = h("code", { class: "access-token" }, "…");
  const reset = h("button", { type: "button" }, gettext("Reset access token"));
  const invitations = h("ul", { class: "plain-list" });
  replaceChildren(
    main,
    h(
      "section",
      { class: "settings-content", "aria-labelledby": "profile-title" },
      h("h1", { id: "profile-title" }, gettext("Profile")),
      languagePicker(ctx),
      h("h2", {}, gettext("API access token")),
      h("p", { class: "muted" }, gettext("Integrations send it in the api_access_token header. Resetting it stops the old one at once.")),
      h("p", {}, token),
      reset,
      h("h2", {}, gettext("Invitations")),
      invitations,
    ),
  );

  /** @param {Invitation[]} list */
  function showInvitations(list) {
    replaceChildren(
      invitations,
      list.length
        ? list.map((invitation) =>
            h(
              "li",
              {},
              h("span", {}, interpolate(gettext("%(account)s (%(role)s) "), { account: invitation.account_name, role: roleName(invitation.role) })),
              h("button", { type: "button", onclick: () => answer(invitation, "post") }, gettext("Accept")),
              h("button", { type: "button", class: "link-button", onclick: () => answer(invitation, "delete") }, gettext("Decline")),
            ),
          )
        : h("li", { class: "muted" }, gettext("No invitations.")),
    );
  }

  /**
   * Accept (`post`) or decline (`delete`) an invitation.
   * @param {Invitation} invitation
   * @param {"post" | "delete"} method
   */
  async function answer(invitation, method) {
    try {
      await ctx.api[method](`/api/v1/profile/invitations/${invitation.id}`);
    } catch (error) {
      toast(interpolate(gettext("Could not answer the invitation: %(reason)s"), reasonOf(error)));
      return;
    }
    // The account switcher is drawn by the server: show the joined account there.
    if (method === "post") location.reload();
    else showInvitations(await ctx.api.get("/api/v1/profile/invitations"));
  }

  reset.addEventListener("click", async () => {
    try {
      token.textContent = (await ctx.api.post("/api/v1/profile/reset_access_token")).access_token;
      toast(gettext("A new access token is in place; the old one no longer works."));
    } catch (error) {
      toast(interpolate(gettext("Could not reset the token: %(reason)s"), reasonOf(error)));
    }
  });

  ctx.api.get("/api/v1/profile").then((/** @type {{access_token: string}} */ profile) => (token.textContent = profile.access_token));
  ctx.api.get("/api/v1/profile/invitations").then(showInvitations);
  mountNotificationSettings(ctx, /** @type {HTMLElement} */ (main.querySelector(".settings-content")));
}
