// @ts-check
// The conversations page's shortcuts bound to what they do (shortcuts.js
// maps the keys).

import { CONVERSATION_STATUS } from "../kit/wire.js";
import { showShortcutHelp } from "./shortcut_help.js";
import { focusComposer, installShortcuts, neighbour } from "./shortcuts.js";

/**
 * Bind the shortcuts: move through `listed()`, resolve or take the open
 * conversation, write in its composer, show the help.
 * @param {{listed: () => number[], openId: () => number | null, navigate: (id: number) => void, thread: {perform: (action: string, body: Record<string, unknown>) => void}, userId: number}} page
 * @returns {() => void} stops them
 */
export function conversationShortcuts({ listed, openId, navigate, thread, userId }) {
  /** @param {1 | -1} delta */
  const step = (delta) => {
    const id = neighbour(listed(), openId(), delta);
    if (id !== null) navigate(id);
  };
  /** @param {string} action @param {Record<string, unknown>} body */
  const act = (action, body) => {
    if (openId() !== null) thread.perform(action, body);
  };
  return installShortcuts({
    next: () => step(1),
    previous: () => step(-1),
    resolve: () => act("toggle_status", { status: CONVERSATION_STATUS.RESOLVED }),
    assign_to_me: () => act("assignments", { assignee_id: userId }),
    focus_composer: () => focusComposer(),
    canned_responses: () => focusComposer({ slash: true }),
    help: showShortcutHelp,
  });
}
