// @ts-check
// The contacts page: a searchable, paginated list beside one contact's card.

import { listOf, query } from "../kit/http.js";
import { EVENT } from "../kit/wire.js";
import { avatar, debounce, formatTime, h, reasonOf, replaceChildren, toast } from "./dom.js";
import { createContactPanel } from "./contact_panel.js";
import { contactsTransfer } from "./data_transfer.js";
import { gettext, interpolate } from "./i18n.js";

/** @typedef {import("./contact_details.js").Contact} Contact */

/**
 * Draw the page in `main` and keep it live.
 * @param {import("./context.js").DashboardContext} ctx
 * @param {HTMLElement} main
 */
export function mount(ctx, main) {
  /** @type {{page: number, q: string, contacts: Contact[], hasMore: boolean, openId: number | null}} */
  const state = { page: 1, q: "", contacts: [], hasMore: false, openId: null };
  const listBox = h("ul", { class: "contact-items", "aria-label": gettext("Contacts") });
  const moreButton = h("button", { type: "button", class: "button wide", hidden: true, onclick: () => load({ reset: false }) }, gettext("Load more"));
  const search = h("input", {
    type: "search",
    placeholder: gettext("Search by name, email or phone"),
    "aria-label": gettext("Search contacts"),
    oninput: debounce(() => {
      state.q = search.value.trim();
      load({ reset: true });
    }, 300),
  });
  const transfer = contactsTransfer(ctx, { onImported: () => load({ reset: true }), search: () => state.q });
  const detail = h("div", {});
  const back = h("button", { type: "button", class: "button small back", onclick: () => open(null, true) }, gettext("← Contacts"));
  const layout = h(
    "div",
    { class: "contacts-layout" },
    h("section", { class: "list-pane", "aria-label": gettext("Contact list") }, h("div", { class: "list-header" }, h("h1", {}, gettext("Contacts")), transfer, search), h("div", { class: "list-scroll" }, listBox, moreButton)),
    h("section", { class: "contact-detail", "aria-label": gettext("Contact") }, h("div", { class: "pad-top" }, back), detail),
  );
  replaceChildren(main, layout);
  const panel = createContactPanel(ctx, detail, {
    onSaved: (contact) => {
      state.contacts = state.contacts.map((c) => (c.id === contact.id ? contact : c));
      render();
    },
  });

  /** @param {{reset: boolean}} options the first page again, or the next one */
  async function load({ reset }) {
    state.page = reset ? 1 : state.page + 1;
    const path = state.q ? `contacts/search${query({ q: state.q, page: state.page })}` : `contacts${query({ page: state.page, sort: "-last_activity_at" })}`;
    try {
      const data = await ctx.api.get(path);
      const page = listOf(data);
      state.contacts = reset ? page : [...state.contacts, ...page];
      state.hasMore = page.length >= 15;
      render();
    } catch (error) {
      toast(interpolate(gettext("Could not load contacts: %(reason)s"), reasonOf(error)));
    }
  }

  function render() {
    replaceChildren(
      listBox,
      state.contacts.map((c) =>
        contactItem(c, {
          href: `${ctx.base}/contacts/${c.id}`,
          active: c.id === state.openId,
          online: ctx.presence.contacts[String(c.id)] === "online",
          onOpen: () => open(c.id, true),
        }),
      ),
      state.contacts.length ? null : h("li", { class: "empty muted" }, gettext("No contacts found.")),
    );
    moreButton.hidden = !state.hasMore;
  }

  /**
   * Show contact `id` (or none).
   * @param {number | null} id
   * @param {boolean} push whether to add it to the browser's history
   */
  function open(id, push) {
    state.openId = id;
    layout.classList.toggle("has-conversation", Boolean(id));
    if (push) history.pushState({ id }, "", id ? `${ctx.base}/contacts/${id}` : `${ctx.base}/contacts`);
    if (id) panel.show(id);
    else replaceChildren(detail, h("p", { class: "muted pad" }, gettext("Pick a contact to see their details.")));
    render();
  }

  addEventListener("popstate", () => {
    const match = location.pathname.match(/\/contacts\/(\d+)$/);
    open(match ? Number(match[1]) : null, false);
  });

  ctx.on((name, data) => {
    if (name === EVENT.CONTACT_CREATED && !state.q) {
      state.contacts = [data, ...state.contacts.filter((c) => c.id !== data.id)];
      render();
    } else if (name === EVENT.CONTACT_UPDATED) {
      state.contacts = state.contacts.map((c) => (c.id === data.id ? { ...c, ...data } : c));
      panel.update(data);
      render();
    } else if (name === "presence.changed") {
      render();
      panel.render();
    }
  });

  load({ reset: true });
  open(ctx.config.contactId || null, false);
}

/**
 * One contact in the list: a plain link that the page opens in place.
 * @param {Contact} c
 * @param {{href: string, active: boolean, online: boolean, onOpen: () => void}} options
 * @returns {HTMLLIElement}
 */
function contactItem(c, { href, active, online, onOpen }) {
  return h(
    "li",
    {},
    h(
      "a",
      {
        class: `conversation-item${active ? " active" : ""}`,
        href,
        "aria-current": active ? "true" : null,
        onclick: (/** @type {MouseEvent} */ event) => {
          event.preventDefault();
          onOpen();
        },
      },
      avatar(c.name, online ? "online" : null),
      h(
        "span",
        { class: "item-body" },
        h("span", { class: "item-top" }, h("span", { class: "item-name" }, c.name || gettext("Visitor")), h("time", { class: "item-time" }, formatTime(c.last_activity_at))),
        h("span", { class: "item-preview" }, [c.email, c.phone_number].filter(Boolean).join(" · ") || gettext("No email or phone")),
      ),
    ),
  );
}
