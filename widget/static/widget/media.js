// @ts-check
// Attachments as the visitor sees them: images inline (a click opens them
// full size in a viewer), audio and video in the browser's own players, any
// other file as a card with its name, size and type. Addresses pass the kit's
// safeUrl; names are text.

import { attachmentKind, fileName, fileTypeLabel, humanSize } from "../kit/files.js";
import { safeUrl } from "../kit/url.js";
import { gettext, interpolate } from "./i18n.js";

/** @typedef {import("../kit/wire.js").Attachment} Attachment */

/**
 * The drawing of one stored attachment.
 * @param {Attachment} attachment
 * @param {ImageViewer} viewer
 * @returns {HTMLElement}
 */
export function drawAttachment(attachment, viewer) {
  const url = safeUrl(attachment.data_url);
  const kind = attachmentKind(attachment);
  const name = fileName(attachment) || gettext("Attachment");
  if (kind === "image" && url) {
    const open = document.createElement("button");
    open.type = "button";
    open.className = "message-image-button";
    open.setAttribute("aria-label", interpolate(gettext("View image %(name)s"), { name }));
    const image = document.createElement("img");
    const source = safeUrl(attachment.thumb_url) || url;
    image.src = source;
    image.alt = name;
    image.className = "message-image";
    image.loading = "lazy";
    open.append(image);
    open.addEventListener("click", () => viewer.open(url, name, open));
    return open;
  }
  if ((kind === "audio" || kind === "video") && url) {
    const player = document.createElement(kind);
    player.controls = true;
    player.preload = "metadata";
    player.src = url;
    player.className = `message-${kind}`;
    player.setAttribute("aria-label", name);
    const box = document.createElement("div");
    box.className = "message-player";
    box.append(player, fileCard(attachment, url, name));
    return box;
  }
  return fileCard(attachment, url, name);
}

/**
 * A file's card: its name (a link when its address is allowed), size and type.
 * @param {Attachment} attachment
 * @param {string} url checked by safeUrl, "" when refused
 * @param {string} name
 */
function fileCard(attachment, url, name) {
  const card = document.createElement(url ? "a" : "span");
  card.className = "message-file";
  if (url && card instanceof HTMLAnchorElement) {
    card.href = url;
    card.target = "_blank";
    card.rel = "noopener noreferrer";
    card.download = name;
  }
  const icon = fileIcon();
  const title = document.createElement("span");
  title.className = "message-file-name";
  title.textContent = name;
  const details = document.createElement("span");
  details.className = "message-file-details";
  details.textContent = [humanSize(attachment.file_size, document.documentElement.lang), fileTypeLabel(attachment)]
    .filter(Boolean)
    .join(" · ");
  card.append(icon, title);
  if (details.textContent) card.append(details);
  return card;
}

const SVG = "http://www.w3.org/2000/svg";

/** A page with a folded corner, drawn the same in every font. */
function fileIcon() {
  const icon = document.createElementNS(SVG, "svg");
  icon.setAttribute("class", "message-file-icon");
  icon.setAttribute("viewBox", "0 0 24 24");
  icon.setAttribute("width", "24");
  icon.setAttribute("height", "24");
  icon.setAttribute("aria-hidden", "true");
  icon.setAttribute("focusable", "false");
  const path = document.createElementNS(SVG, "path");
  path.setAttribute("d", "M6 2h8l5 5v13a2 2 0 01-2 2H6a2 2 0 01-2-2V4a2 2 0 012-2zM14 2v5h5M8 13h8M8 17h6");
  path.setAttribute("fill", "none");
  path.setAttribute("stroke", "currentColor");
  path.setAttribute("stroke-width", "1.6");
  path.setAttribute("stroke-linejoin", "round");
  icon.append(path);
  return icon;
}

/**
 * The full-size image over the chat: Escape, the close button or a click
 * outside the image closes it, and focus goes back to what opened it.
 */
export class ImageViewer {
  /** @param {HTMLElement} root the viewer's element (#viewer in the page) */
  constructor(root) {
    this.root = root;
    this.image = /** @type {HTMLImageElement} */ (root.querySelector("img"));
    this.closeButton = /** @type {HTMLButtonElement} */ (root.querySelector("button"));
    /** @type {HTMLElement | null} */
    this.opener = null;
    this.closeButton.addEventListener("click", () => this.close());
    root.addEventListener("click", (event) => {
      if (event.target === root) this.close();
    });
    root.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        // Closes the viewer only, not the chat around it.
        event.stopPropagation();
        this.close();
      } else if (event.key === "Tab") {
        // The close button is the viewer's one control: focus stays on it.
        event.preventDefault();
        event.stopPropagation();
        this.closeButton.focus();
      }
    });
  }

  /** The viewer's words, in the page's language. */
  translate() {
    this.root.setAttribute("aria-label", gettext("Image"));
    this.closeButton.setAttribute("aria-label", gettext("Close image"));
  }

  /**
   * @param {string} url
   * @param {string} name
   * @param {HTMLElement} opener focused again on close
   */
  open(url, name, opener) {
    this.opener = opener;
    this.image.src = url;
    this.image.alt = name;
    this.translate();
    this.root.hidden = false;
    this.closeButton.focus();
  }

  close() {
    if (this.root.hidden) return;
    this.root.hidden = true;
    this.image.removeAttribute("src");
    this.opener?.focus();
    this.opener = null;
  }
}
