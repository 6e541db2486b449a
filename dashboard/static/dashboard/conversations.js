// @ts-check
// The conversations page: the list (tabs, filters, search, live order) beside
// the open conversation and its contact.

import { listOf, query } from "../kit/http.js";
import { plainText } from "../kit/markdown.js";
import { ConversationStore } from "../kit/store.js";
import { CONVERSATION_EVENTS, CONVERSATION_STATUS, EVENT, MESSAGE_TYPE } from "../kit/wire.js";
import { arrowKeysBetweenTabs, availabilityName, avatar, debounce, formatTime, h, replaceChildren, statusName, toast } from "./dom.js";
import { forReader } from "./lines.js";
import { watchNotices } from "./participants.js";
import { contentTypeName } from "./rich.js";
import { createThread } from "./thread.js";
import { gettext, interpolate } from "./i18n.js";

const TABS = [
  ["me", gettext("Mine"), "mine_count"],
  ["unassigned", gettext("Unassigned"), "unassigned_count"],
  ["all", gettext("All"), "all_count"],
];
const { OPEN, PENDING, SNOOZED, RESOLVED } = CONVERSATION_STATUS;
const STATUSES = [OPEN, PENDING, SNOOZED, RESOLVED, "all"];
const PAGE_SIZE = 25;
// A catch-up window a little wider than the outage, for clock skew and requests in flight.
const CATCH_UP_MARGIN_SECONDS = 30;

export function mount(ctx, main) {
  const store = new ConversationStore();
  /** @type {Record<string, string>} */
  const filters = { assignee_type: "me", status: OPEN, inbox_id: "", team_id: "", q: "" };
  const state = { page: 1, hasMore: false, meta: {}, searchIds: null, openId: null, lookups: {} };

  const listBox = h("ul", { class: "conversation-items", "aria-label": gettext("Conversations") });
  const tabs = h("div", { class: "tabs", role: "tablist", "aria-label": gettext("Assignee") });
  arrowKeysBetweenTabs(tabs);
  const moreButton = h("button", { class: "button wide", type: "button", hidden: true, onclick: loadMore }, gettext("Load more"));
  const emptyNote = h("p", { class: "empty muted", hidden: true }, gettext("No conversations here."));
  const statusSelect = h(
    "select",
    { id: "status-filter", "aria-label": gettext("Filter by status"), onchange: () => setFilter("status", statusSelect.value) },
    STATUSES.map((s) => h("option", { value: s, selected: s === filters.status }, s === "all" ? gettext("All statuses") : statusName(s))),
  );
  const inboxSelect = h("select", { "aria-label": gettext("Filter by inbox"), onchange: () => setFilter("inbox_id", inboxSelect.value) });
  const teamSelect = h("select", { "aria-label": gettext("Filter by team"), onchange: () => setFilter("team_id", teamSelect.value) });
  const search = h("input", {
    type: "search",
    placeholder: gettext("Search conversations"),
    "aria-label": gettext("Search conversations"),
    oninput: debounce(() => setFilter("q", search.value.trim()), 300),
  });

  const agentsBox = h("ul", { class: "agents-presence", "aria-label": gettext("Agents") });
  const listPane = h(
    "section",
    { class: "list-pane", "aria-label": gettext("Conversation list") },
    h("div", { class: "list-header" }, h("h1", {}, gettext("Conversations")), search, h("div", { class: "filters" }, statusSelect, inboxSelect, teamSelect), tabs),
    h("div", { class: "list-scroll" }, listBox, emptyNote, moreButton),
    agentsBox,
  );
  const threadPane = h("section", { class: "thread-pane", "aria-label": gettext("Conversation") });
  const contactPane = h("aside", { class: "contact-pane", "aria-label": gettext("Contact") });
  const layout = h("div", { class: "conversations-layout" }, listPane, threadPane, contactPane);
  const transfers = h("section", { class: "transfer-stack", "aria-label": gettext("Transfers to you") });
  replaceChildren(main, layout, transfers);
  watchNotices(ctx, { stack: transfers, openConversation: (id) => navigate(id) });

  const thread = createThread(ctx, { threadPane, contactPane, store, lookups: state.lookups, onBack: () => navigate(null), onChange: render });

  // ---- Loading

  async function loadLookups() {
    const [inboxes, teams, agents, labels] = await Promise.all([
      ctx.api.get("inboxes").then(listOf).catch(() => []),
      ctx.api.get("teams").then(listOf).catch(() => []),
      ctx.api.get("agents").then(listOf).catch(() => []),
      ctx.api.get("labels").then(listOf).catch(() => []),
    ]);
    Object.assign(state.lookups, { inboxes, teams, agents, labels });
    replaceChildren(inboxSelect, h("option", { value: "" }, gettext("All inboxes")), inboxes.map((i) => h("option", { value: i.id }, i.name)));
    replaceChildren(teamSelect, h("option", { value: "" }, gettext("All teams")), teams.map((t) => h("option", { value: t.id }, t.name)));
    thread.lookupsChanged();
    renderAgents();
  }

  function renderAgents() {
    replaceChildren(
      agentsBox,
      (state.lookups.agents || []).map((agent) => {
        const status = ctx.userStatus(agent.id, agent.availability_status);
        return h(
          "li",
          { title: interpolate(gettext("%(name)s: %(status)s"), { name: agent.name, status: availabilityName(status) }) },
          h("span", { class: `dot dot-${status}`, "aria-hidden": "true" }),
          h("span", {}, agent.available_name || agent.name),
          h("span", { class: "visually-hidden" }, `, ${availabilityName(status)}`),
        );
      }),
    );
  }

  function listQuery(extra = {}) {
    return query({ ...filters, page: state.page, ...extra });
  }

  let loading = 0;

  async function load({ reset }) {
    const generation = ++loading;
    if (reset) {
      // Cleared before asking, so events arriving meanwhile are kept and merged.
      state.page = 1;
      store.retain((c) => c.id === state.openId);
      state.searchIds = filters.q ? new Set() : null;
    }
    let data;
    try {
      data = await ctx.api.get(`conversations${listQuery()}`);
    } catch (error) {
      toast(interpolate(gettext("Could not load conversations: %(reason)s"), { reason: error.message }));
      return;
    }
    if (generation !== loading) return;
    const payload = listOf(data);
    for (const conversation of payload) {
      store.put(conversation);
      if (state.searchIds) state.searchIds.add(conversation.id);
    }
    state.meta = (data.data && data.data.meta) || data.meta || state.meta;
    state.hasMore = payload.length >= PAGE_SIZE;
    render();
  }

  function loadMore() {
    state.page += 1;
    load({ reset: false });
  }

  const refreshCounts = debounce(async () => {
    try {
      const data = await ctx.api.get(`conversations/meta${query({ ...filters, assignee_type: undefined })}`);
      state.meta = (data.data && data.data.meta) || data.meta || state.meta;
      renderTabs();
    } catch {
      // Counts stay as they were; the next event or reload corrects them.
    }
  }, 400);

  const fetching = new Set();

  async function fetchConversation(id) {
    if (fetching.has(id)) return;
    fetching.add(id);
    try {
      const conversation = await ctx.api.get(`conversations/${id}`);
      store.put(conversation.payload || conversation);
      render();
    } catch {
      // Not visible to this agent (another inbox): nothing to show.
    } finally {
      fetching.delete(id);
    }
  }

  async function catchUp(since) {
    const seconds = Math.ceil((Date.now() - since) / 1000) + CATCH_UP_MARGIN_SECONDS;
    try {
      const data = await ctx.api.get(`conversations${query({ status: "all", assignee_type: "all", updated_within: seconds })}`);
      for (const conversation of listOf(data)) store.put(conversation);
    } catch (error) {
      toast(interpolate(gettext("Could not refresh conversations: %(reason)s"), { reason: error.message }));
    }
    render();
    refreshCounts();
  }

  function setFilter(key, value) {
    if (filters[key] === value) return;
    filters[key] = value;
    load({ reset: true });
  }

  // ---- Matching and rendering

  function matches(c) {
    if (filters.status !== "all" && c.status !== filters.status) return false;
    const assignee = c.meta && c.meta.assignee;
    if (filters.assignee_type === "me" && (!assignee || assignee.id !== ctx.config.user.id)) return false;
    if (filters.assignee_type === "unassigned" && assignee) return false;
    if (filters.inbox_id && String(c.inbox_id) !== String(filters.inbox_id)) return false;
    const team = c.meta && c.meta.team;
    if (filters.team_id && (!team || String(team.id) !== String(filters.team_id))) return false;
    if (state.searchIds && !state.searchIds.has(c.id)) return false;
    return true;
  }

  function renderTabs() {
    // Redrawn on every list change: the keyboard focus stays on the same tab.
    const focused = [...tabs.children].indexOf(document.activeElement);
    replaceChildren(
      tabs,
      TABS.map(([value, label, countKey]) =>
        h(
          "button",
          {
            type: "button",
            role: "tab",
            class: "tab",
            "aria-selected": String(filters.assignee_type === value),
            tabindex: filters.assignee_type === value ? "0" : "-1",
            onclick: () => setFilter("assignee_type", value),
          },
          label,
          h("span", { class: "count" }, String(state.meta[countKey] ?? 0)),
        ),
      ),
    );
    if (focused >= 0) /** @type {HTMLElement} */ (tabs.children[focused]).focus();
  }

  const baseTitle = document.title;

  function render() {
    const focused = /** @type {HTMLElement | null} */ (document.activeElement);
    const focusedId = focused && focused.dataset.conversationId;
    const unread = store.sorted(() => true).filter((c) => c.unread_count > 0).length;
    document.title = unread ? `(${unread}) ${baseTitle}` : baseTitle;
    const items = store.sorted(matches).map(renderItem);
    replaceChildren(listBox, items);
    emptyNote.hidden = items.length > 0;
    moreButton.hidden = !state.hasMore;
    renderTabs();
    if (focusedId) {
      const again = listBox.querySelector(`[data-conversation-id="${CSS.escape(focusedId)}"]`);
      if (again instanceof HTMLElement) again.focus();
    }
  }

  function renderItem(c) {
    const contact = (c.meta && c.meta.sender) || {};
    const last = (c.messages && c.messages[0]) || null;
    const lastText = last ? messagePreview(last, ctx.config.user.id) : gettext("No messages yet");
    const inbox = (state.lookups.inboxes || []).find((i) => i.id === c.inbox_id);
    const online = ctx.presence.contacts[String(contact.id)] === "online";
    const assignee = c.meta && c.meta.assignee;
    return h(
      "li",
      {},
      h(
        "a",
        {
          class: `conversation-item${c.id === state.openId ? " active" : ""}${c.unread_count ? " unread" : ""}`,
          href: `${ctx.base}/conversations/${c.id}`,
          dataset: { conversationId: String(c.id) },
          "aria-current": c.id === state.openId ? "true" : null,
          onclick: (event) => {
            if (event.metaKey || event.ctrlKey || event.shiftKey) return;
            event.preventDefault();
            navigate(c.id);
          },
        },
        avatar(contact.name, online ? "online" : null),
        h(
          "span",
          { class: "item-body" },
          h("span", { class: "item-top" }, h("span", { class: "item-name" }, contact.name || gettext("Visitor")), h("time", { class: "item-time" }, formatTime(c.last_activity_at))),
          h("span", { class: "item-preview" }, lastText),
          h(
            "span",
            { class: "item-meta" },
            h("span", {}, `#${c.id}`),
            inbox ? h("span", {}, inbox.name) : null,
            c.status !== OPEN ? h("span", { class: `chip status-${c.status}` }, statusName(c.status)) : null,
            assignee ? h("span", { class: "assignee" }, assignee.available_name || assignee.name) : null,
          ),
        ),
        c.unread_count ? h("span", { class: "badge", "aria-label": interpolate(gettext("%(count)s unread"), { count: c.unread_count }) }, String(c.unread_count)) : null,
      ),
    );
  }

  // ---- Navigation

  function navigate(id, { replace = false } = {}) {
    const url = id ? `${ctx.base}/conversations/${id}` : `${ctx.base}/conversations`;
    if (replace) history.replaceState({ id }, "", url);
    else if (location.pathname !== url) history.pushState({ id }, "", url);
    show(id);
  }

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

  // ---- Live events

  ctx.on((name, data) => {
    if (CONVERSATION_EVENTS.has(name)) {
      if (store.put(data)) {
        render();
        if (data.id === state.openId) thread.conversationChanged(store.get(data.id));
      }
      refreshCounts();
    } else if (name === EVENT.MESSAGE_CREATED) {
      const open = data.conversation_id === state.openId && document.visibilityState === "visible";
      if (!store.applyMessage(data, { unseen: !open })) fetchConversation(data.conversation_id);
      if (data.conversation_id === state.openId) thread.receiveMessage(data);
      render();
      if (data.message_type === MESSAGE_TYPE.INCOMING) refreshCounts();
    } else if (name === EVENT.MESSAGE_UPDATED) {
      if (store.replaceMessage(data)) render();
      if (data.conversation_id === state.openId) thread.receiveMessage(data);
    } else if (name === EVENT.CONVERSATION_TYPING_ON || name === EVENT.CONVERSATION_TYPING_OFF) {
      thread.typing(name === EVENT.CONVERSATION_TYPING_ON, data);
    } else if (name === "presence.changed") {
      render();
      renderAgents();
      thread.presenceChanged();
    } else if (name === "cable.connected" && data.reconnected && data.disconnectedAt) {
      catchUp(data.disconnectedAt);
      thread.catchUp();
    }
  });

  loadLookups();
  load({ reset: true });
  navigate(ctx.config.conversationId || null, { replace: true });
}

/**
 * One line for the list: the message's text, gettext("Attachment"), or that it was deleted.
 * @param {import("../kit/wire.js").Message} message
 * @param {number} userId the signed-in agent
 * @returns {string}
 */
export function messagePreview(message, userId) {
  if (message.content_attributes && message.content_attributes.deleted) return gettext("This message was deleted");
  // A place or a contact card may come without text: name its kind.
  const kind = message.content_type || "text";
  const text = plainText(forReader(message)) || (kind !== "text" && kind !== "reaction" ? contentTypeName(kind) : "");
  const mine = message.message_type === MESSAGE_TYPE.OUTGOING && message.sender && message.sender.id === userId;
  if (text) return mine ? interpolate(gettext("You: %(text)s"), { text }) : text;
  return message.attachments && message.attachments.length ? gettext("Attachment") : "";
}
