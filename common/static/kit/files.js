// @ts-check
// Attachments as both front ends show them: a file's name, type and size as
// people read them, and whether it is an image, audio, video or other file.

import { text } from "./rich.js";

/** @typedef {import("./wire.js").Attachment} Attachment */

/**
 * A size in bytes as people read it, in the page's language ("512 byte",
 * "200 kB", "1.5 MB" in English).
 * Units of 1024, as the server writes its limits.
 * @param {unknown} bytes
 * @param {string} [locale]
 * @returns {string} "" when the size is unknown
 */
export function humanSize(bytes, locale = "en") {
  const size = Number(bytes);
  if (!Number.isFinite(size) || size < 0 || bytes === null || bytes === "") return "";
  /** @type {[string, number][]} */
  const units = [["gigabyte", 1024 ** 3], ["megabyte", 1024 ** 2], ["kilobyte", 1024], ["byte", 1]];
  const [unit, scale] = units.find(([, scale]) => size >= scale) || units[3];
  const format = new Intl.NumberFormat(locale, {
    style: "unit",
    unit,
    unitDisplay: "short",
    maximumFractionDigits: unit === "byte" ? 0 : 1,
  });
  return format.format(size / scale);
}

/**
 * The name a file is shown with: the name it was uploaded with, else its
 * title, else the last part of its address.
 * @param {Attachment} attachment
 * @returns {string}
 */
export function fileName(attachment) {
  const uploaded = text(attachment.file_name).trim();
  if (uploaded) return uploaded;
  const title = text(attachment.fallback_title).trim();
  if (title) return title;
  const path = text(attachment.data_url).split(/[?#]/)[0];
  const last = path.split("/").pop() || "";
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/**
 * A file's type as people read it ("PDF"), from its extension or its name.
 * @param {Attachment} attachment
 */
export function fileTypeLabel(attachment) {
  const extension = text(attachment.extension) || (fileName(attachment).match(/\.([A-Za-z0-9]{1,8})$/) || [])[1] || "";
  return extension.replace(/^\./, "").toUpperCase();
}

/**
 * How a page shows an attachment: "image" (inline, opens a viewer), "audio"
 * and "video" (native players) or "file" (a card).
 * @param {Attachment} attachment
 * @returns {"image" | "audio" | "video" | "file"}
 */
export function attachmentKind(attachment) {
  const kind = attachment.file_type;
  return kind === "image" || kind === "audio" || kind === "video" ? kind : "file";
}
