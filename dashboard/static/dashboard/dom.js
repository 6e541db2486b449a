// @ts-check
// The dashboard's small drawing helpers: times, names, avatars, the toast.
// Elements are built with the kit's h() (re-exported here for the screens).

import { gettext } from "./i18n.js";
import { h } from "../kit/dom.js";

export { h, replaceChildren } from "../kit/dom.js";

// Dates and times in the agent's language (the page's lang) and the browser's
// time zone.
const LOCALE = document.documentElement.lang || undefined;

export function formatTime(epochSeconds) {
  if (!epochSeconds) return "";
  const date = new Date(epochSeconds * 1000);
  const today = new Date();
  if (date.toDateString() === today.toDateString()) {
    return date.toLocaleTimeString(LOCALE, { hour: "2-digit", minute: "2-digit" });
  }
  return date.toLocaleDateString(LOCALE, { month: "short", day: "numeric" });
}

export function formatDateTime(epochSeconds) {
  if (!epochSeconds) return "";
  return new Date(epochSeconds * 1000).toLocaleString(LOCALE, {
    dateStyle: "medium",
    timeStyle: "short",
  });
}

/** A conversation status ("open", "snoozed"…) in the agent's language. */
export function statusName(status) {
  const names = { open: gettext("Open"), pending: gettext("Pending"), snoozed: gettext("Snoozed"), resolved: gettext("Resolved") };
  return names[status] || status;
}

/** An availability ("online", "busy", "offline") in the agent's language. */
export function availabilityName(status) {
  const names = { online: gettext("Online"), busy: gettext("Busy"), offline: gettext("Offline") };
  return names[status] || status;
}

/** An account role ("agent", "administrator") in the agent's language. */
export function roleName(role) {
  const names = { agent: gettext("Agent"), administrator: gettext("Administrator") };
  return names[role] || role;
}

export function initials(name) {
  return (name || "?")
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0].toUpperCase())
    .join("");
}

export function avatar(name, status) {
  return h(
    "span",
    { class: "avatar", "aria-hidden": "true" },
    initials(name),
    status ? h("span", { class: `dot dot-${status}` }) : null,
  );
}

let toastTimer = null;

export function toast(message) {
  const box = document.getElementById("toast");
  if (!box) return;
  box.textContent = message;
  box.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (box.hidden = true), 4000);
}

export function debounce(fn, wait) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), wait);
  };
}

// Arrow keys move between the tabs of a tablist and select the one reached.
export function arrowKeysBetweenTabs(tablist) {
  tablist.addEventListener("keydown", (event) => {
    if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
    const tabs = [...tablist.querySelectorAll('[role="tab"]')];
    const at = tabs.indexOf(document.activeElement);
    if (at < 0) return;
    const next = tabs[(at + (event.key === "ArrowRight" ? 1 : tabs.length - 1)) % tabs.length];
    event.preventDefault();
    next.click();
    // The list's tabs are redrawn on click: focus the tab now in that place.
    tablist.querySelectorAll('[role="tab"]')[tabs.indexOf(next)].focus();
  });
}
