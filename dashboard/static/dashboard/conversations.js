// @ts-check
// The conversations page: the list (tabs, filters, search, live order) beside
// the open conversation and its contact.

import { ConversationStore } from "../kit/store.js";
import { createAgentsPresence } from "./agents_presence.js";
import { conversationEventRouter } from "./conversation_events.js";
import { createConversationFeed } from "./conversation_feed.js";
import { createListFilters } from "./conversation_filters.js";
import { conversationItem } from "./conversation_item.js";
import { createConversationList } from "./conversation_list.js";
import { compareBy } from "./conversation_order.js";
import { createListState, matchesFilters } from "./conversation_state.js";
import { createFilterTabs } from "./conversation_tabs.js";
import { createTriage } from "./conversation_triage.js";
import { h, replaceChildren } from "./dom.js";
import { watchNotices } from "./participants.js";
import { conversationShortcuts } from "./conversation_shortcuts.js";
import { createThread } from "./thread.js";
import { showUnread } from "./tab_title.js";
import { gettext } from "./i18n.js";

/**
 * Draw the page in `main` and keep it live.
 * @param {import("./context.js").DashboardContext} ctx
 * @param {HTMLElement} main
 */
export function mount(ctx, main) {
  const userId = ctx.config.user.id;
  const store = new ConversationStore();
  const state = createListState();

  /**
   * Show the list filtered anew, from its first page.
   * @param {keyof import("./conversation_state.js").ListFilters} key
   * @param {string} value
   */
  function setFilter(key, value) {
    if (state.filters[key] === value) return;
    state.filters[key] = value;
    feed.load({ reset: true });
  }

  const tabs = createFilterTabs((value) => setFilter("assignee_type", value));
  const filters = createListFilters(state.filters.status, setFilter);
  const list = createConversationList(() => {
    state.page += 1;
    feed.load({ reset: false });
  });
  const agents = createAgentsPresence(ctx.userStatus);
  const triage = createTriage(ctx, { state, reload: () => feed.load({ reset: true }), basic: [filters.search, filters.selects, tabs.element] });
  const listPane = h(
    "section",
    { class: "list-pane", "aria-label": gettext("Conversation list") },
    h("div", { class: "list-header" }, h("h1", {}, gettext("Conversations")), triage.toolbar, filters.search, filters.selects, tabs.element),
    triage.sidebar,
    triage.builder,
    list.element,
    agents.element,
  );
  const threadPane = h("section", { class: "thread-pane", "aria-label": gettext("Conversation") });
  const contactPane = h("aside", { class: "contact-pane", "aria-label": gettext("Contact") });
  const layout = h("div", { class: "conversations-layout" }, listPane, threadPane, contactPane);
  const transfers = h("section", { class: "transfer-stack", "aria-label": gettext("Transfers to you") });
  replaceChildren(main, layout, transfers);
  watchNotices(ctx, { stack: transfers, openConversation: (id) => navigate(id) });

  const thread = createThread(ctx, { threadPane, contactPane, store, lookups: state.lookups, onBack: () => navigate(null), onChange: render });
  const feed = createConversationFeed(ctx, { store, state, onChange: render, onCounts: renderTabs });
  const renderAgents = () => agents.update(state.lookups.agents || []);

  function renderTabs() {
    tabs.update(state.filters.assignee_type, state.meta);
  }

  function render() {
    showUnread("conversations", store.sorted((c) => Boolean(c.unread_count)).length);
    const inboxes = state.lookups.inboxes || [];
    const shown = store.sorted((c) => matchesFilters(c, state, userId)).sort(compareBy(state.filters.sort_by));
    const items = shown.map((c) =>
      conversationItem(c, {
        base: ctx.base,
        userId,
        inboxes,
        online: ctx.presence.contacts[String(c.meta?.sender?.id)] === "online",
        active: c.id === state.openId,
        onOpen: (id) => navigate(id),
      }),
    );
    list.update(items, state.hasMore);
    renderTabs();
  }

  /**
   * Open conversation `id` (or none), in the address bar and on screen.
   * @param {number | null} id
   * @param {{replace?: boolean}} [options]
   */
  function navigate(id, { replace = false } = {}) {
    const url = id ? `${ctx.base}/conversations/${id}` : `${ctx.base}/conversations`;
    if (replace) history.replaceState({ id }, "", url);
    else if (location.pathname !== url) history.pushState({ id }, "", url);
    show(id);
  }

  /** @param {number | null} id */
  function show(id) {
    state.openId = id ? Number(id) : null;
    layout.classList.toggle("has-conversation", Boolean(state.openId));
    if (state.openId) {
      store.markRead(state.openId);
      thread.open(state.openId);
    } else {
      thread.close();
    }
    render();
  }

  addEventListener("popstate", () => {
    const match = location.pathname.match(/\/conversations\/(\d+)$/);
    show(match ? Number(match[1]) : null);
  });

  ctx.on(conversationEventRouter({ store, state, thread, feed, render, renderAgents }));
  const listed = () => store.sorted((c) => matchesFilters(c, state, userId)).map((c) => c.id);
  conversationShortcuts({ listed, openId: () => state.openId, navigate, thread, userId });

  feed.loadLookups().then(() => {
    filters.setLookups(state.lookups.inboxes || [], state.lookups.teams || []);
    triage.lookupsChanged();
    thread.lookupsChanged();
    renderAgents();
  });
  feed.load({ reset: true });
  navigate(ctx.config.conversationId || null, { replace: true });
}
