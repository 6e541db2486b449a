// @ts-check
// Team chat's form for a new chat: whom with, a topic, the conversation it is
// about (the one open on the page, unless changed).

import { createPeoplePicker } from "./agent_chat_people.js";
import { h, reasonOf, toast } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";

/**
 * @param {import("./context.js").DashboardContext} ctx
 * @param {import("./context.js").Agent[]} agents the account's agents but the signed-in one
 * @param {(chat: import("./agent_chat_list.js").AgentChat) => void} onStarted
 * @returns {HTMLFormElement}
 */
export function newChatForm(ctx, agents, onStarted) {
  const people = createPeoplePicker(agents);
  const topic = h("input", { type: "text", "aria-label": gettext("Topic"), placeholder: gettext("Topic (optional)"), maxlength: 255 });
  const open = location.pathname.match(/\/conversations\/(\d+)$/);
  const about = h("input", { type: "number", min: 1, "aria-label": gettext("About conversation"), placeholder: gettext("About conversation #"), value: open ? open[1] : "" });

  /** @param {SubmitEvent} event */
  async function start(event) {
    event.preventDefault();
    const userIds = people.selectedIds();
    if (!userIds.length) return toast(gettext("Choose who to chat with."));
    try {
      onStarted(await ctx.api.post("agent_chats", { user_ids: userIds, topic: topic.value.trim(), ...(about.value && { conversation_id: Number(about.value) }) }));
    } catch (error) {
      toast(interpolate(gettext("Could not start the chat: %(reason)s"), reasonOf(error)));
    }
  }

  return h("form", { class: "agent-chat-new", onsubmit: start }, people.element, topic, about, h("button", { type: "submit", class: "button small primary" }, gettext("Start chat")));
}
