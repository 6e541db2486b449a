// @ts-check
// The chat window inside the SDK's iframe: its parts (session, /cable events,
// thread, composer, header, unread count) wired together around one state
// object, the SDK's commands, and the start.
import { createAgentTyping } from "./agent_typing.js";
import { applyAppearance } from "./appearance.js";
import { WidgetApi } from "./api.js";
import { createCalls } from "./calls.js";
import { createComposer } from "./composer.js";
import { createEmailPrompt } from "./email_prompt.js";
import { createEventHandler } from "./events.js";
import { createHeader, emailTranscript } from "./header.js";
import { createHost } from "./host.js";
import { gettext, setLocale } from "./i18n.js";
import { wireKeyboard } from "./keyboard.js";
import { createPreChat } from "./prechat.js";
import { startPreview } from "./preview.js";
import { ImageViewer } from "./media.js";
import { $, errorMessage, keepingEnd, scrollToEnd, showError } from "./page.js";
import { createSending } from "./sending.js";
import { createSession } from "./session.js";
import { createState, readConfig } from "./state.js";
import { Thread } from "./thread.js";
import { createUnread } from "./unread.js";
import { writeWords } from "./words.js";

/** @typedef {import("./state.js").WidgetConfig} WidgetConfig */
/** @typedef {import("./host.js").Command} Command */

/**
 * The chat window's parts, each given what it works with.
 * @param {WidgetConfig} config
 */
function createParts(config) {
  const state = createState(window.parent === window);
  const api = new WidgetApi({ base: config.apiBase, websiteToken: config.websiteToken });
  const host = createHost(state);
  const viewer = new ImageViewer($("viewer"));
  const header = createHeader(state, Boolean(config.inbox.callsEnabled));
  const calls = createCalls({ config, state, onChange: () => header.showEndChat(), post: host.post });
  const unread = createUnread({ state, markSeen: () => api.markSeen(), post: host.post, scrollToEnd });
  const agentTyping = createAgentTyping($("typing"), scrollToEnd);
  const thread = new Thread($("messages"), {
    onSubmitEmail: async (message, email) => {
      thread.merge([await api.submitEmail(/** @type {number} */ (message.id), email)]);
      // The contact has this email now: the transcript may go to it.
      if (state.session?.contact) state.session.contact.email = email;
      header.showEndChat();
    },
    onRetry: (message) => sending.retry(message),
    onAnswer: async (message, values) => {
      const answered = await api.answer(/** @type {number} */ (message.id), values);
      if (answered && answered.id === message.id) keepingEnd(() => thread.merge([answered]));
    },
    onReact: (message, emoji) => {
      api.react(/** @type {number} */ (message.id), emoji).catch((error) => showError(errorMessage(error)));
    },
    onReply: (message) => composer.setReply(message),
    viewer,
  });
  const emailPrompt = createEmailPrompt({ config, state, requestEmail: () => api.requestEmail(), thread });
  const session = createSession({
    config, state, api, thread, header, unread, emailPrompt, post: host.post,
    onEvent: (name, data) => onEvent(name, data),
  });
  const onEvent = createEventHandler({
    config, state, thread, header, agentTyping, calls,
    noteNew: unread.noteNew,
    scheduleEmailPrompt: emailPrompt.schedule,
    setConversation: session.setConversation,
  });
  const sending = createSending({
    api, thread, session,
    scheduleEmailPrompt: emailPrompt.schedule,
    stopTyping: () => composer.stopTyping(),
    takeReply: () => composer.takeReply(),
  });
  const composer = createComposer({
    config, state,
    sendTyping: (on) => api.typing(on),
    onSend: sending.send,
    onShareLocation: sending.shareLocation,
  });
  const preChat = createPreChat({ form: config.inbox.preChatForm, state, api, session, thread });
  return { state, api, host, viewer, header, unread, thread, session, preChat };
}

/**
 * The SDK's commands to an available chat window.
 * @param {WidgetConfig} config
 * @param {ReturnType<typeof createParts>} parts
 * @returns {{commands: Record<string, Command>, setOpen: (open: boolean) => void}}
 */
function chatCommands(config, { state, api, host, viewer, header, unread, thread, session, preChat }) {
  function translate() {
    const words = writeWords(config.inbox);
    viewer.translate();
    header.redrawAvailability();
    preChat.refresh();
    // The launcher on the host page speaks the widget's language too.
    host.post("labels", words);
  }
  /** @param {boolean} open */
  function setOpen(open) {
    state.open = open;
    if (!open) return;
    // Each opening is announced, as Chatwoot's widget does; a refused event
    // (too many) is the webhooks' loss, not the visitor's.
    session.ensure()
      .then(() => api.triggerEvent("webwidget.triggered").catch(() => {}))
      .catch((error) => showError(errorMessage(error)));
    unread.setUnread(0);
    unread.markSeenSoon();
    requestAnimationFrame(() => {
      $("input").focus();
      scrollToEnd();
    });
  }
  /** @type {Record<string, Command>} */
  const commands = {
    init: ({ settings }) => {
      setLocale(settings?.locale || navigator.language, config.inbox.locale);
      if (settings?.darkMode) state.textColor = applyAppearance(config.inbox, settings.darkMode);
      translate();
    },
    open: () => setOpen(true),
    close: () => setOpen(false),
    setLocale: ({ locale }) => {
      setLocale(locale, config.inbox.locale);
      translate();
      thread.render(true);
    },
    // No session is opened first: a refused identity must leave nothing behind.
    setUser: async ({ identifier, user }) => session.adopt(await api.identify({ identifier, ...(user || {}) })),
    setCustomAttributes: async ({ attributes }) => {
      await session.ensure();
      await api.setCustomAttributes(attributes || {});
    },
    // Merged into the open conversation's attributes (none before the first message).
    setConversationCustomAttributes: async ({ attributes }) => {
      await session.ensure();
      await api.setConversationCustomAttributes(attributes || {});
    },
    setLabel: async ({ label }) => {
      // Before the first message there is no conversation: label it once it opens.
      if (state.conversation) await api.setLabel(label);
      else state.pendingLabels.push(label);
    },
    reset: () => {
      session.reset();
      preChat.refresh();
    },
  };
  return { commands, setOpen };
}

/** @param {WidgetConfig} config */
function startChat(config) {
  const parts = createParts(config);
  const { state, api, host, header, session, preChat } = parts;
  state.textColor = applyAppearance(config.inbox);
  $("chat").hidden = false;
  const { commands, setOpen } = chatCommands(config, parts);
  commands.init({});
  header.setAvailability(config.agentsOnline);
  wireKeyboard(() => host.post("close"));
  $("close").addEventListener("click", () => host.post("close"));
  $("end-chat").addEventListener("click", session.endChat);
  $("transcript").addEventListener("click", () => emailTranscript(api));
  $("earlier").addEventListener("click", () => session.loadEarlier().catch((error) => showError(errorMessage(error))));
  host.listen(commands, () => host.post("ready", { color: config.inbox.color, textColor: state.textColor }));
  state.resuming = session.resume().then(preChat.refresh);
  if (state.open) setOpen(true);
}

/** @param {WidgetConfig} config */
function startUnavailable(config) {
  const write = () => { $("unavailable-text").textContent = gettext("This chat is not available."); };
  write();
  $("unavailable").hidden = false;
  const host = createHost(createState(false));
  const refuse = () => { throw new Error(gettext("This chat is not available.")); };
  host.listen(
    {
      init: ({ settings }) => { setLocale(settings?.locale || navigator.language); write(); },
      setLocale: ({ locale }) => { setLocale(locale); write(); },
      open: () => {},
      close: () => {},
      setUser: refuse,
      setCustomAttributes: refuse,
      setConversationCustomAttributes: refuse,
      setLabel: refuse,
      reset: () => {},
    },
    () => host.post("error", { message: config.error }),
  );
}

const config = readConfig();
setLocale(navigator.language, config.inbox?.locale);
if (config.error) startUnavailable(config);
else if (config.preview) startPreview(config);
else startChat(config);
