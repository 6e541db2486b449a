// @ts-check
// A button that opens a small panel (the emoji picker, the reaction picker):
// aria-expanded follows it, opening focuses the first choice, Escape closes it
// and gives focus back to the button, and so does leaving it with Tab.

/**
 * Wire `button` to open and close `panel`; `onToggle` hears every change.
 * @param {HTMLButtonElement} button
 * @param {HTMLElement} panel
 * @param {{onToggle?: (open: boolean) => void, closeOnFocusOut?: boolean}} [options]
 * @returns {{setOpen: (open: boolean) => void, isOpen: () => boolean}}
 */
export function createPopover(button, panel, { onToggle, closeOnFocusOut = false } = {}) {
  if (panel.id) button.setAttribute("aria-controls", panel.id);
  /** @param {boolean} open */
  function setOpen(open) {
    panel.hidden = !open;
    button.setAttribute("aria-expanded", String(open));
    onToggle?.(open);
    if (open) panel.querySelector("button")?.focus();
  }
  setOpen(false);
  button.addEventListener("click", () => setOpen(panel.hidden));
  panel.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    // Closes the panel only, not the chat or dialog around it.
    event.stopPropagation();
    setOpen(false);
    button.focus();
  });
  if (closeOnFocusOut) {
    const holder = panel.parentElement || panel;
    panel.addEventListener("focusout", (event) => {
      if (!holder.contains(/** @type {Node | null} */ (event.relatedTarget))) setOpen(false);
    });
  }
  return { setOpen, isOpen: () => !panel.hidden };
}
