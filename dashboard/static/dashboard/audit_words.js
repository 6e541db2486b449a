// @ts-check
// An audit log entry in the reader's language: who did what to which thing
// ("Ana changed the inbox Website"), and each change ("name: “A” → “B”").

import { gettext, interpolate } from "./i18n.js";

/**
 * An entry of `GET audit_logs` (Chatwoot's shape, with OneChat's `user_name`).
 * @typedef {{id: number, auditable_type: string, auditable_id: number | null,
 *   auditable: {id: number | null, name: string}, user_id: number | null,
 *   username: string, user_name: string | null, action: string,
 *   audited_changes: Record<string, [unknown, unknown]>, created_at: number,
 *   remote_address: string}} AuditEntry
 */

/** The audited kinds the filter offers, with their names. */
export function kindNames() {
  return {
    Account: gettext("Account settings"),
    Inbox: gettext("Inboxes"),
    InboxMember: gettext("Inbox members"),
    AccountUser: gettext("Agents"),
    Invitation: gettext("Invitations"),
    Team: gettext("Teams"),
    TeamMember: gettext("Team members"),
    CustomAttributeDefinition: gettext("Custom attributes"),
    Label: gettext("Labels"),
    CannedResponse: gettext("Canned responses"),
    AgentBot: gettext("Bots"),
    Webhook: gettext("Webhooks"),
    AutomationRule: gettext("Automation rules"),
    Macro: gettext("Macros"),
    User: gettext("Sign-ins"),
    Contact: gettext("Contacts"),
    Message: gettext("Messages"),
  };
}

/** The actions the filter offers, with their names. */
export function actionNames() {
  return {
    create: gettext("Created"),
    update: gettext("Changed"),
    destroy: gettext("Deleted"),
    sign_in: gettext("Signed in"),
    sign_out: gettext("Signed out"),
    sign_in_failed: gettext("Failed sign-in"),
    export: gettext("Exported"),
    erase: gettext("Erased"),
  };
}

/**
 * The thing an entry is about, as a sentence names it ("the inbox Website").
 * @param {AuditEntry} entry
 * @returns {string}
 */
export function subjectOf(entry) {
  const name = entry.auditable.name || `#${entry.auditable_id}`;
  /** @type {Record<string, string>} */
  const phrases = {
    Account: gettext("the account settings"),
    Inbox: gettext("the inbox %(name)s"),
    InboxMember: gettext("an inbox membership of %(name)s"),
    AccountUser: gettext("the membership of %(name)s"),
    Invitation: gettext("the invitation of %(name)s"),
    Team: gettext("the team %(name)s"),
    TeamMember: gettext("a team membership of %(name)s"),
    CustomAttributeDefinition: gettext("the custom attribute %(name)s"),
    Label: gettext("the label %(name)s"),
    CannedResponse: gettext("the canned response %(name)s"),
    AgentBot: gettext("the bot %(name)s"),
    Webhook: gettext("the webhook %(name)s"),
    AutomationRule: gettext("the automation rule %(name)s"),
    Macro: gettext("the macro %(name)s"),
    Contact: gettext("the contact %(name)s"),
    Message: gettext("a message in conversation %(name)s"),
  };
  const phrase = phrases[entry.auditable_type];
  return phrase ? interpolate(phrase, { name }) : name;
}

/**
 * Who did it: the user's name now, else the name they had, else OneChat.
 * @param {AuditEntry} entry
 * @returns {string}
 */
export function actorOf(entry) {
  return entry.user_name || entry.username || gettext("OneChat");
}

/**
 * The entry as one sentence.
 * @param {AuditEntry} entry
 * @returns {string}
 */
export function sentenceOf(entry) {
  /** @type {Record<string, string>} */
  const sentences = {
    create: gettext("%(actor)s created %(subject)s"),
    update: gettext("%(actor)s changed %(subject)s"),
    destroy: gettext("%(actor)s deleted %(subject)s"),
    sign_in: gettext("%(actor)s signed in"),
    sign_out: gettext("%(actor)s signed out"),
    sign_in_failed: gettext("Failed sign-in as %(actor)s"),
    export: gettext("%(actor)s exported the data of %(subject)s"),
    erase: gettext("%(actor)s erased the data of %(subject)s"),
  };
  const words = sentences[entry.action] || gettext("%(actor)s changed %(subject)s");
  return interpolate(words, { actor: actorOf(entry), subject: subjectOf(entry) });
}

const LONGEST = 120;

/**
 * A recorded value as the reader sees it: quoted text, else its JSON.
 * @param {unknown} value
 * @returns {string}
 */
export function valueText(value) {
  if (value === null || value === undefined || value === "") return gettext("(empty)");
  const text = typeof value === "string" ? `“${value}”` : JSON.stringify(value);
  return text.length > LONGEST ? `${text.slice(0, LONGEST - 1)}…` : text;
}

/**
 * Each change of the entry, one line per field ("name: “A” → “B”"); a new
 * thing's values and a deleted thing's alone.
 * @param {AuditEntry} entry
 * @returns {string[]}
 */
export function changeLines(entry) {
  // A deleted message keeps its row: its text before and after, as an edit.
  const key = entry.auditable_type;
  const gone = entry.action === "destroy" && key !== "Message";
  return Object.entries(entry.audited_changes || {}).map(([field, pair]) => {
    const [before, after] = Array.isArray(pair) ? pair : [null, pair];
    if (entry.action === "create") return `${field}: ${valueText(after)}`;
    if (gone) return `${field}: ${valueText(before)}`;
    return `${field}: ${valueText(before)} → ${valueText(after)}`;
  });
}
