// @ts-check
// The inbox's look on the chat window: its colour, light or dark scheme and
// avatar. The live chat and the settings page's preview draw it the same way.
import { safeUrl } from "../kit/url.js";
import { $ } from "./page.js";
import { applyScheme, paint } from "./theme.js";

/**
 * Draw `inbox`'s colour, scheme and avatar; `darkMode` from the host page's
 * SDK settings wins over the inbox's own when it is a value the widget knows.
 * @param {import("./state.js").InboxLook} inbox
 * @param {unknown} [darkMode]
 * @returns {string} the text colour on the inbox colour
 */
export function applyAppearance(inbox, darkMode) {
  const mode = typeof darkMode === "string" && ["light", "dark", "auto"].includes(darkMode) ? darkMode : inbox.darkMode;
  applyScheme(mode);
  const avatar = /** @type {HTMLImageElement} */ ($("avatar"));
  // Blob URLs are the settings page's not-yet-saved image.
  const source = String(inbox.avatarUrl || "").startsWith("blob:") ? inbox.avatarUrl : safeUrl(inbox.avatarUrl);
  if (source) avatar.src = source;
  else avatar.removeAttribute("src");
  avatar.hidden = !source;
  return paint(inbox.color);
}
