// @ts-check
// What the open conversation's modules share: which conversation is open, its
// messages and what the agent is doing with them (editing, replying,
// reacting). One object per thread, passed to each module that reads it.

import { MessageStore } from "../../kit/store.js";

/** @typedef {import("../../kit/wire.js").Message} Message */
/** @typedef {import("../../kit/wire.js").Conversation} Conversation */
/** @typedef {import("../../kit/store.js").ConversationStore} ConversationStore */
/** @typedef {import("../api.js").DashboardApi} DashboardApi */

/** @typedef {import("../context.js").DashboardContext} ThreadContext the page context (app.js builds it) */
/** @typedef {import("../context.js").Lookups} Lookups the account's agents, teams, inboxes and labels */

/**
 * @typedef {object} ThreadState
 * @property {number | null} openId the open conversation's display id
 * @property {MessageStore} messages its messages
 * @property {boolean} hasOlder whether earlier messages may be loaded
 * @property {number | null} editingId the message being edited in place
 * @property {string} editDraft the edit's text so far (the thread redraws on every event)
 * @property {boolean} noteMode whether the composer writes private notes
 * @property {Message | null} replyTarget the message the composer replies to
 * @property {number | null} reactingId the message whose reaction picker is open
 */

/** @returns {ThreadState} nothing open */
export function createThreadState() {
  return {
    openId: null,
    messages: new MessageStore(),
    hasOlder: false,
    editingId: null,
    editDraft: "",
    noteMode: false,
    replyTarget: null,
    reactingId: null,
  };
}

/**
 * Open conversation `id` afresh: its messages and the agent's doings with
 * the previous one are dropped, and its composer starts in Reply as drawn.
 * @param {ThreadState} state
 * @param {number} id
 */
export function openIn(state, id) {
  state.openId = id;
  state.messages = new MessageStore();
  state.hasOlder = false;
  state.editingId = null;
  state.editDraft = "";
  state.noteMode = false;
  state.replyTarget = null;
  state.reactingId = null;
}

/**
 * An error's words for a toast.
 * @param {unknown} error
 * @returns {string}
 */
export function reason(error) {
  return error instanceof Error ? error.message : String(error);
}
