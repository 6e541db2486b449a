// @ts-check
// What the chat window knows: the page's config from the server, and the one
// state object its parts share (each part is handed it; nothing else is kept
// between calls but the timers each part owns).

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
 * @property {InboxLook} inbox
 * @property {boolean} [preview] the settings page's live preview: no session
 * @property {string[]} agentIds
 * @property {boolean} agentsOnline
 * @property {import("../kit/wire.js").AttachmentRules} attachments
 * @property {number} emailCollectDelaySeconds
 */

/**
 * The inbox as the chat window draws it (`replyTime`: Chatwoot's
 * in_a_few_minutes, in_a_few_hours or in_a_day; `darkMode`: light, dark, auto).
 * @typedef {{name: string, color: string, welcomeTitle: string, welcomeTagline: string,
 *   greeting: string, emailCollect: boolean, hmacMandatory: boolean, locale: string,
 *   replyTime: string, avatarUrl: string, darkMode: string,
 *   preChatForm?: import("./prechat.js").PreChatForm | null,
 *   callsEnabled?: boolean, visitorScreenSharing?: boolean}} InboxLook
 */

/**
 * The visitor's place in line while the conversation waits (`wait` in seconds).
 * @typedef {{position: number | null, wait: number | null}} QueuePlace
 */

/**
 * Business hours while the inbox keeps them: open now, else when it reopens.
 * @typedef {{open: boolean, reopens_at: string | null}} BusinessHours
 */

/**
 * The visitor's session (widget/views.py `session_data`).
 * @typedef {object} Session
 * @property {string} session_token
 * @property {string} pubsub_token
 * @property {{id: number, email?: string | null} | null} contact
 * @property {Conversation | null} conversation
 * @property {QueuePlace | null} queue
 * @property {BusinessHours | null} business_hours
 */

/**
 * @typedef {object} WidgetState
 * @property {string | null} parentOrigin the host page, once the SDK said "init"
 * @property {boolean} open whether the visitor sees the chat window
 * @property {Session | null} session
 * @property {Conversation | null} conversation
 * @property {import("../kit/cable.js").Cable | null} live the /cable subscription
 * @property {number} unread replies the visitor has not seen
 * @property {Promise<void> | null} resuming the stored session being checked
 * @property {Promise<void> | null} starting a new session being opened
 * @property {BusinessHours | null} hours
 * @property {string[]} pendingLabels labels asked for before the conversation opened
 * @property {Message | null} replyTo the message the composer replies to
 * @property {string} textColor the text colour on the inbox colour
 * @property {boolean} inCall a call rings, goes on, or is being chosen
 */

/** @returns {WidgetConfig} the config the server wrote into the page */
export function readConfig() {
  return JSON.parse(document.getElementById("onechat-config")?.textContent || "{}");
}

/**
 * The state of a chat window that starts closed inside the SDK's iframe, or
 * open when the page is opened on its own.
 * @param {boolean} open
 * @returns {WidgetState}
 */
export function createState(open) {
  return {
    parentOrigin: null,
    open,
    session: null,
    conversation: null,
    live: null,
    unread: 0,
    resuming: null,
    starting: null,
    hours: null,
    pendingLabels: [],
    replyTo: null,
    textColor: "#fff",
    inCall: false,
  };
}
