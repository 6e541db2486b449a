// @ts-check
// Tells /cable whether the visitor has the page in front of them: hidden
// (another tab, a minimised window) or gone (pagehide), and back. The server
// waits a few seconds before telling agents, so a reload does not flap.

/** @typedef {import("../kit/cable.js").Cable} Cable */

/**
 * Say whether the page is shown now, on the live socket if there is one.
 * @param {Cable | null | undefined} live
 * @param {Document} [doc]
 */
export function tellPage(live, doc = document) {
  live?.perform("page", { visible: doc.visibilityState === "visible" });
}

/**
 * Report every change of the page's visibility for as long as it is open.
 * @param {() => Cable | null | undefined} live the socket of the moment
 * @param {Window} [win]
 */
export function watchPage(live, win = window) {
  win.document.addEventListener("visibilitychange", () => tellPage(live(), win.document));
  win.addEventListener("pageshow", () => tellPage(live(), win.document));
  win.addEventListener("pagehide", () => live()?.perform("page", { visible: false }));
}
