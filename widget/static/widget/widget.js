// @ts-check
// The chat window inside the SDK's iframe: session, thread, composer and the
// conversation with the SDK on the host page.
import { subscribe } from "../kit/cable.js";
import { addFormattingShortcuts, createEmojiPicker } from "../kit/composer.js";
import { isReaction } from "../kit/reactions.js";
import { quoteOf } from "../kit/replies.js";
import { isStaleConversation } from "../kit/store.js";
import { CONVERSATION_EVENTS, EVENT, MESSAGE_TYPE } from "../kit/wire.js";
import { WidgetApi } from "./api.js";
import { gettext, interpolate, ngettext, setLocale } from "./i18n.js";
import { ImageViewer } from "./media.js";
import { Thread } from "./thread.js";

/** @typedef {import("../kit/wire.js").Conversation} Conversation */
/** @typedef {import("../kit/wire.js").Message} Message */

/**
 * The page's config (widget/views.py `_widget_config`); `error` alone when the
 * widget is not available.
 * @typedef {object} WidgetConfig
 * @property {string} [error]
 * @property {string} websiteToken
 * @property {string} apiBase
 * @property {string} cablePath
 * @property {{name: string, color: string, welcomeTitle: string, welcomeTagline: string,
 *   greeting: string, emailCollect: boolean, hmacMandatory: boolean, locale: string}} inbox
 * @property {string[]} agentIds
 * @property {boolean} agentsOnline
 * @property {import("../kit/wire.js").AttachmentRules} attachments
 * @property {number} emailCollectDelaySeconds
 */

/** @type {WidgetConfig} */
const config = JSON.parse(document.getElementById("onechat-config").textContent);
/** @param {string} id */
const $ = (id) => document.getElementById(id);
// The form controls, typed for what is read and set on them.
const inputBox = () => /** @type {HTMLTextAreaElement} */ ($("input"));
const fileInput = () => /** @type {HTMLInputElement} */ ($("file"));
const TYPING_IDLE_MS = 3000;
const AGENT_TYPING_MAX_MS = 30000;
// The contract allows 20-60 s between presence pings from a widget.
const PRESENCE_SECONDS = 30;

const state = {
  parentOrigin: null,
  open: window.parent === window,
  session: null,
  conversation: null,
  live: null,
  unread: 0,
  typingOn: false,
  typingTimer: null,
  agentTypingTimer: null,
  emailTimer: null,
  seenTimer: null,
  resuming: null,
  hours: null,
  starting: null,
  pendingLabels: [],
  /** @type {Message | null} the message the composer replies to */
  replyTo: null,
};

const api = new WidgetApi({ base: config.apiBase, websiteToken: config.websiteToken });
const storageKey = `onechat.session.${config.websiteToken}`;
const viewer = new ImageViewer($("viewer"));
const thread = new Thread($("messages"), {
  onSubmitEmail: async (message, email) => {
    thread.merge([await api.submitEmail(message.id, email)]);
  },
  onRetry: (message) => {
    thread.dropPending(message.echo_id);
    send(message.content, message.file, message.content_attributes?.in_reply_to || null);
  },
  onAnswer: async (message, values) => {
    const answered = await api.answer(message.id, values);
    if (answered && answered.id === message.id) keepingEnd(() => thread.merge([answered]));
  },
  onReact: (message, emoji) => {
    api.react(message.id, emoji).catch((error) => showError(error.message));
  },
  onReply: (message) => setReply(message),
  viewer,
});

// ---- Messages with the host page -------------------------------------------

function post(type, data = {}) {
  if (state.parentOrigin) window.parent.postMessage({ source: "onechat-widget", type, ...data }, state.parentOrigin);
}

const commands = {
  init: ({ settings }) => {
    setLocale((settings && settings.locale) || navigator.language, config.inbox?.locale);
    if (!config.error) translate();
  },
  open: () => setOpen(true),
  close: () => setOpen(false),
  setLocale: ({ locale }) => {
    setLocale(locale, config.inbox?.locale);
    translate();
    thread.render(true);
  },
  setUser: async ({ identifier, user }) => {
    // No session is opened first: a refused identity must leave nothing behind.
    adoptSession(await api.identify({ identifier, ...(user || {}) }));
  },
  setCustomAttributes: async ({ attributes }) => {
    await ensureSession();
    await api.setCustomAttributes(attributes || {});
  },
  setLabel: async ({ label }) => {
    // Before the first message there is no conversation: label it once it opens.
    if (state.conversation) await api.setLabel(label);
    else state.pendingLabels.push(label);
  },
  reset: () => resetSession(),
};

window.addEventListener("message", async (event) => {
  const data = event.data;
  if (event.source !== window.parent || !data || data.source !== "onechat-sdk") return;
  if (data.type === "init") state.parentOrigin = event.origin;
  if (event.origin !== state.parentOrigin || !commands[data.type]) return;
  try {
    await commands[data.type](data);
    if (data.type === "init") {
      post(config.error ? "error" : "ready", {
        message: config.error,
        color: config.inbox?.color,
        textColor: state.textColor,
      });
    }
    if (data.id) post("result", { id: data.id, ok: true });
  } catch (error) {
    if (data.id) post("result", { id: data.id, ok: false, error: error.message });
  }
});

// ---- Session ----------------------------------------------------------------

function storedToken() {
  try { return window.localStorage.getItem(storageKey); } catch { return null; }
}

function storeToken(token) {
  try {
    if (token) window.localStorage.setItem(storageKey, token);
    else window.localStorage.removeItem(storageKey);
  } catch { /* storage blocked: the session lasts as long as the page */ }
}

function adoptSession(data) {
  const changed = !state.session || state.session.pubsub_token !== data.pubsub_token;
  state.session = data;
  thread.reader.senderId = data.contact ? data.contact.id : null;
  api.sessionToken = data.session_token;
  storeToken(data.session_token);
  if (changed) {
    thread.clear();
    state.conversation = null;
    showEndChat();
    state.live?.close();
    state.live = subscribe({
      url: config.cablePath,
      identifier: { pubsub_token: data.pubsub_token },
      presenceSeconds: PRESENCE_SECONDS,
      onEvent: handleEvent,
      // Every (re)connection fetches what was missed while away.
      onConnected: () => { $("error").hidden = true; catchUp(); },
      onDisconnected: () => showError(gettext("Connection lost. Reconnecting…")),
      onRejected: () => showError(gettext("Connection lost. Reconnecting…")),
    });
  }
  setConversation(data.conversation);
  showQueue(data.queue);
  state.hours = data.business_hours;
  setAvailability($("availability").dataset.state === "online");
}

async function resumeSession() {
  api.sessionToken = storedToken();
  if (!api.sessionToken) return;
  try {
    adoptSession(await api.resumeSession());
  } catch (error) {
    // A forged, expired or revoked token: forget it; a new visitor starts fresh.
    if (error.status === 401 || error.status === 404) {
      api.sessionToken = null;
      storeToken(null);
    }
  }
}

// One session at a time: calls made while the stored token is being checked
// or a new session is being opened wait for that instead of opening another.
async function ensureSession() {
  await state.resuming;
  if (state.session) return;
  state.starting ||= api
    .startSession()
    .then(adoptSession)
    .finally(() => {
      state.starting = null;
    });
  await state.starting;
}

function resetSession() {
  state.live?.close();
  state.live = null;
  state.session = null;
  state.conversation = null;
  showEndChat();
  api.sessionToken = null;
  storeToken(null);
  thread.clear();
  state.pendingLabels = [];
  $("earlier").hidden = true;
  clearTimeout(state.emailTimer);
  setUnread(0);
}

async function catchUp() {
  if (!state.session) return;
  try {
    // Everything after the last message held, so a reconnect loses nothing and
    // the merge by id drops what already arrived.
    const first = !thread.lastId();
    let page;
    do {
      page = await api.messages(thread.lastId() ? { after: thread.lastId() } : {});
      noteNew(thread.merge(page.payload));
    } while (!first && page.meta.has_more && page.payload.length);
    if (first) $("earlier").hidden = !page.meta.has_more;
    if (state.conversation) setConversation((await api.resumeSession()).conversation);
  } catch (error) {
    if (error.status === 401) resetSession();
  }
}

async function loadEarlier() {
  const button = /** @type {HTMLButtonElement} */ ($("earlier"));
  button.disabled = true;
  try {
    const page = await api.messages({ before: thread.firstId() });
    thread.merge(page.payload);
    button.hidden = !page.meta.has_more;
  } finally {
    button.disabled = false;
  }
}

/** @param {Conversation | null} conversation */
function setConversation(conversation) {
  if (!conversation) return;
  if (isStaleConversation(conversation, state.conversation)) return;
  state.conversation = conversation;
  for (const label of state.pendingLabels.splice(0)) {
    api.setLabel(label).catch((error) => post("problem", { message: error.message }));
  }
  keepingEnd(() => thread.setAgentLastSeen(conversation.agent_last_seen_at));
  scheduleEmailPrompt();
  showEndChat();
}

// The visitor may end an open chat; writing again reopens it.
function showEndChat() {
  $("end-chat").hidden = !state.conversation || state.conversation.status === "resolved";
}

async function endChat() {
  try {
    setConversation(await api.endChat());
  } catch (error) {
    showError(error.message);
  }
}

// ---- Live events -----------------------------------------------------------

/**
 * @param {string} name the /cable event
 * @param {any} data its payload
 */
function handleEvent(name, data) {
  if (name === EVENT.PRESENCE_UPDATE) {
    const agents = new Set(config.agentIds);
    setAvailability(Object.entries(data.users || {}).some(([id, status]) => agents.has(id) && status === "online"));
  } else if (name === EVENT.MESSAGE_CREATED || name === EVENT.MESSAGE_UPDATED) {
    if (state.conversation && data.conversation_id !== state.conversation.id) return;
    keepingEnd(() => noteNew(thread.merge([data])));
    if (data.message_type === MESSAGE_TYPE.OUTGOING) hideAgentTyping();
    scheduleEmailPrompt();
  } else if (name === EVENT.CONVERSATION_TYPING_ON || name === EVENT.CONVERSATION_TYPING_OFF) {
    if (data.is_private || !data.user || data.user.type !== "user") return;
    if (name === EVENT.CONVERSATION_TYPING_ON) showAgentTyping(data.user);
    else hideAgentTyping();
  } else if (name === EVENT.QUEUE_POSITION) {
    showQueue(data);
  } else if (CONVERSATION_EVENTS.has(name)) {
    if (!state.conversation || data.id === state.conversation.id) setConversation(data);
  }
}

/**
 * The visitor's place in line ({position, wait} in seconds), hidden once served.
 * @param {{position: number | null, wait: number | null} | null} place
 */
function showQueue(place) {
  const line = $("queue");
  line.hidden = !place || place.position == null;
  if (line.hidden) return;
  const minutes = Math.max(1, Math.round((place.wait || 0) / 60));
  const wait = interpolate(ngettext("%(count)s minute", "%(count)s minutes", minutes), { count: minutes });
  line.textContent = place.wait == null
    ? interpolate(gettext("You are number %(position)s in line"), { position: place.position })
    : interpolate(gettext("You are number %(position)s in line, about %(wait)s"), { position: place.position, wait });
}

/** @param {Message[]} added messages new to the thread */
function noteNew(added) {
  const replies = added.filter((message) => message.message_type !== MESSAGE_TYPE.INCOMING && !isReaction(message));
  if (!replies.length) return;
  if (state.open && !document.hidden) markSeenSoon();
  else setUnread(state.unread + replies.length);
  scrollToEnd();
}

function setUnread(count) {
  state.unread = count;
  post("unread", { count });
}

function markSeenSoon() {
  clearTimeout(state.seenTimer);
  state.seenTimer = setTimeout(() => {
    if (state.conversation) api.markSeen().catch(() => {});
  }, 500);
}

function showAgentTyping(user) {
  const typing = $("typing");
  typing.textContent = interpolate(gettext("%(name)s is typing…"), { name: user.available_name || user.name || gettext("Someone") });
  typing.hidden = false;
  scrollToEnd();
  clearTimeout(state.agentTypingTimer);
  state.agentTypingTimer = setTimeout(hideAgentTyping, AGENT_TYPING_MAX_MS);
}

function hideAgentTyping() {
  $("typing").hidden = true;
  $("typing").textContent = "";
}

function setAvailability(online) {
  // Outside business hours the team is away whoever has the dashboard open.
  const closed = state.hours && !state.hours.open;
  $("availability").dataset.state = online && !closed ? "online" : "away";
  $("availability-text").textContent = closed && state.hours.reopens_at
    ? interpolate(gettext("We are away. Back %(when)s"), { when: new Date(state.hours.reopens_at).toLocaleString(document.documentElement.lang, { weekday: "long", hour: "numeric", minute: "2-digit" }) })
    : online && !closed ? gettext("We are online") : gettext("We are away");
}

// Ask for an email once nobody has answered for a while (the server decides).
function scheduleEmailPrompt() {
  clearTimeout(state.emailTimer);
  const conversation = state.conversation;
  const contact = state.session && state.session.contact;
  if (!config.inbox.emailCollect || !conversation || (contact && contact.email)) return;
  if (thread.agentReplied() || thread.hasEmailPrompt()) return;
  const due = (conversation.created_at + config.emailCollectDelaySeconds + 1) * 1000;
  state.emailTimer = setTimeout(async () => {
    try {
      const prompt = await api.requestEmail();
      if (prompt) thread.merge([prompt]);
      else if (!thread.hasEmailPrompt() && !thread.agentReplied()) state.emailTimer = setTimeout(scheduleEmailPrompt, 5000);
    } catch { /* the next event reschedules */ }
  }, Math.max(0, due - Date.now()));
}

// ---- Composer ----------------------------------------------------------------

/**
 * @param {string} content
 * @param {File | null} file
 * @param {number | null} [inReplyTo] the message quoted
 */
async function send(content, file, inReplyTo = null) {
  const echoId = (crypto.randomUUID && crypto.randomUUID()) || `${Date.now()}-${Math.random()}`;
  const quoted = inReplyTo ? thread.get(inReplyTo) : null;
  thread.addPending(echoId, content, file, quoted ? quoteOf(quoted, senderName(quoted)) : null);
  scrollToEnd();
  stopTyping();
  try {
    await ensureSession();
    const message = await api.sendMessage({ content, echoId, file, inReplyTo });
    if (!state.conversation) {
      const session = await api.resumeSession();
      setConversation(session.conversation);
    }
    thread.merge([message]);
    scheduleEmailPrompt();
  } catch (error) {
    if (error.status === 401) {
      resetSession();
      showError(gettext("Your chat session ended. Send your message again."));
    } else if (error.status === 400) {
      thread.dropPending(echoId);
      showError(error.message);
    } else {
      thread.failPending(echoId);
    }
  }
}

// Coordinates to about a metre: enough for a map, no more than that.
const COORDINATE_DIGITS = 5;

/** Send where the visitor is, once the browser (and the visitor) allow it. */
function shareLocation() {
  if (!navigator.geolocation) {
    showError(gettext("This browser cannot share a location."));
    return;
  }
  const button = /** @type {HTMLButtonElement} */ ($("share-location"));
  button.disabled = true;
  navigator.geolocation.getCurrentPosition(
    async ({ coords }) => {
      try {
        await ensureSession();
        const place = {
          latitude: Number(coords.latitude.toFixed(COORDINATE_DIGITS)),
          longitude: Number(coords.longitude.toFixed(COORDINATE_DIGITS)),
        };
        const message = await api.sendLocation(place, takeReply());
        if (!state.conversation) setConversation((await api.resumeSession()).conversation);
        keepingEnd(() => thread.merge([message]));
        scrollToEnd();
        $("error").hidden = true;
      } catch (error) {
        showError(error.message);
      } finally {
        button.disabled = false;
      }
    },
    () => {
      button.disabled = false;
      showError(gettext("Your location could not be read. Check that this site may use it."));
    },
    { timeout: 15000, maximumAge: 60000 },
  );
}

/**
 * The name a quote shows for the author of `message`.
 * @param {Message} message
 */
function senderName(message) {
  if (message.message_type === MESSAGE_TYPE.INCOMING) return gettext("You");
  return (message.sender && (message.sender.available_name || message.sender.name)) || gettext("Someone");
}

/**
 * Reply to `message`: its quote shows above the composer until sent or cancelled.
 * @param {Message | null} message
 */
function setReply(message) {
  state.replyTo = message;
  $("reply-bar").hidden = !message;
  if (message) {
    const quote = quoteOf(message, senderName(message));
    $("reply-author").textContent = quote.senderName;
    $("reply-text").textContent = quote.deleted ? gettext("This message was deleted") : quote.content || gettext("Attachment");
  }
  inputBox().focus();
}

/** Take the reply off the composer; returns the id it quoted. */
function takeReply() {
  const id = state.replyTo ? state.replyTo.id : null;
  if (id) setReply(null);
  return id;
}

/**
 * What is wrong with `file` under the server's attachment policy, or null.
 * @param {File} file
 * @returns {string | null}
 */
function checkFile(file) {
  const rules = config.attachments;
  const extension = (file.name.split(".").pop() || "").toLowerCase();
  if (!rules.extensions.includes(extension) || !rules.types.includes(file.type)) {
    return interpolate(gettext("%(name)s: this file type is not allowed."), { name: file.name });
  }
  if (file.size > rules.maxBytes) return interpolate(gettext("%(name)s: the file is larger than the %(limit)s limit."), { name: file.name, limit: rules.maxSize });
  return null;
}

function startTyping() {
  if (!state.conversation) return;
  if (!state.typingOn) {
    state.typingOn = true;
    api.typing(true).catch(() => {});
  }
  clearTimeout(state.typingTimer);
  state.typingTimer = setTimeout(stopTyping, TYPING_IDLE_MS);
}

function stopTyping() {
  clearTimeout(state.typingTimer);
  if (state.typingOn) {
    state.typingOn = false;
    api.typing(false).catch(() => {});
  }
}

function showError(message) {
  const error = $("error");
  error.textContent = message;
  error.hidden = false;
}

function scrollToEnd() {
  const box = $("thread");
  box.scrollTop = box.scrollHeight;
}

/**
 * Run `redraw`, which may grow a message (a link preview arriving, a "Seen"
 * line): a reader who was at the end of the thread stays there.
 * @param {() => void} redraw
 */
function keepingEnd(redraw) {
  const box = $("thread");
  const atEnd = box.scrollHeight - box.scrollTop - box.clientHeight < 40;
  redraw();
  if (atEnd) scrollToEnd();
}

function growInput() {
  const input = inputBox();
  input.style.height = "auto";
  input.style.height = `${Math.min(input.scrollHeight, 120)}px`;
}

function wireComposer() {
  const input = inputBox();
  const composer = /** @type {HTMLFormElement} */ ($("composer"));
  composer.addEventListener("submit", (event) => {
    event.preventDefault();
    const content = input.value.trim();
    if (!content) return;
    input.value = "";
    growInput();
    $("error").hidden = true;
    send(content, null, takeReply());
  });
  addFormattingShortcuts(input);
  const emoji = createEmojiPicker(input, { id: "emoji", label: gettext("Insert emoji"), className: "icon-button" });
  $("attach").after(emoji.button);
  $("composer").append(emoji.panel);
  $("reply-cancel").addEventListener("click", () => setReply(null));
  $("share-location").addEventListener("click", shareLocation);
  input.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && state.replyTo) {
      // Escape first drops the reply, then (again) closes the chat.
      event.stopPropagation();
      setReply(null);
    } else if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      composer.requestSubmit();
    }
  });
  input.addEventListener("input", () => {
    growInput();
    if (input.value.trim()) startTyping();
    else stopTyping();
  });
  const files = fileInput();
  $("attach").addEventListener("click", () => files.click());
  files.addEventListener("change", () => {
    const file = files.files[0];
    files.value = "";
    if (!file) return;
    const problem = checkFile(file);
    if (problem) {
      showError(problem);
      return;
    }
    $("error").hidden = true;
    send(input.value.trim(), file, takeReply());
    input.value = "";
  });
}

// ---- Window and keyboard -----------------------------------------------------

function setOpen(open) {
  state.open = open;
  if (!open) return;
  ensureSession().catch((error) => showError(error.message));
  setUnread(0);
  markSeenSoon();
  requestAnimationFrame(() => {
    $("input").focus();
    scrollToEnd();
  });
}

/** @returns {HTMLElement[]} */
function focusables() {
  /** @type {NodeListOf<HTMLButtonElement | HTMLInputElement | HTMLTextAreaElement | HTMLAnchorElement>} */
  const nodes = $("chat").querySelectorAll("button, input:not([tabindex='-1']), textarea, a[href]");
  return [...nodes].filter((node) => !("disabled" in node && node.disabled) && node.offsetParent !== null);
}

function wireKeyboard() {
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      post("close");
    } else if (event.key === "Tab") {
      // Keep focus inside the open chat window (a dialog) until it is closed.
      const nodes = focusables();
      if (!nodes.length) return;
      const first = nodes[0];
      const last = nodes[nodes.length - 1];
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
    }
  });
  $("close").addEventListener("click", () => post("close"));
  $("end-chat").addEventListener("click", endChat);
  $("earlier").addEventListener("click", () => loadEarlier().catch((error) => showError(error.message)));
}

// White text on the inbox colour darkened by a scrim, or near-black text on the
// plain colour when white cannot reach a 4.5:1 contrast (light brand colours).
function paint(color) {
  const root = document.documentElement.style;
  root.setProperty("--accent", color);
  const light = contrast(luminance(color, 0.72), 1) < 4.5;
  root.setProperty("--scrim", light ? "transparent" : "rgba(0, 0, 0, 0.28)");
  root.setProperty("--on-accent", light ? "#111" : "#fff");
  state.textColor = light ? "#111" : "#fff";
}

function luminance(hex, shade) {
  const value = hex.replace("#", "");
  const full = value.length === 3 ? [...value].map((c) => c + c).join("") : value;
  const [r, g, b] = [0, 2, 4].map((i) => {
    const channel = (parseInt(full.slice(i, i + 2), 16) / 255) * shade;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a, b) {
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

function translate() {
  const inbox = config.inbox;
  $("title").textContent = inbox.welcomeTitle || inbox.name;
  $("tagline").textContent = inbox.welcomeTagline || inbox.name;
  $("greeting").textContent = inbox.greeting;
  $("greeting").hidden = !inbox.greeting;
  inputBox().placeholder = gettext("Type your message…");
  $("input-label").textContent = gettext("Your message");
  $("send").setAttribute("aria-label", gettext("Send message"));
  $("attach").setAttribute("aria-label", gettext("Attach a file"));
  $("file").setAttribute("aria-label", gettext("Attach a file"));
  $("close").setAttribute("aria-label", gettext("Close chat"));
  $("end-chat").textContent = gettext("End chat");
  $("emoji").setAttribute("aria-label", gettext("Insert emoji"));
  $("emoji-panel").setAttribute("aria-label", gettext("Insert emoji"));
  $("messages").setAttribute("aria-label", inbox.name);
  $("branding").textContent = gettext("Powered by OneChat");
  $("earlier").textContent = gettext("Show earlier messages");
  $("reply-label").textContent = gettext("Replying to");
  $("share-location").setAttribute("aria-label", gettext("Share my location"));
  $("share-location").title = gettext("Share my location");
  $("reply-cancel").setAttribute("aria-label", gettext("Cancel reply"));
  viewer.translate();
  setAvailability($("availability").dataset.state === "online");
  // The launcher on the host page speaks the widget's language too.
  post("labels", { launcher: gettext("Chat with us"), close: gettext("Close chat"), chatWindow: gettext("Chat window") });
}

function start() {
  setLocale(navigator.language, config.inbox?.locale);
  if (config.error) {
    $("unavailable-text").textContent = gettext("This chat is not available.");
    $("unavailable").hidden = false;
    return;
  }
  paint(config.inbox.color);
  $("chat").hidden = false;
  fileInput().accept = config.attachments.extensions.map((extension) => `.${extension}`).join(",");
  wireComposer();
  translate();
  setAvailability(config.agentsOnline);
  wireKeyboard();
  state.resuming = resumeSession();
  if (state.open) setOpen(true);
}

start();
