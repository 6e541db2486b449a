// @ts-check
// The form of a collaboration action on the open conversation: transfer (to
// an agent or a team, with a handoff note), invite, or consult (with a note).

import { h, reasonOf, toast } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";

/** @typedef {"transfer" | "invite" | "consult"} FormAction */

/**
 * @typedef {object} FormWords
 * @property {string} label its button
 * @property {string} agent the name of its agent picker
 * @property {string} failure
 */

/**
 * @param {import("./context.js").DashboardContext} ctx
 * @param {FormAction} name
 * @param {object} options
 * @param {number | null} options.conversationId
 * @param {FormWords} options.words
 * @param {number[]} options.taking who takes part already: not offered
 * @param {import("./context.js").Lookups} options.lookups
 * @param {() => Promise<void> | void} options.onDone the action went through
 * @returns {HTMLFormElement}
 */
export function collabForm(ctx, name, { conversationId, words, taking, lookups, onDone }) {
  const agent = agentSelect(ctx.config.user.id, words.agent, taking, lookups.agents || []);
  const team =
    name === "transfer"
      ? h("select", { "aria-label": gettext("Transfer to team"), class: "collab-team" }, h("option", { value: "" }, gettext("No team")), (lookups.teams || []).map((t) => h("option", { value: t.id }, t.name)))
      : null;
  const note =
    name === "invite"
      ? null
      : h("textarea", { rows: 2, class: "collab-note", "aria-label": gettext("Handoff note"), placeholder: name === "transfer" ? gettext("Handoff note for the receiver") : gettext("What you would like a second opinion on") });

  /** @param {SubmitEvent} event */
  async function submit(event) {
    event.preventDefault();
    const userId = agent.value ? Number(agent.value) : null;
    const teamId = team && team.value ? Number(team.value) : null;
    if (!userId && !teamId) return toast(gettext("Choose an agent first."));
    const text = note ? note.value.trim() : "";
    const path = `conversations/${conversationId}`;
    const requests = {
      transfer: () => ctx.api.post(`${path}/transfer`, { ...(userId && { assignee_id: userId }), ...(teamId && { team_id: teamId }), note: text }),
      invite: () => ctx.api.post(`${path}/participants`, { user_ids: [userId] }),
      consult: () => ctx.api.post(`${path}/consult`, { user_id: userId, note: text }),
    };
    try {
      await requests[name]();
      await onDone();
    } catch (error) {
      toast(interpolate(words.failure, reasonOf(error)));
    }
  }

  return h("form", { class: `collab-form collab-${name}`, onsubmit: submit }, agent, team, note, h("button", { type: "submit", class: "button primary small" }, words.label));
}

/**
 * The agents who may be asked: not the signed-in one, nor anyone taking part.
 * @param {number} userId
 * @param {string} label
 * @param {number[]} taking
 * @param {import("./context.js").Agent[]} agents
 * @returns {HTMLSelectElement}
 */
function agentSelect(userId, label, taking, agents) {
  return h(
    "select",
    { "aria-label": label, class: "collab-agent" },
    h("option", { value: "" }, gettext("Choose an agent…")),
    agents.filter((a) => a.id !== userId && !taking.includes(a.id)).map((a) => h("option", { value: a.id }, a.available_name || a.name)),
  );
}
