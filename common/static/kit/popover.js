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

/**
 * A list of suggestions under a text field (completion as the agent types):
 * the field keeps focus, ArrowUp/ArrowDown move the highlighted choice
 * (aria-activedescendant), Enter or Tab choose it, Escape closes, a click
 * chooses. `show` fills it with option elements; an empty list closes it.
 * @param {HTMLElement} input a text input or textarea
 * @param {HTMLElement} panel given an id, e.g. "composer-completion"
 * @param {{onChoose: (index: number) => void}} options
 * @returns {{show: (options: HTMLElement[]) => void, close: () => void, isOpen: () => boolean}}
 */
export function createSuggestionList(input, panel, { onChoose }) {
  /** @type {HTMLElement[]} */
  let options = [];
  let active = 0;
  panel.setAttribute("role", "listbox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", panel.id);
  /** @param {number} index */
  function highlight(index) {
    active = (index + options.length) % options.length;
    options.forEach((option, at) => option.setAttribute("aria-selected", String(at === active)));
    input.setAttribute("aria-activedescendant", options[active].id);
    options[active].scrollIntoView?.({ block: "nearest" });
  }
  /** @param {HTMLElement[]} next */
  function show(next) {
    options = next;
    panel.replaceChildren(...options);
    if (!options.length) return close();
    options.forEach((option, at) => {
      option.id = `${panel.id}-${at}`;
      option.setAttribute("role", "option");
      option.addEventListener("mousedown", (event) => (event.preventDefault(), onChoose(at)));
    });
    panel.hidden = false;
    highlight(0);
  }
  function close() {
    options = [];
    panel.hidden = true;
    panel.replaceChildren();
    input.removeAttribute("aria-activedescendant");
  }
  input.addEventListener("keydown", (event) => {
    if (panel.hidden || event.isComposing) return;
    const moves = { ArrowDown: 1, ArrowUp: -1 };
    if (event.key in moves) highlight(active + moves[/** @type {"ArrowDown" | "ArrowUp"} */ (event.key)]);
    else if (event.key === "Enter" || event.key === "Tab") onChoose(active);
    else if (event.key === "Escape") close();
    else return;
    // The field's own keys (Enter sends, Escape leaves a reply) wait.
    event.preventDefault();
    event.stopImmediatePropagation();
  });
  input.addEventListener("blur", close);
  close();
  return { show, close, isOpen: () => !panel.hidden };
}
