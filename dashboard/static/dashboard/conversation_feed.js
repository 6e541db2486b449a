// @ts-check
// What the conversations page reads from the API: the account's lookups, the
// list page by page, the tab counts, one conversation the list lacks, and
// what changed while the socket was away. All of it goes into the store.

import { listOf, query } from "../kit/http.js";
import { debounce, reasonOf, toast } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";

const PAGE_SIZE = 25;
// A catch-up window a little wider than the outage, for clock skew and requests in flight.
const CATCH_UP_MARGIN_SECONDS = 30;

/** @param {any} data a list answer: its counts, wherever the answer keeps them */
const metaOf = (data) => (data.data && data.data.meta) || data.meta;

/**
 * @typedef {object} ConversationFeed
 * @property {() => Promise<void>} loadLookups
 * @property {(options: {reset: boolean}) => Promise<void>} load the first page again, or the next one
 * @property {() => void} refreshCounts soon, once for several calls
 * @property {() => void} refreshMatches run the filter query shown again, soon, once for several calls
 * @property {(id: number) => Promise<void>} fetchConversation
 * @property {(since: number) => Promise<void>} catchUp `since`: when the socket went away, epoch ms
 */

/**
 * @param {import("./context.js").DashboardContext} ctx
 * @param {object} targets
 * @param {import("../kit/store.js").ConversationStore} targets.store
 * @param {import("./conversation_state.js").ListState} targets.state
 * @param {() => void} targets.onChange the list changed
 * @param {() => void} targets.onCounts the tab counts changed
 * @returns {ConversationFeed}
 */
export function createConversationFeed(ctx, { store, state, onChange, onCounts }) {
  let generation = 0;
  /** @type {Set<number>} */
  const fetching = new Set();

  async function loadLookups() {
    const all = /** @param {string} path */ (path) => ctx.api.get(path).then(listOf).catch(() => []);
    const [inboxes, teams, agents, labels] = await Promise.all([all("inboxes"), all("teams"), all("agents"), all("labels")]);
    Object.assign(state.lookups, { inboxes, teams, agents, labels });
  }

  /**
   * Page `page` of the list: the filter query's results when one is shown.
   * @param {number} page
   */
  function readPage(page) {
    const { advanced, filters } = state;
    if (advanced) return ctx.api.post(`conversations/filter${query({ page, sort_by: filters.sort_by })}`, advanced.query);
    return ctx.api.get(`conversations${query({ ...filters, page })}`);
  }

  /** @param {{reset: boolean}} options */
  async function load({ reset }) {
    const mine = ++generation;
    if (reset) {
      // Cleared before asking, so events arriving meanwhile are kept and merged.
      state.page = 1;
      store.retain((c) => c.id === state.openId);
      state.searchIds = state.filters.q ? new Set() : null;
      state.matchIds = new Set();
    }
    let data;
    try {
      data = await readPage(state.page);
    } catch (error) {
      toast(interpolate(gettext("Could not load conversations: %(reason)s"), reasonOf(error)));
      return;
    }
    if (mine !== generation) return;
    const payload = listOf(data);
    for (const conversation of payload) {
      store.put(conversation);
      if (state.searchIds) state.searchIds.add(conversation.id);
      if (state.advanced) state.matchIds.add(conversation.id);
    }
    state.meta = metaOf(data) || state.meta;
    state.hasMore = payload.length >= PAGE_SIZE;
    onChange();
  }

  const refreshCounts = debounce(async () => {
    // A filter query's counts come with its results (refreshMatches).
    if (state.advanced) return;
    try {
      const data = await ctx.api.get(`conversations/meta${query({ ...state.filters, assignee_type: undefined })}`);
      state.meta = metaOf(data) || state.meta;
      onCounts();
    } catch {
      // Counts stay as they were; the next event or reload corrects them.
    }
  }, 400);

  // The pages read so far, again: a conversation changed to match joins the
  // list, one changed not to match leaves it.
  const refreshMatches = debounce(async () => {
    const shown = state.advanced;
    if (!shown) return;
    const mine = generation;
    /** @type {Set<number>} */
    const matched = new Set();
    try {
      for (let page = 1; page <= state.page; page += 1) {
        const data = await readPage(page);
        if (mine !== generation || shown !== state.advanced) return;
        for (const conversation of listOf(data)) {
          store.put(conversation);
          matched.add(conversation.id);
        }
        state.meta = metaOf(data) || state.meta;
      }
    } catch {
      // The list stays as it was; the next change or reload corrects it.
      return;
    }
    state.matchIds = matched;
    onChange();
  }, 400);

  /** @param {number} id */
  async function fetchConversation(id) {
    if (fetching.has(id)) return;
    fetching.add(id);
    try {
      const conversation = await ctx.api.get(`conversations/${id}`);
      store.put(conversation.payload || conversation);
      onChange();
    } catch {
      // Not visible to this agent (another inbox): nothing to show.
    } finally {
      fetching.delete(id);
    }
  }

  /** @param {number} since */
  async function catchUp(since) {
    const seconds = Math.ceil((Date.now() - since) / 1000) + CATCH_UP_MARGIN_SECONDS;
    try {
      const data = await ctx.api.get(`conversations${query({ status: "all", assignee_type: "all", updated_within: seconds })}`);
      for (const conversation of listOf(data)) store.put(conversation);
    } catch (error) {
      toast(interpolate(gettext("Could not refresh conversations: %(reason)s"), reasonOf(error)));
    }
    onChange();
    refreshCounts();
    refreshMatches();
  }

  return { loadLookups, load, refreshCounts, refreshMatches, fetchConversation, catchUp };
}
