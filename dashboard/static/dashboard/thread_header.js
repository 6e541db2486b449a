// @ts-check
// The open conversation's header: who and where, status actions, snooze,
// assignment, team and labels.

import { CONVERSATION_STATUS } from "../kit/wire.js";
import { avatar, formatDateTime, h, replaceChildren, statusName } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";

const { OPEN, PENDING, RESOLVED, SNOOZED } = CONVERSATION_STATUS;

// `perform(action, body)` posts to the conversation's `action` endpoint.
export function createThreadHeader(ctx, { header, labelsRow, lookups, onBack, onToggleContact, perform }) {
  let key = "";

  // Draws the header and the labels row for conversation `c`.
  function render(c, { force = false } = {}) {
    const contact = (c.meta && c.meta.sender) || {};
    const online = ctx.presence.contacts[String(contact.id)] === "online";
    // Re-drawing closes an open select under the agent's cursor: only when
    // something shown here changed.
    const next = JSON.stringify([
      c.id, c.updated_at, c.status, c.snoozed_until, c.meta, c.labels, online,
      (lookups.agents || []).map((a) => [a.id, ctx.userStatus(a.id, a.availability_status)]),
      (lookups.teams || []).map((t) => t.id), (lookups.inboxes || []).length,
      (lookups.labels || []).map((l) => l.title),
    ]);
    if (!force && next === key && header.childElementCount) return;
    key = next;
    const inbox = (lookups.inboxes || []).find((i) => i.id === c.inbox_id);
    const statusActions = [];
    if (c.status === RESOLVED) {
      statusActions.push(h("button", { type: "button", class: "button primary", "data-capability": "resolve", onclick: () => perform("toggle_status", { status: OPEN }) }, gettext("Reopen")));
    } else {
      statusActions.push(h("button", { type: "button", class: "button primary", "data-capability": "resolve", onclick: () => perform("toggle_status", { status: RESOLVED }) }, gettext("Resolve")));
    }
    if (c.status !== PENDING) {
      statusActions.push(h("button", { type: "button", class: "button", "data-capability": "resolve", onclick: () => perform("toggle_status", { status: PENDING }) }, gettext("Mark pending")));
    }
    if (c.status !== OPEN && c.status !== RESOLVED) {
      statusActions.push(h("button", { type: "button", class: "button", "data-capability": "resolve", onclick: () => perform("toggle_status", { status: OPEN }) }, gettext("Reopen")));
    }
    replaceChildren(
      header,
      h("button", { type: "button", class: "button small back", onclick: onBack, "aria-label": gettext("Back to the list") }, "←"),
      h(
        "div",
        { class: "thread-title" },
        avatar(contact.name, online ? "online" : "offline"),
        h(
          "div",
          {},
          h("h2", {}, contact.name || gettext("Visitor")),
          h(
            "p",
            { class: "muted small" },
            `#${c.id}`,
            inbox ? ` · ${inbox.name}` : "",
            " · ",
            h("span", { class: `chip status-${c.status}` }, statusName(c.status)),
            c.status === SNOOZED && c.snoozed_until ? interpolate(gettext(" until %(time)s"), { time: formatDateTime(c.snoozed_until) }) : "",
          ),
        ),
      ),
      h("div", { class: "thread-actions" }, statusActions, snoozeControl(), assigneeSelect(c), teamSelect(c)),
      h("button", { type: "button", class: "button small contact-toggle", onclick: onToggleContact }, gettext("Contact")),
    );
    renderLabels(c);
  }

  function snoozeControl() {
    const custom = h("input", { type: "datetime-local", "aria-label": gettext("Snooze until"), class: "snooze-at", hidden: true });
    const go = h("button", { type: "button", class: "button small", hidden: true }, gettext("Snooze"));
    const select = h(
      "select",
      { "aria-label": gettext("Snooze"), class: "snooze" },
      h("option", { value: "" }, gettext("Snooze…")),
      h("option", { value: "hour" }, gettext("For an hour")),
      h("option", { value: "tomorrow" }, gettext("Until tomorrow 9:00")),
      h("option", { value: "week" }, gettext("Until next week")),
      h("option", { value: "custom" }, gettext("Pick a time…")),
    );
    select.addEventListener("change", () => {
      const at = snoozeTime(select.value);
      custom.hidden = go.hidden = select.value !== "custom";
      if (at) perform("toggle_status", { status: SNOOZED, snoozed_until: at });
    });
    go.addEventListener("click", () => {
      const at = custom.value ? Math.floor(new Date(custom.value).getTime() / 1000) : null;
      if (at) perform("toggle_status", { status: SNOOZED, snoozed_until: at });
    });
    return h("span", { class: "snooze-group", "data-capability": "resolve" }, select, custom, go);
  }

  function snoozeTime(choice) {
    const now = new Date();
    if (choice === "hour") return Math.floor(now.getTime() / 1000) + 3600;
    if (choice === "tomorrow" || choice === "week") {
      const at = new Date(now);
      at.setDate(at.getDate() + (choice === "week" ? 7 - ((now.getDay() + 6) % 7) : 1));
      at.setHours(9, 0, 0, 0);
      return Math.floor(at.getTime() / 1000);
    }
    return null;
  }

  function assigneeSelect(c) {
    const assignee = c.meta && c.meta.assignee;
    const select = h(
      "select",
      { "aria-label": gettext("Assigned agent"), class: "assignee-select", "data-capability": "transfer" },
      h("option", { value: "" }, gettext("Unassigned")),
      (lookups.agents || []).map((agent) => {
        const status = ctx.userStatus(agent.id, agent.availability_status);
        return h("option", { value: agent.id, selected: assignee && assignee.id === agent.id }, `${statusMark(status)} ${agent.available_name || agent.name}`);
      }),
    );
    if (assignee && !(lookups.agents || []).some((a) => a.id === assignee.id)) {
      select.append(h("option", { value: assignee.id, selected: true }, assignee.available_name || assignee.name));
    }
    select.addEventListener("change", () => perform("assignments", { assignee_id: select.value ? Number(select.value) : null }));
    return select;
  }

  function teamSelect(c) {
    const team = c.meta && c.meta.team;
    const select = h(
      "select",
      { "aria-label": gettext("Team"), class: "team-select", "data-capability": "transfer" },
      h("option", { value: "" }, gettext("No team")),
      (lookups.teams || []).map((t) => h("option", { value: t.id, selected: team && team.id === t.id }, t.name)),
    );
    select.addEventListener("change", () => perform("assignments", { team_id: select.value ? Number(select.value) : null }));
    return select;
  }

  // Agents pick among the account's labels; administrators manage those
  // (the labels API), so the control offers no new title.
  function renderLabels(c) {
    const labels = c.labels || [];
    const offered = (lookups.labels || []).map((l) => l.title).filter((title) => !labels.includes(title));
    const picker = h(
      "select",
      { "aria-label": gettext("Add label"), class: "label-select", "data-capability": "update_attributes", hidden: !offered.length },
      h("option", { value: "" }, gettext("Add label")),
      offered.map((title) => h("option", { value: title }, title)),
    );
    picker.addEventListener("change", () => {
      if (picker.value) perform("labels", { labels: [...labels, picker.value] });
    });
    replaceChildren(
      labelsRow,
      labels.map((label) =>
        h(
          "span",
          { class: "chip label" },
          label,
          h("button", { type: "button", class: "chip-remove", "aria-label": interpolate(gettext("Remove label %(label)s"), { label }), onclick: () => perform("labels", { labels: labels.filter((l) => l !== label) }) }, "×"),
        ),
      ),
      picker,
    );
  }

  return { render };
}

function statusMark(status) {
  return { online: "●", busy: "◐", offline: "○" }[status] || "○";
}
