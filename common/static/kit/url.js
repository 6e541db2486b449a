// @ts-check
// The one rule for addresses from data (attachment URLs, links in messages):
// a `javascript:` or `data:` URL would run or render in OneChat's origin when
// clicked, so only web and mail addresses become links or images.

const ALLOWED_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);

/**
 * `url` resolved against the page when its scheme is http, https or mailto;
 * "" otherwise (callers then draw no link).
 * @param {unknown} url
 * @param {string} [base] what a relative URL resolves against
 * @returns {string}
 */
export function safeUrl(url, base = globalThis.location?.href) {
  const text = String(url || "");
  if (!text) return "";
  try {
    const parsed = new URL(text, base);
    return ALLOWED_PROTOCOLS.has(parsed.protocol) ? parsed.href : "";
  } catch {
    return "";
  }
}

const WEB_PROTOCOLS = new Set(["http:", "https:"]);

/**
 * `url` when it is an absolute http or https address; "" otherwise (a page's
 * own links, such as a link preview's, never open anything else).
 * @param {unknown} url
 * @returns {string}
 */
export function webUrl(url) {
  try {
    const parsed = new URL(String(url || ""));
    return WEB_PROTOCOLS.has(parsed.protocol) ? parsed.href : "";
  } catch {
    return "";
  }
}
