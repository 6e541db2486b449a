// @ts-check
// The one way both front ends build DOM. Text always goes in as text nodes:
// nothing a customer or agent typed is ever parsed as HTML.

/** @typedef {Node | string | number | boolean | null | undefined | unknown[]} Child */
/** @typedef {Record<string, unknown> & {class?: string, dataset?: Record<string, string>}} Props */

/**
 * An element: `props` set as properties where the element has them
 * (`hidden`, `value`, `disabled`…), `on…` functions as listeners, `class`,
 * `dataset`, else as attributes; `children` as nodes or text.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Props | null} [props]
 * @param {...Child} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") element.className = String(value);
    else if (key === "dataset") Object.assign(element.dataset, value);
    else if (key.startsWith("on") && typeof value === "function") {
      element.addEventListener(key.slice(2).toLowerCase(), /** @type {EventListener} */ (value));
    } else if (key in element && !key.includes("-") && key !== "list") {
      /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (element))[key] = value;
    } else {
      element.setAttribute(key, value === true ? "" : String(value));
    }
  }
  append(element, children);
  return element;
}

/**
 * @param {Element} element
 * @param {Child[]} children
 */
function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/**
 * Put `children` in place of what `element` holds.
 * @template {Element} E
 * @param {E} element
 * @param {...Child} children
 * @returns {E}
 */
export function replaceChildren(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}
