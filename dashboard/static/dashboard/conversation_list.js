// @ts-check
// The list of conversations, its empty note and its "Load more" button.

import { h, replaceChildren } from "./dom.js";
import { gettext } from "./i18n.js";

/**
 * @param {() => void} onLoadMore
 * @returns {{element: HTMLElement, update: (items: HTMLElement[], hasMore: boolean) => void}}
 */
export function createConversationList(onLoadMore) {
  const listBox = h("ul", { class: "conversation-items", "aria-label": gettext("Conversations") });
  const moreButton = h("button", { class: "button wide", type: "button", hidden: true, onclick: onLoadMore }, gettext("Load more"));
  const emptyNote = h("p", { class: "empty muted", hidden: true }, gettext("No conversations here."));

  /**
   * Show `items`; a conversation focused before keeps the focus.
   * @param {HTMLElement[]} items
   * @param {boolean} hasMore
   */
  function update(items, hasMore) {
    const focused = /** @type {HTMLElement | null} */ (document.activeElement);
    const focusedId = focused && focused.dataset && focused.dataset.conversationId;
    replaceChildren(listBox, items);
    emptyNote.hidden = items.length > 0;
    moreButton.hidden = !hasMore;
    if (focusedId) {
      const again = listBox.querySelector(`[data-conversation-id="${CSS.escape(focusedId)}"]`);
      if (again instanceof HTMLElement) again.focus();
    }
  }

  return { element: h("div", { class: "list-scroll" }, listBox, emptyNote, moreButton), update };
}
