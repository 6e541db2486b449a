// @ts-check
// The dashboard's small drawing helpers: times, names, avatars, the toast.
// Elements are built with the kit's h() (re-exported here for the screens).

import { gettext } from "./i18n.js";
import { h } from "../kit/dom.js";

export { h, replaceChildren } from "../kit/dom.js";

// Dates and times in the agent's language (the page's lang) and the browser's
// time zone.
const LOCALE = document.documentElement.lang || undefined;

/**
 * A time of today, else a day, in the agent's language.
 * @param {number | null | undefined} epochSeconds
 * @returns {string}
 */
export function formatTime(epochSeconds) {
  if (!epochSeconds) return "";
  const date = new Date(epochSeconds * 1000);
  const today = new Date();
  if (date.toDateString() === today.toDateString()) {
    return date.toLocaleTimeString(LOCALE, { hour: "2-digit", minute: "2-digit" });
  }
  return date.toLocaleDateString(LOCALE, { month: "short", day: "numeric" });
}

/**
 * A date with its time, in the agent's language.
 * @param {number | null | undefined} epochSeconds
 * @returns {string}
 */
export function formatDateTime(epochSeconds) {
  if (!epochSeconds) return "";
  return new Date(epochSeconds * 1000).toLocaleString(LOCALE, {
    dateStyle: "medium",
    timeStyle: "short",
  });
}

/**
 * A conversation status ("open", "snoozed"…) in the agent's language.
 * @param {string} status
 * @returns {string}
 */
export function statusName(status) {
  /** @type {Record<string, string>} */
  const names = { open: gettext("Open"), pending: gettext("Pending"), snoozed: gettext("Snoozed"), resolved: gettext("Resolved") };
  return names[status] || status;
}

/**
 * An availability ("online", "busy", "offline") in the agent's language.
 * @param {string} status
 * @returns {string}
 */
export function availabilityName(status) {
  /** @type {Record<string, string>} */
  const names = { online: gettext("Online"), busy: gettext("Busy"), offline: gettext("Offline") };
  return names[status] || status;
}

/**
 * An account role ("agent", "administrator") in the agent's language.
 * @param {string} role
 * @returns {string}
 */
export function roleName(role) {
  /** @type {Record<string, string>} */
  const names = { agent: gettext("Agent"), administrator: gettext("Administrator") };
  return names[role] || role;
}

/**
 * The initials of a name's first two words, "?" for none.
 * @param {string | null | undefined} name
 * @returns {string}
 */
export function initials(name) {
  return (name || "?")
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0].toUpperCase())
    .join("");
}

/**
 * Initials in a circle, with a presence dot when `status` is given.
 * @param {string | null | undefined} name
 * @param {string | null} [status]
 * @returns {HTMLElement}
 */
export function avatar(name, status) {
  return h(
    "span",
    { class: "avatar", "aria-hidden": "true" },
    initials(name),
    status ? h("span", { class: `dot dot-${status}` }) : null,
  );
}

/** How many messages the toast shows at once; older ones give way. */
const TOAST_LINES = 3;

/**
 * Show `message` in the page's toast for a few seconds.
 * @param {string} message
 */
export function toast(message) {
  const box = document.getElementById("toast");
  if (!box) return;
  // Each message keeps its own line and timer: two saves answering together
  // both say so. The same message again restarts its line.
  for (const line of box.querySelectorAll(".toast-line")) if (line.textContent === message) line.remove();
  const line = h("p", { class: "toast-line" }, message);
  box.append(line);
  while (box.childElementCount > TOAST_LINES) box.firstElementChild?.remove();
  box.hidden = false;
  window.setTimeout(() => {
    line.remove();
    box.hidden = box.childElementCount === 0;
  }, 4000);
}

/**
 * `fn`, called once calls have paused for `wait` ms.
 * @template {unknown[]} A
 * @param {(...args: A) => void} fn
 * @param {number} wait
 * @returns {(...args: A) => void}
 */
export function debounce(fn, wait) {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), wait);
  };
}

/**
 * Arrow keys move between the tabs of a tablist and select the one reached.
 * @param {HTMLElement} tablist
 */
export function arrowKeysBetweenTabs(tablist) {
  tablist.addEventListener("keydown", (event) => {
    if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
    const tabs = /** @type {HTMLElement[]} */ ([...tablist.querySelectorAll('[role="tab"]')]);
    const at = tabs.indexOf(/** @type {HTMLElement} */ (document.activeElement));
    if (at < 0) return;
    const next = tabs[(at + (event.key === "ArrowRight" ? 1 : tabs.length - 1)) % tabs.length];
    event.preventDefault();
    next.click();
    // The list's tabs are redrawn on click: focus the tab now in that place.
    /** @type {HTMLElement} */ (tablist.querySelectorAll('[role="tab"]')[tabs.indexOf(next)]).focus();
  });
}

/**
 * A failure's reason for a "%(reason)s" message.
 * @param {unknown} error what a request threw
 * @returns {{reason: string}}
 */
export function reasonOf(error) {
  return { reason: error instanceof Error ? error.message : String(error) };
}
