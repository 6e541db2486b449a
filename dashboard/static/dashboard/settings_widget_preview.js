// @ts-check
// The widget settings' live preview: the real widget page (preview mode, no
// session) in an iframe, sent the form's unsaved values by postMessage.

import { h } from "./dom.js";
import { gettext } from "./i18n.js";

/**
 * The widget's look as its page reads it (widget/static/widget/state.js InboxLook).
 * @typedef {{color: string, welcomeTitle: string, welcomeTagline: string, greeting: string,
 *   replyTime: string, avatarUrl: string, darkMode: string}} WidgetLook
 */

/**
 * The preview frame of the inbox with `websiteToken`; `show(look)` redraws it.
 * @param {string} websiteToken
 * @param {() => WidgetLook} current the form's values, sent once the page is ready
 * @returns {{element: HTMLElement, show: (look: WidgetLook) => void}}
 */
export function widgetPreview(websiteToken, current) {
  const frame = /** @type {HTMLIFrameElement} */ (
    h("iframe", { class: "widget-preview-frame", id: "widget-preview", title: gettext("Widget preview"), src: `/widget?website_token=${encodeURIComponent(websiteToken)}&preview=1` })
  );
  /** @param {WidgetLook} look */
  function show(look) {
    frame.contentWindow?.postMessage({ source: "onechat-settings", type: "preview", inbox: look }, location.origin);
  }
  /** @param {MessageEvent} event */
  function onMessage(event) {
    if (!frame.isConnected) {
      window.removeEventListener("message", onMessage);
      return;
    }
    const data = event.data;
    if (event.source === frame.contentWindow && event.origin === location.origin && data?.source === "onechat-widget" && data.type === "preview-ready") show(current());
  }
  window.addEventListener("message", onMessage);
  const element = h("figure", { class: "widget-preview" }, frame, h("figcaption", { class: "muted small" }, gettext("Preview: unsaved changes show here as you type.")));
  return { element, show };
}
