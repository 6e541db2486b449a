// @ts-check
// What the rich drawings share: links to addresses already checked, the line
// a refused answer is written in, and the one way a question's answer is sent.

import { h } from "../kit/dom.js";
import { errorMessage } from "./page.js";
import { gettext } from "./i18n.js";

const LINK_REL = "noopener noreferrer";

/**
 * Run one answer: the choices wait while it is sent; a refusal is written
 * under them and they come back.
 * @param {HTMLElement} scope what holds the buttons and fields
 * @param {HTMLElement} problem where a refusal is written
 * @param {() => Promise<void>} run
 */
export async function send(scope, problem, run) {
  const controls = /** @type {NodeListOf<HTMLButtonElement | HTMLInputElement>} */ (
    scope.querySelectorAll("button, input, textarea, select")
  );
  for (const control of controls) control.disabled = true;
  problem.textContent = "";
  try {
    await run();
  } catch (error) {
    problem.textContent = errorMessage(error) || gettext("Your answer could not be sent. Try again.");
    for (const control of controls) control.disabled = false;
  }
}

/**
 * A link from data: a web address opens in a new tab without a referrer.
 * @param {string} className
 * @param {string} label
 * @param {string} href already checked (webUrl, telUrl, mailtoUrl)
 * @param {boolean} [newTab]
 * @returns {HTMLAnchorElement}
 */
export function link(className, label, href, newTab = true) {
  return h("a", { class: className, href, target: newTab ? "_blank" : null, rel: newTab ? LINK_REL : null }, label);
}

/** @returns {HTMLParagraphElement} the line a refused answer is written in */
export function alertLine() {
  return h("p", { class: "rich-problem", role: "alert" });
}
