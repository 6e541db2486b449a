// @ts-check
// The keyboard shortcuts' help: a dialog listing each one and what it does.

import { h } from "./dom.js";
import { gettext } from "./i18n.js";
import { shortcutList } from "./shortcuts.js";

/** Show the shortcuts in a modal dialog; Escape or Close closes it. */
export function showShortcutHelp() {
  const close = h("button", { type: "button", class: "button", onclick: () => dialog.close() }, gettext("Close"));
  const dialog = h(
    "dialog",
    { class: "shortcut-help", "aria-labelledby": "shortcut-help-title" },
    h("h2", { id: "shortcut-help-title" }, gettext("Keyboard shortcuts")),
    h(
      "dl",
      { class: "shortcut-list" },
      shortcutList().flatMap(([keys, words]) => [
        h("dt", {}, keys.map((key, i) => [i ? ` ${gettext("or")} ` : "", h("kbd", {}, key)])),
        h("dd", {}, words),
      ]),
    ),
    h("div", { class: "row" }, close),
  );
  dialog.addEventListener("close", () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  close.focus();
}
