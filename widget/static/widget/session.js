// @ts-check
// The visitor's session: resumed from the token kept for this website, else
// opened with the first message; its /cable subscription; catching up on what
// was missed; the conversation it holds.
import { subscribe } from "../kit/cable.js";
import { isStaleConversation } from "../kit/store.js";
import { gettext } from "./i18n.js";
import { $, errorMessage, errorStatus, hideError, keepingEnd, showError } from "./page.js";
import { tellPage, watchPage } from "./page_presence.js";

/** @typedef {import("../kit/wire.js").Conversation} Conversation */
/** @typedef {import("./state.js").Session} Session */

// The contract allows 20-60 s between presence pings from a widget.
const PRESENCE_SECONDS = 30;

/**
 * The session token kept in the visitor's browser for one website.
 * @param {string} key
 */
function tokenStorage(key) {
  return {
    /** @returns {string | null} */
    read() {
      try { return window.localStorage.getItem(key); } catch { return null; }
    },
    /** @param {string | null} token */
    write(token) {
      try {
        if (token) window.localStorage.setItem(key, token);
        else window.localStorage.removeItem(key);
      } catch { /* storage blocked: the session lasts as long as the page */ }
    },
  };
}

/**
 * @typedef {object} SessionParts
 * @property {import("./state.js").WidgetConfig} config
 * @property {import("./state.js").WidgetState} state
 * @property {import("./api.js").WidgetApi} api
 * @property {import("./thread.js").Thread} thread
 * @property {ReturnType<typeof import("./header.js").createHeader>} header
 * @property {ReturnType<typeof import("./unread.js").createUnread>} unread
 * @property {{schedule: () => void, cancel: () => void}} emailPrompt
 * @property {(type: string, data?: Record<string, unknown>) => void} post
 * @property {(name: string, data: any) => void} onEvent each /cable event
 */

/**
 * The thread's history: what was missed while away (after each connection),
 * and earlier messages on request.
 * @param {object} parts
 * @param {import("./state.js").WidgetState} parts.state
 * @param {import("./api.js").WidgetApi} parts.api
 * @param {import("./thread.js").Thread} parts.thread
 * @param {(added: import("../kit/wire.js").Message[]) => void} parts.noteNew
 * @param {(conversation: Conversation | null) => void} parts.setConversation
 * @param {() => void} parts.onRefused the session is no longer valid
 */
function createHistory({ state, api, thread, noteNew, setConversation, onRefused }) {
  async function catchUp() {
    if (!state.session) return;
    try {
      // Everything after the last message held, so a reconnect loses nothing and
      // the merge by id drops what already arrived.
      const first = !thread.lastId();
      let page;
      do {
        const after = thread.lastId();
        page = await api.messages(after ? { after } : {});
        noteNew(thread.merge(page.payload));
      } while (!first && page.meta.has_more && page.payload.length);
      if (first) $("earlier").hidden = !page.meta.has_more;
      if (state.conversation) setConversation((await api.resumeSession()).conversation);
    } catch (error) {
      if (errorStatus(error) === 401) onRefused();
    }
  }

  async function loadEarlier() {
    const button = /** @type {HTMLButtonElement} */ ($("earlier"));
    button.disabled = true;
    try {
      const page = await api.messages({ before: thread.firstId() ?? undefined });
      thread.merge(page.payload);
      button.hidden = !page.meta.has_more;
    } finally {
      button.disabled = false;
    }
  }

  return { catchUp, loadEarlier };
}

/**
 * The visitor's session and the conversation it holds.
 * @param {SessionParts} parts
 */
export function createSession({ config, state, api, thread, header, unread, emailPrompt, post, onEvent }) {
  const tokens = tokenStorage(`onechat.session.${config.websiteToken}`);
  const history = createHistory({ state, api, thread, noteNew: unread.noteNew, setConversation, onRefused: reset });
  watchPage(() => state.live);

  /** @param {Conversation | null | undefined} conversation */
  function setConversation(conversation) {
    if (!conversation || isStaleConversation(conversation, state.conversation)) return;
    state.conversation = conversation;
    for (const label of state.pendingLabels.splice(0)) {
      api.setLabel(label).catch((error) => post("problem", { message: errorMessage(error) }));
    }
    keepingEnd(() => thread.setAgentLastSeen(conversation.agent_last_seen_at));
    emailPrompt.schedule();
    header.showEndChat();
  }

  /** @param {Session} data */
  function follow(data) {
    state.live?.close();
    state.live = subscribe({
      url: config.cablePath,
      identifier: { pubsub_token: data.pubsub_token },
      presenceSeconds: PRESENCE_SECONDS,
      onEvent,
      // Every (re)connection fetches what was missed while away.
      onConnected: () => { hideError(); history.catchUp(); tellPage(state.live); },
      onDisconnected: () => showError(gettext("Connection lost. Reconnecting…")),
      onRejected: () => showError(gettext("Connection lost. Reconnecting…")),
    });
  }

  /** @param {Session} data */
  function adopt(data) {
    const changed = !state.session || state.session.pubsub_token !== data.pubsub_token;
    state.session = data;
    thread.reader.senderId = data.contact ? data.contact.id : null;
    api.sessionToken = data.session_token;
    tokens.write(data.session_token);
    if (changed) {
      thread.clear();
      state.conversation = null;
      header.showEndChat();
      follow(data);
    }
    setConversation(data.conversation);
    header.showQueue(data.queue);
    state.hours = data.business_hours;
    header.redrawAvailability();
  }

  async function resume() {
    api.sessionToken = tokens.read();
    if (!api.sessionToken) return;
    try {
      adopt(await api.resumeSession());
    } catch (error) {
      // A forged, expired or revoked token: forget it; a new visitor starts fresh.
      if (errorStatus(error) === 401 || errorStatus(error) === 404) {
        api.sessionToken = null;
        tokens.write(null);
      }
    }
  }

  // One session at a time: calls made while the stored token is being checked
  // or a new session is being opened wait for that instead of opening another.
  async function ensure() {
    await state.resuming;
    if (state.session) return;
    state.starting ||= api
      .startSession()
      .then(adopt)
      .finally(() => {
        state.starting = null;
      });
    await state.starting;
  }

  function reset() {
    state.live?.close();
    state.live = null;
    state.session = null;
    state.conversation = null;
    header.showEndChat();
    api.sessionToken = null;
    tokens.write(null);
    thread.clear();
    state.pendingLabels = [];
    $("earlier").hidden = true;
    emailPrompt.cancel();
    unread.setUnread(0);
  }

  async function endChat() {
    try {
      setConversation(await api.endChat());
    } catch (error) {
      showError(errorMessage(error));
    }
  }

  /** The conversation the first message opened, once the server has it. */
  async function openedConversation() {
    if (!state.conversation) setConversation((await api.resumeSession()).conversation);
  }

  return { adopt, resume, ensure, reset, loadEarlier: history.loadEarlier, endChat, setConversation, openedConversation };
}
