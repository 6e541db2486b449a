// @ts-check
// What the composer's completion offers: the account's canned responses
// (their variables filled in for the open conversation, their files added to
// the message) and, in a note, the inbox's agents and the account's teams.

import { fillVariables, matchCanned } from "../../kit/canned.js";
import { listOf } from "../../kit/http.js";
import { matchMentions, mentionMarkup } from "../../kit/mentions.js";
import { h, toast } from "../dom.js";
import { gettext } from "../i18n.js";

/** @typedef {import("../../kit/canned.js").CannedResponse} CannedResponse */
/** @typedef {import("../../kit/mentions.js").Mentionable} Mentionable */
/** @typedef {import("../../kit/wire.js").Conversation} Conversation */
/** @typedef {import("./state.js").ThreadState} ThreadState */
/** @typedef {import("./state.js").ThreadContext} ThreadContext */
/** @typedef {import("./state.js").Lookups} Lookups */
/** @typedef {import("./completion.js").CompletionSource} CompletionSource */

/**
 * The variables of Chatwoot's canned responses, for `conversation`.
 * @param {ThreadContext} ctx
 * @param {Conversation | undefined} conversation
 * @param {Lookups} lookups
 * @returns {Record<string, string | number | null>}
 */
export function variablesFor(ctx, conversation, lookups) {
  const contact = conversation?.meta?.sender || {};
  const inbox = (lookups.inboxes || []).find((one) => one.id === conversation?.inbox_id);
  return {
    "contact.name": contact.name || null,
    "contact.email": contact.email || null,
    "contact.phone_number": contact.phone_number || null,
    "agent.name": ctx.config.user.name,
    "agent.email": ctx.config.user.email,
    "conversation.id": conversation ? conversation.id : null,
    "inbox.name": inbox ? inbox.name : null,
    "account.name": ctx.config.account.name,
  };
}

/**
 * `/`: canned responses, read once per composer.
 * @param {ThreadContext} ctx
 * @param {{conversation: () => Conversation | undefined, lookups: Lookups, addFiles: (files: File[]) => void}} options
 * @returns {CompletionSource}
 */
export function cannedSource(ctx, { conversation, lookups, addFiles }) {
  /** @type {Promise<CannedResponse[]> | null} */
  let loaded = null;
  return {
    enabled: () => true,
    find: (query) => {
      loaded ??= ctx.api.get("canned_responses").then(listOf, (error) => ((loaded = null), Promise.reject(error)));
      return loaded.then((all) => matchCanned(all, query));
    },
    draw: (/** @type {CannedResponse} */ item) => [h("strong", { class: "completion-code" }, item.short_code), h("span", { class: "completion-text muted" }, item.content)],
    text: (/** @type {CannedResponse} */ item) => fillVariables(item.content, variablesFor(ctx, conversation(), lookups)),
    chosen: (/** @type {CannedResponse} */ item) => {
      if (item.attachments?.length) fetchFiles(item).then(addFiles, () => toast(gettext("Could not add the canned response's files.")));
    },
  };
}

/**
 * A canned response's files, fetched to go with the message as uploads.
 * @param {CannedResponse} item
 * @returns {Promise<File[]>}
 */
async function fetchFiles(item) {
  const files = (item.attachments || []).map(async (file) => {
    const response = await fetch(file.data_url, { credentials: "same-origin" });
    if (!response.ok) throw new Error(response.statusText);
    const blob = await response.blob();
    // The type the upload rules expect for its extension, whatever the server sent.
    return new File([blob], file.file_name, { type: file.content_type || blob.type });
  });
  return Promise.all(files);
}

/**
 * `@` in a private note: the agents who read the inbox's conversations (its
 * members and the administrators) and the account's teams.
 * @param {ThreadContext} ctx
 * @param {{state: ThreadState, conversation: () => Conversation | undefined, lookups: Lookups}} options
 * @returns {CompletionSource}
 */
export function mentionSource(ctx, { state, conversation, lookups }) {
  /** @type {Map<number, Promise<Mentionable[]>>} */
  const byInbox = new Map();
  /** @param {number} inboxId */
  async function people(inboxId) {
    const members = listOf(await ctx.api.get(`inbox_members/${inboxId}`));
    const administrators = (lookups.agents || []).filter((agent) => agent.role === "administrator" && agent.id > 0);
    /** @type {Map<number, Mentionable>} */
    const agents = new Map();
    for (const agent of [...members, ...administrators]) agents.set(agent.id, { kind: "user", id: agent.id, name: agent.available_name || agent.name });
    const teams = (lookups.teams || []).map((team) => /** @type {Mentionable} */ ({ kind: "team", id: team.id, name: team.name }));
    return [...agents.values(), ...teams];
  }
  return {
    enabled: () => state.noteMode && Boolean(conversation()),
    find: async (query) => {
      const inboxId = /** @type {Conversation} */ (conversation()).inbox_id;
      if (!byInbox.has(inboxId)) byInbox.set(inboxId, people(inboxId).catch((error) => (byInbox.delete(inboxId), Promise.reject(error))));
      return matchMentions(await /** @type {Promise<Mentionable[]>} */ (byInbox.get(inboxId)), query);
    },
    draw: (/** @type {Mentionable} */ who) => [h("strong", {}, `@${who.name}`), who.kind === "team" ? h("span", { class: "muted small" }, gettext("Team")) : null].filter((node) => node !== null),
    text: (/** @type {Mentionable} */ who) => mentionMarkup(who),
  };
}
