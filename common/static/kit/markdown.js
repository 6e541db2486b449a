// @ts-check
// A message body as both front ends draw it. The server sends the message's
// Markdown already drawn and sanitised (`processed_message_content`); this
// rebuilds it node by node from an allowlist, so only these tags and
// attributes ever reach the page, whatever the string holds. A message not yet
// drawn by the server (one still sending) is shown as text with its URLs
// linked. A mention (`[@Name](mention://user/1/Name)`) is drawn as a name
// chip, `<span class="mention">`, either way. Bodies carry dir="auto": Arabic or Hebrew reads right to left inside
// a left-to-right page, and the other way round.

const TAGS = new Set(["P", "BR", "STRONG", "EM", "S", "CODE", "PRE", "BLOCKQUOTE", "UL", "OL", "LI", "A", "SPAN"]);
const LINK_SCHEMES = new Set(["http:", "https:", "mailto:"]);
const LINK_REL = "noopener noreferrer nofollow";
/** @typedef {Pick<import("./wire.js").Message, "content" | "processed_message_content">} MessageText */

const BARE_URL = /\bhttps?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]'*_]/g;
// Chatwoot's mention markup, as common/markdown.py's MENTION_URL reads it.
const MENTION = /\[(@[^\]\n]*)\]\(mention:\/\/(?:user|team)\/\d{1,18}\/[^\s)]*\)/g;

/**
 * A link's URL if it is http, https or mailto, else "".
 * @param {unknown} value
 */
export function linkUrl(value) {
  try {
    const url = new URL(String(value || ""));
    return LINK_SCHEMES.has(url.protocol) ? url.href : "";
  } catch {
    return "";
  }
}

/**
 * An element of `tag` holding a message's drawn body (`className` on it,
 * and `markdown` when drawn from the server's HTML).
 * @param {MessageText} message
 * @param {{tag?: string, className?: string}} [options]
 */
export function messageBody(message, { tag = "div", className = "" } = {}) {
  const body = document.createElement(tag);
  body.className = className;
  body.dir = "auto";
  const html = message.processed_message_content;
  if (typeof html === "string" && html) {
    // A parsed, inert document: nothing in it loads or runs.
    const parsed = new DOMParser().parseFromString(html, "text/html").body;
    body.classList.add("markdown");
    body.append(...copyAllowed(parsed.childNodes));
  } else {
    body.append(...linkedText(message.content || ""));
  }
  return body;
}

/**
 * A message's words as one line of plain text, without its Markdown (for
 * previews): the server's drawn body read as text, else `content` with the
 * common Markdown marks taken out.
 * @param {MessageText} message
 */
export function plainText(message) {
  const html = message.processed_message_content;
  let text;
  if (typeof html === "string" && html) {
    const parsed = new DOMParser().parseFromString(html, "text/html").body;
    // Blocks and line breaks end a word, as on the page.
    parsed.querySelectorAll("p, li, br, pre, blockquote").forEach((node) => node.after(" "));
    text = parsed.textContent || "";
  } else {
    text = (message.content || "")
      .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
      .replace(/(\*\*|__|~~|`)(.+?)\1/g, "$2")
      .replace(/(^|[\s(])([*_])(\S.*?)\2(?=[\s.,;:!?)]|$)/g, "$1$3")
      .replace(/^\s*(?:>|[-*+]|\d+\.)\s+/gm, "");
  }
  return text.replace(/\s+/g, " ").trim();
}

/**
 * @param {NodeListOf<ChildNode>} nodes
 * @returns {Node[]}
 */
function copyAllowed(nodes) {
  /** @type {Node[]} */
  const copies = [];
  for (const child of nodes) {
    if (child.nodeType === Node.TEXT_NODE) {
      copies.push(document.createTextNode(/** @type {Text} */ (child).data));
    } else if (child.nodeType === Node.ELEMENT_NODE) {
      const node = /** @type {Element} */ (child);
      if (!TAGS.has(node.tagName)) {
        copies.push(...copyAllowed(node.childNodes));
        continue;
      }
      if (node.tagName === "SPAN" && node.className !== "mention") {
        copies.push(...copyAllowed(node.childNodes));
        continue;
      }
      const copy = document.createElement(node.tagName.toLowerCase());
      if (node.tagName === "SPAN") copy.className = "mention";
      if (node.tagName === "A") {
        const href = linkUrl(node.getAttribute("href"));
        if (!href) {
          copies.push(...copyAllowed(node.childNodes));
          continue;
        }
        setLink(/** @type {HTMLAnchorElement} */ (copy), href);
      }
      if (node.tagName === "OL" && /^\d{1,9}$/.test(node.getAttribute("start") || "")) {
        copy.setAttribute("start", node.getAttribute("start") ?? "");
      }
      copy.append(...copyAllowed(node.childNodes));
      copies.push(copy);
    }
  }
  return copies;
}

/**
 * A mention's chip: the name it shows, never its markup.
 * @param {string} name
 */
function mentionChip(name) {
  const chip = document.createElement("span");
  chip.className = "mention";
  chip.textContent = name;
  return chip;
}

/**
 * Text as drawn before the server has: mentions as chips, URLs as links.
 * @param {string} text
 */
function linkedText(text) {
  /** @type {Node[]} */
  const parts = [];
  let last = 0;
  for (const match of text.matchAll(MENTION)) {
    parts.push(...linkedUrls(text.slice(last, match.index)), mentionChip(match[1]));
    last = match.index + match[0].length;
  }
  parts.push(...linkedUrls(text.slice(last)));
  return parts;
}

/** @param {string} text */
function linkedUrls(text) {
  /** @type {Node[]} */
  const parts = [];
  let last = 0;
  for (const match of text.matchAll(BARE_URL)) {
    const href = linkUrl(match[0]);
    if (!href) continue;
    parts.push(document.createTextNode(text.slice(last, match.index)));
    const link = document.createElement("a");
    setLink(link, href);
    link.textContent = match[0];
    parts.push(link);
    last = match.index + match[0].length;
  }
  parts.push(document.createTextNode(text.slice(last)));
  return parts;
}

/**
 * @param {HTMLAnchorElement} link
 * @param {string} href
 */
function setLink(link, href) {
  link.href = href;
  link.target = "_blank";
  link.rel = LINK_REL;
}
