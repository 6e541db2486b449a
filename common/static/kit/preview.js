// @ts-check
// The card under a message whose link the server previewed
// (`content_attributes.link_preview`). Every string goes in as text; the title
// links only to an http(s) address, in a new tab, without a referrer. The
// page's image is not drawn: loading it from a third-party host would tell that
// host who reads the conversation.

import { webUrl } from "./url.js";

const LINK_REL = "noopener noreferrer nofollow";

/**
 * @typedef {object} LinkPreview
 * @property {string} url the link as the message wrote it
 * @property {string} [title]
 * @property {string} [description]
 * @property {string} [site_name]
 */

/**
 * The preview card of `message`, or null when it has none to show.
 * @param {import("./wire.js").Message} message
 * @param {{label: string}} options `label` names the card for assistive technology
 * @returns {HTMLElement | null}
 */
export function linkPreview(message, { label }) {
  const attributes = message.content_attributes;
  /** @type {LinkPreview | undefined} */
  const preview = attributes && !attributes.deleted ? attributes.link_preview : undefined;
  if (!preview || typeof preview !== "object") return null;
  const href = webUrl(preview.url);
  const title = text(preview.title);
  const description = text(preview.description);
  if (!href || !(title || description)) return null;
  const card = document.createElement("div");
  card.className = "link-preview";
  card.setAttribute("role", "group");
  card.setAttribute("aria-label", label);
  card.dir = "auto";
  const site = text(preview.site_name);
  if (site) card.append(part("span", "link-preview-site", site));
  const link = part("a", "link-preview-title", title || new URL(href).host);
  link.setAttribute("href", href);
  link.setAttribute("target", "_blank");
  link.setAttribute("rel", LINK_REL);
  card.append(link);
  if (description) card.append(part("p", "link-preview-description", description));
  return card;
}

/** @param {unknown} value */
function text(value) {
  return typeof value === "string" ? value : "";
}

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {string} className
 * @param {string} content
 */
function part(tag, className, content) {
  const element = document.createElement(tag);
  element.className = className;
  element.textContent = content;
  return element;
}
