// The chat window inside the SDK's iframe: session, thread, composer and the
// conversation with the SDK on the host page.
import { WidgetApi } from "./api.js";
import { setLocale, t } from "./i18n.js";
import { follow } from "./live.js";
import { INCOMING, OUTGOING, Thread } from "./thread.js";

const config = JSON.parse(document.getElementById("onechat-config").textContent);
const $ = (id) => document.getElementById(id);
const TYPING_IDLE_MS = 3000;
const AGENT_TYPING_MAX_MS = 30000;

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
  starting: null,
  pendingLabels: [],
};

const api = new WidgetApi({ base: config.apiBase, websiteToken: config.websiteToken });
const storageKey = `onechat.session.${config.websiteToken}`;
const thread = new Thread($("messages"), {
  onSubmitEmail: async (message, email) => {
    thread.merge([await api.submitEmail(message.id, email)]);
  },
  onRetry: (message) => {
    thread.dropPending(message.echo_id);
    send(message.content, message.file);
  },
});

// ---- Messages with the host page -------------------------------------------

function post(type, data = {}) {
  if (state.parentOrigin) window.parent.postMessage({ source: "onechat-widget", type, ...data }, state.parentOrigin);
}

const commands = {
  init: ({ settings }) => {
    setLocale((settings && settings.locale) || navigator.language);
    if (!config.error) translate();
  },
  open: () => setOpen(true),
  close: () => setOpen(false),
  setLocale: ({ locale }) => {
    setLocale(locale);
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
  api.sessionToken = data.session_token;
  storeToken(data.session_token);
  if (changed) {
    thread.clear();
    state.conversation = null;
    state.live?.close();
    state.live = follow({
      path: config.cablePath,
      pubsubToken: data.pubsub_token,
      onEvent: handleEvent,
      onConnected: () => { $("error").hidden = true; catchUp(); },
      onDisconnected: () => showError(t("offline")),
    });
  }
  setConversation(data.conversation);
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
  const button = $("earlier");
  button.disabled = true;
  try {
    const page = await api.messages({ before: thread.firstId() });
    thread.merge(page.payload);
    button.hidden = !page.meta.has_more;
  } finally {
    button.disabled = false;
  }
}

function setConversation(conversation) {
  if (!conversation) return;
  if (state.conversation && state.conversation.updated_at > conversation.updated_at) return;
  state.conversation = conversation;
  for (const label of state.pendingLabels.splice(0)) {
    api.setLabel(label).catch((error) => post("problem", { message: error.message }));
  }
  thread.setAgentLastSeen(conversation.agent_last_seen_at);
  scheduleEmailPrompt();
}

// ---- Live events -----------------------------------------------------------

function handleEvent(name, data) {
  if (name === "presence.update") {
    const agents = new Set(config.agentIds);
    setAvailability(Object.entries(data.users || {}).some(([id, status]) => agents.has(id) && status === "online"));
  } else if (name === "message.created" || name === "message.updated") {
    if (state.conversation && data.conversation_id !== state.conversation.id) return;
    noteNew(thread.merge([data]));
    if (data.message_type === OUTGOING) hideAgentTyping();
    scheduleEmailPrompt();
  } else if (name.startsWith("conversation.typing_")) {
    if (data.is_private || !data.user || data.user.type !== "user") return;
    if (name === "conversation.typing_on") showAgentTyping(data.user);
    else hideAgentTyping();
  } else if (name.startsWith("conversation.")) {
    if (!state.conversation || data.id === state.conversation.id) setConversation(data);
  }
}

function noteNew(added) {
  const replies = added.filter((message) => message.message_type !== INCOMING);
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
  typing.textContent = t("typing", { name: user.available_name || user.name || t("someone") });
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
  $("availability").dataset.state = online ? "online" : "away";
  $("availability-text").textContent = t(online ? "online" : "away");
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

async function send(content, file) {
  const echoId = (crypto.randomUUID && crypto.randomUUID()) || `${Date.now()}-${Math.random()}`;
  thread.addPending(echoId, content, file);
  scrollToEnd();
  stopTyping();
  try {
    await ensureSession();
    const message = await api.sendMessage({ content, echoId, file });
    if (!state.conversation) {
      const session = await api.resumeSession();
      setConversation(session.conversation);
    }
    thread.merge([message]);
    scheduleEmailPrompt();
  } catch (error) {
    if (error.status === 401) {
      resetSession();
      showError(t("sessionExpired"));
    } else if (error.status === 400) {
      thread.dropPending(echoId);
      showError(error.message);
    } else {
      thread.failPending(echoId);
    }
  }
}

function checkFile(file) {
  const rules = config.attachments;
  const extension = (file.name.split(".").pop() || "").toLowerCase();
  if (!rules.extensions.includes(extension) || !rules.types.includes(file.type)) {
    return t("fileType", { name: file.name });
  }
  if (file.size > rules.maxBytes) return t("fileSize", { name: file.name, limit: readableSize(rules.maxBytes) });
  return null;
}

function readableSize(size) {
  if (size >= 1048576) return `${+(size / 1048576).toPrecision(3)} MB`;
  if (size >= 1024) return `${+(size / 1024).toPrecision(3)} KB`;
  return `${size} bytes`;
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

function growInput() {
  const input = $("input");
  input.style.height = "auto";
  input.style.height = `${Math.min(input.scrollHeight, 120)}px`;
}

function wireComposer() {
  const input = $("input");
  $("composer").addEventListener("submit", (event) => {
    event.preventDefault();
    const content = input.value.trim();
    if (!content) return;
    input.value = "";
    growInput();
    $("error").hidden = true;
    send(content, null);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      $("composer").requestSubmit();
    }
  });
  input.addEventListener("input", () => {
    growInput();
    if (input.value.trim()) startTyping();
    else stopTyping();
  });
  $("attach").addEventListener("click", () => $("file").click());
  $("file").addEventListener("change", () => {
    const file = $("file").files[0];
    $("file").value = "";
    if (!file) return;
    const problem = checkFile(file);
    if (problem) {
      showError(problem);
      return;
    }
    $("error").hidden = true;
    send(input.value.trim(), file);
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

function focusables() {
  return [...$("chat").querySelectorAll("button, input:not([tabindex='-1']), textarea, a[href]")].filter(
    (node) => !node.disabled && node.offsetParent !== null,
  );
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
  $("input").placeholder = t("placeholder");
  $("input-label").textContent = t("inputLabel");
  $("send").setAttribute("aria-label", t("send"));
  $("attach").setAttribute("aria-label", t("attach"));
  $("file").setAttribute("aria-label", t("attach"));
  $("close").setAttribute("aria-label", t("close"));
  $("messages").setAttribute("aria-label", inbox.name);
  $("branding").textContent = t("branding");
  $("earlier").textContent = t("earlier");
  setAvailability($("availability").dataset.state === "online");
}

function start() {
  setLocale(navigator.language);
  if (config.error) {
    $("unavailable-text").textContent = t("unavailable");
    $("unavailable").hidden = false;
    return;
  }
  paint(config.inbox.color);
  $("chat").hidden = false;
  $("file").accept = config.attachments.extensions.map((extension) => `.${extension}`).join(",");
  translate();
  setAvailability(config.agentsOnline);
  wireComposer();
  wireKeyboard();
  state.resuming = resumeSession();
  if (state.open) setOpen(true);
}

start();
