// @ts-check
// The account's agents under the conversation list, each with their availability.

import { availabilityName, h, replaceChildren } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";

/**
 * @param {(userId: number, chosen?: string) => string} userStatus an agent's availability now
 * @returns {{element: HTMLElement, update: (agents: import("./context.js").Agent[]) => void}}
 */
export function createAgentsPresence(userStatus) {
  const element = h("ul", { class: "agents-presence", "aria-label": gettext("Agents") });
  return {
    element,
    update(agents) {
      replaceChildren(
        element,
        agents.map((agent) => {
          const status = userStatus(agent.id, agent.availability_status);
          return h(
            "li",
            { title: interpolate(gettext("%(name)s: %(status)s"), { name: agent.name, status: availabilityName(status) }) },
            h("span", { class: `dot dot-${status}`, "aria-hidden": "true" }),
            h("span", {}, agent.available_name || agent.name),
            h("span", { class: "visually-hidden" }, `, ${availabilityName(status)}`),
          );
        }),
      );
    },
  };
}
