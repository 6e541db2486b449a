// @ts-check
// A browser page for the front ends' unit tests: jsdom's window, its globals
// set as a module running in the page would see them. Import it first:
// modules such as dashboard/i18n.js read the document when they load.
import { JSDOM } from "jsdom";

/**
 * A fresh page; `html` is the body, `lang` the document's language.
 * @param {{html?: string, lang?: string, url?: string}} [options]
 */
export function openPage({ html = "", lang = "en", url = "http://localhost/" } = {}) {
  const dom = new JSDOM(`<!doctype html><html lang="${lang}"><head></head><body>${html}</body></html>`, {
    url,
    pretendToBeVisual: true,
  });
  const { window } = dom;
  const names = [
    "window", "document", "navigator", "location", "localStorage", "sessionStorage", "Node", "Element",
    "HTMLElement", "HTMLInputElement", "HTMLTextAreaElement", "HTMLButtonElement", "HTMLSelectElement",
    "HTMLFormElement", "HTMLAnchorElement", "HTMLImageElement", "HTMLMediaElement", "DocumentFragment",
    "Text", "Event", "CustomEvent", "KeyboardEvent", "MouseEvent", "FocusEvent", "InputEvent",
    "MutationObserver", "FormData", "File", "Blob", "getComputedStyle", "requestAnimationFrame",
    "cancelAnimationFrame", "matchMedia", "DOMParser", "HTMLDialogElement", "HTMLDetailsElement",
  ];
  for (const name of names) {
    const value = /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (window))[name];
    if (value === undefined) continue;
    Object.defineProperty(globalThis, name, { value, configurable: true, writable: true });
  }
  return dom;
}

openPage();
