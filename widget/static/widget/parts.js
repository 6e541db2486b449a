// @ts-check
// Small builders the rich drawings share: elements holding text only, links
// to addresses already checked, and the one way a question's answer is sent.

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
    problem.textContent = error.message || gettext("Your answer could not be sent. Try again.");
    for (const control of controls) control.disabled = false;
  }
}

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {string} className
 * @param {string} [content]
 * @returns {HTMLElementTagNameMap[K]}
 */
export function part(tag, className, content = "") {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (content) element.textContent = content;
  return element;
}

/**
 * @param {string} className
 * @param {string} label
 */
export function button(className, label) {
  const element = part("button", className, label);
  element.type = "button";
  return element;
}

/**
 * A link from data: a web address opens in a new tab without a referrer.
 * @param {string} className
 * @param {string} label
 * @param {string} href already checked (webUrl, telUrl, mailtoUrl)
 * @param {boolean} [newTab]
 */
export function link(className, label, href, newTab = true) {
  const element = part("a", className, label);
  element.href = href;
  if (newTab) {
    element.target = "_blank";
    element.rel = LINK_REL;
  }
  return element;
}

export function alertLine() {
  const line = part("p", "rich-problem", "");
  line.setAttribute("role", "alert");
  return line;
}
