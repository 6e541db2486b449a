// @ts-check
// What /cable tells the chat window: agents' presence, messages created and
// updated, an agent typing, the place in line, the conversation's changes.
import { CONVERSATION_EVENTS, EVENT, MESSAGE_TYPE } from "../kit/wire.js";
import { keepingEnd } from "./page.js";

/**
 * @typedef {object} EventParts
 * @property {import("./state.js").WidgetConfig} config
 * @property {import("./state.js").WidgetState} state
 * @property {import("./thread.js").Thread} thread
 * @property {ReturnType<typeof import("./header.js").createHeader>} header
 * @property {ReturnType<typeof import("./agent_typing.js").createAgentTyping>} agentTyping
 * @property {ReturnType<typeof import("./calls.js").createCalls>} calls
 * @property {(added: import("../kit/wire.js").Message[]) => void} noteNew
 * @property {() => void} scheduleEmailPrompt
 * @property {(conversation: import("../kit/wire.js").Conversation) => void} setConversation
 */

/** Who answers the visitor: an agent, or an agent bot. */
const ANSWERERS = new Set(["user", "agent_bot"]);

/**
 * The handler of each /cable event of the visitor's room.
 * @param {EventParts} parts
 * @returns {(name: string, data: any) => void}
 */
export function createEventHandler({ config, state, thread, header, agentTyping, calls, noteNew, scheduleEmailPrompt, setConversation }) {
  const agents = new Set(config.agentIds);
  /** @param {string} name the event @param {any} data its payload */
  return (name, data) => {
    if (calls.handle(name, data)) return;
    if (name === EVENT.PRESENCE_UPDATE) {
      const users = /** @type {Record<string, string>} */ (data.users || {});
      header.setAvailability(Object.entries(users).some(([id, status]) => agents.has(id) && status === "online"));
    } else if (name === EVENT.MESSAGE_CREATED || name === EVENT.MESSAGE_UPDATED) {
      if (state.conversation && data.conversation_id !== state.conversation.id) return;
      keepingEnd(() => noteNew(thread.merge([data])));
      if (data.message_type === MESSAGE_TYPE.OUTGOING) agentTyping.hide();
      scheduleEmailPrompt();
    } else if (name === EVENT.CONVERSATION_TYPING_ON || name === EVENT.CONVERSATION_TYPING_OFF) {
      // An agent or the inbox's bot: the visitor hears either typing.
      if (data.is_private || !data.user || !ANSWERERS.has(data.user.type)) return;
      if (name === EVENT.CONVERSATION_TYPING_ON) agentTyping.show(data.user);
      else agentTyping.hide();
    } else if (name === EVENT.QUEUE_POSITION) {
      header.showQueue(data);
    } else if (CONVERSATION_EVENTS.has(name)) {
      if (!state.conversation || data.id === state.conversation.id) setConversation(data);
    }
  };
}
