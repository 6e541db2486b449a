// @ts-check
// What every dashboard screen is given by app.js: the page's config, the API,
// presence, and the page's event stream (/cable events and the page's own).

/**
 * The page's config (dashboard/views.py `_page_config`).
 * @typedef {object} DashboardConfig
 * @property {"conversations" | "queue" | "contacts" | "settings" | "profile"} page
 * @property {number} [conversationId]
 * @property {number} [contactId]
 * @property {string} [section]
 * @property {{id: number, name: string, email: string, avatarUrl: string, locale: string}} user
 * @property {[string, string][]} languages each language's code and own name
 * @property {{id: number, name: string, role: string, availability: string}} account
 * @property {{id: number, name: string}[]} accounts
 * @property {string} pubsubToken
 * @property {string} csrfToken
 */

/**
 * Who is online: agents and contacts by id, as the last presence.update said.
 * @typedef {object} Presence
 * @property {Record<string, string>} users
 * @property {Record<string, string>} contacts
 * @property {Record<string, "left" | "back">} pages what each visitor's page
 *   did last, by contact id (conversation.contact_presence)
 * @property {boolean} known whether a presence.update has arrived yet
 */

/** @typedef {(name: string, data: any) => void} Listener */

/**
 * @typedef {object} DashboardContext
 * @property {DashboardConfig} config
 * @property {import("./api.js").DashboardApi} api
 * @property {string} base the account's dashboard path, "/app/accounts/1"
 * @property {boolean} isAdministrator
 * @property {Presence} presence
 * @property {(userId: number, chosen?: string) => string} userStatus an agent's availability
 * @property {(listener: Listener) => () => void} on
 * @property {Listener} emit
 * @property {{perform: (action: string, data?: object) => void}} [cable]
 */

/**
 * An agent of the account (`GET agents`).
 * @typedef {object} Agent
 * @property {number} id the user's id, also for an invitation not yet accepted
 * @property {string} name
 * @property {string} [available_name]
 * @property {string} [email]
 * @property {string} [role]
 * @property {string} [availability_status]
 * @property {boolean} [confirmed] false for an invitation not yet accepted
 */

/**
 * The account's inboxes, teams, agents and labels, as the conversations page reads them once.
 * @typedef {object} Lookups
 * @property {{id: number, name: string, calls_enabled?: boolean}[]} [inboxes]
 * @property {{id: number, name: string}[]} [teams]
 * @property {Agent[]} [agents]
 * @property {{id: number, title?: string}[]} [labels]
 */

/** The page event a thread sends once it shows a conversation: `{id}`, its display id. */
export const CONVERSATION_OPENED = "conversation.opened";

/** The page event that starts a call: `{conversationId, video}` (calls.js answers it). */
export const CALL_START = "call.start";
