// @ts-check
// Administrator settings: inboxes (with the website snippet), agents, teams.

import { listOf } from "../kit/http.js";
import { availabilityName, h, reasonOf, replaceChildren, roleName, toast } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";

const SECTIONS = [
  ["inboxes", gettext("Inboxes")],
  ["agents", gettext("Agents")],
  ["teams", gettext("Teams")],
];

/** @typedef {import("./context.js").DashboardContext} DashboardContext */
/** @typedef {import("./context.js").Agent} Agent */

/**
 * An inbox (inboxes/serializers.py).
 * @typedef {object} Inbox
 * @property {number} id
 * @property {string} name
 * @property {"website" | "api" | string} channel
 * @property {string} inbox_identifier
 * @property {string | null} [website_url]
 * @property {string | null} [hmac_token]
 * @property {string} [web_widget_script] the embed snippet of a website inbox
 */

/**
 * Draw the section of the page's config in `main`.
 * @param {DashboardContext} ctx
 * @param {HTMLElement} main
 */
export function mount(ctx, main) {
  const section = ctx.config.section || "inboxes";
  const content = h("section", { class: "settings-content", "aria-labelledby": "settings-title" });
  replaceChildren(
    main,
    h(
      "div",
      { class: "settings-layout" },
      h(
        "nav",
        { class: "settings-nav", "aria-label": gettext("Settings") },
        SECTIONS.map(([key, label]) => h("a", { href: `${ctx.base}/settings/${key}`, "aria-current": key === section ? "page" : null }, label)),
      ),
      content,
    ),
  );
  /** @type {Record<string, (ctx: DashboardContext, content: HTMLElement) => void>} */
  const sections = { inboxes, agents, teams };
  sections[section](ctx, content);
}

/**
 * A labelled input, or a select when `props.options` is given.
 * @param {string} label
 * @param {string} name
 * @param {Record<string, unknown> & {options?: string[][]}} [props]
 * @returns {HTMLElement}
 */
function field(label, name, props = {}) {
  const id = `field-${name}`;
  const input = props.options
    ? h("select", { id, name }, props.options.map(([value, text]) => h("option", { value }, text)))
    : h("input", { id, name, type: "text", ...props });
  return h("div", { class: "field" }, h("label", { for: id }, label), input);
}

/**
 * The form's filled fields.
 * @param {HTMLFormElement} form
 * @returns {Record<string, FormDataEntryValue>}
 */
function formValues(form) {
  return Object.fromEntries([...new FormData(form)].filter(([, v]) => v !== ""));
}

/**
 * A list of agents with Remove buttons and a picker to add one more.
 * @param {DashboardContext} ctx
 * @param {object} options
 * @param {string} options.label what they are members of
 * @param {() => Promise<any>} options.load the members
 * @param {(ids: number[]) => Promise<unknown>} options.add
 * @param {(ids: number[]) => Promise<unknown>} options.remove
 * @returns {HTMLElement}
 */
function memberEditor(ctx, { label, load, add, remove }) {
  const box = h("div", { class: "members" });
  // Only the newest fetch may draw: an older one answering late would undo a change.
  let latest = 0;

  async function refresh() {
    const mine = ++latest;
    /** @type {[Agent[], Agent[]]} */
    const [members, agents] = await Promise.all([load().then(listOf), ctx.api.get("agents").then(listOf)]);
    if (mine !== latest) return;
    const memberIds = new Set(members.map((m) => m.id));
    // Invitations not yet accepted are listed with negative ids: nobody to add yet.
    const joined = agents.filter((a) => a.id > 0);
    const picker = h(
      "select",
      { "aria-label": interpolate(gettext("Add an agent to %(name)s"), { name: label }) },
      h("option", { value: "" }, gettext("Add an agent…")),
      joined.filter((a) => !memberIds.has(a.id)).map((a) => h("option", { value: a.id }, a.name)),
    );
    picker.addEventListener("change", () => picker.value && change(add, Number(picker.value)));
    replaceChildren(
      box,
      h(
        "ul",
        { class: "plain-list member-list" },
        members.map((m) =>
          h(
            "li",
            {},
            h("span", {}, m.name),
            h("button", { type: "button", class: "link-button", "aria-label": interpolate(gettext("Remove %(agent)s from %(name)s"), { agent: m.name, name: label }), onclick: () => change(remove, m.id) }, gettext("Remove")),
          ),
        ),
        members.length ? null : h("li", { class: "muted" }, gettext("No agents yet.")),
      ),
      picker,
    );
  }

  /**
   * @param {(ids: number[]) => Promise<unknown>} action
   * @param {number} userId
   */
  async function change(action, userId) {
    try {
      await action([userId]);
    } catch (error) {
      toast(interpolate(gettext("Could not change the members: %(reason)s"), reasonOf(error)));
    }
    await refresh();
  }

  refresh().catch((error) => toast(interpolate(gettext("Could not load the members: %(reason)s"), reasonOf(error))));
  return box;
}

// ---- Inboxes

/**
 * @param {DashboardContext} ctx
 * @param {HTMLElement} content
 */
function inboxes(ctx, content) {
  /** @type {number | null} */
  let selected = null;
  const list = h("ul", { class: "settings-list" });
  const detail = h("div", { class: "inbox-detail" });
  const form = h(
    "form",
    { class: "card stack", onsubmit: create },
    h("h2", {}, gettext("New website inbox")),
    field(gettext("Inbox name"), "name", { required: true, placeholder: gettext("Acme website") }),
    field(gettext("Website URL"), "website_url", { type: "url", placeholder: "https://www.example.com" }),
    field(gettext("Widget colour"), "widget_color", { type: "color", value: "#1f93ff" }),
    field(gettext("Welcome title"), "welcome_title", { placeholder: gettext("Hi there!") }),
    h("button", { type: "submit", class: "button primary" }, gettext("Create inbox")),
  );
  replaceChildren(content, h("h1", { id: "settings-title" }, gettext("Inboxes")), h("div", { class: "settings-grid" }, h("div", {}, list, detail), form));

  async function load() {
    /** @type {Inbox[]} */
    const all = listOf(await ctx.api.get("inboxes"));
    replaceChildren(
      list,
      all.map((inbox) =>
        h(
          "li",
          {},
          h("button", { type: "button", class: `list-button${selected === inbox.id ? " active" : ""}`, onclick: () => selected !== inbox.id && ((selected = inbox.id), load()) }, inbox.name, h("span", { class: "muted small" }, ` ${inbox.channel === "website" ? gettext("Website") : "API"}`)),
        ),
      ),
      all.length ? null : h("li", { class: "muted" }, gettext("No inboxes yet.")),
    );
    const inbox = all.find((i) => i.id === selected) || all[0];
    if (inbox) {
      selected = inbox.id;
      list.querySelectorAll(".list-button")[all.indexOf(inbox)].classList.add("active");
      showInbox(inbox);
    }
  }

  /** @param {Inbox} inbox */
  function showInbox(inbox) {
    const rows = [
      [gettext("Channel"), inbox.channel === "website" ? gettext("Website widget") : "API"],
      [gettext("Inbox identifier"), inbox.inbox_identifier],
      [gettext("Website URL"), inbox.website_url],
      [gettext("Identity verification secret (HMAC)"), inbox.hmac_token],
    ];
    /** @type {HTMLElement[]} */
    const parts = [h("h2", {}, inbox.name), h("dl", { class: "details" }, rows.flatMap(([k, v]) => [h("dt", {}, k), h("dd", { class: "mono" }, v || "—")]))];
    if (inbox.channel === "website") {
      const snippet = inbox.web_widget_script || "";
      const code = h("pre", { class: "snippet", id: "embed-snippet", tabindex: "0", "aria-label": gettext("Embed snippet") }, h("code", {}, snippet));
      const copy = h(
        "button",
        {
          type: "button",
          class: "button primary",
          onclick: async () => {
            try {
              await navigator.clipboard.writeText(snippet);
              copy.textContent = gettext("Copied");
            } catch {
              getSelection()?.selectAllChildren(code);
              copy.textContent = gettext("Selected: press Ctrl+C");
            }
            setTimeout(() => (copy.textContent = gettext("Copy snippet")), 2500);
          },
        },
        gettext("Copy snippet"),
      );
      parts.push(h("h3", {}, gettext("Embed the chat widget")), h("p", { class: "muted small" }, gettext("Paste this before </body> on every page of your website.")), code, copy);
    }
    parts.push(
      h("h3", {}, gettext("Agents working this inbox")),
      memberEditor(ctx, {
        label: inbox.name,
        load: () => ctx.api.get(`inbox_members/${inbox.id}`),
        add: (ids) => ctx.api.post("inbox_members", { inbox_id: inbox.id, user_ids: ids }),
        remove: (ids) => ctx.api.request("DELETE", "inbox_members", { inbox_id: inbox.id, user_ids: ids }),
      }),
    );
    replaceChildren(detail, h("div", { class: "card" }, parts));
  }

  /** @param {SubmitEvent} event */
  async function create(event) {
    event.preventDefault();
    try {
      const inbox = await ctx.api.post("inboxes", { ...formValues(form), channel_type: "website" });
      selected = inbox.id;
      form.reset();
      toast(interpolate(gettext("Inbox “%(name)s” created."), { name: inbox.name }));
      await load();
    } catch (error) {
      toast(interpolate(gettext("Could not create the inbox: %(reason)s"), reasonOf(error)));
    }
  }

  load().catch((error) => toast(interpolate(gettext("Could not load inboxes: %(reason)s"), reasonOf(error))));
}

// ---- Agents

/**
 * @param {DashboardContext} ctx
 * @param {HTMLElement} content
 */
function agents(ctx, content) {
  const table = h("tbody");
  const roles = ["agent", "administrator"].map((role) => [role, roleName(role)]);
  const form = h(
    "form",
    { class: "card stack", onsubmit: add },
    h("h2", {}, gettext("Add an agent")),
    field(gettext("Email"), "email", { type: "email", required: true }),
    field(gettext("Name"), "name"),
    field(gettext("Role"), "role", { options: roles }),
    h("button", { type: "submit", class: "button primary" }, gettext("Add agent")),
  );
  replaceChildren(
    content,
    h("h1", { id: "settings-title" }, gettext("Agents")),
    h(
      "div",
      { class: "settings-grid" },
      h("table", { class: "table" }, h("thead", {}, h("tr", {}, h("th", {}, gettext("Name")), h("th", {}, gettext("Email")), h("th", {}, gettext("Role")), h("th", {}, gettext("Status")), h("th", {}, h("span", { class: "visually-hidden" }, gettext("Actions"))))), table),
      form,
    ),
  );

  async function load() {
    /** @type {Agent[]} */
    const all = listOf(await ctx.api.get("agents"));
    replaceChildren(
      table,
      all.map((agent) => {
        const status = ctx.userStatus(agent.id, agent.availability_status);
        const role = h("select", { "aria-label": interpolate(gettext("Role of %(name)s"), { name: agent.name }) }, roles.map(([value, text]) => h("option", { value, selected: value === agent.role }, text)));
        role.addEventListener("change", async () => {
          try {
            await ctx.api.patch(`agents/${agent.id}`, { role: role.value });
            toast(interpolate(role.value === "agent" ? gettext("%(name)s is now an agent.") : gettext("%(name)s is now an administrator."), { name: agent.name }));
          } catch (error) {
            role.value = agent.role || "agent";
            toast(interpolate(gettext("Could not change the role: %(reason)s"), reasonOf(error)));
          }
        });
        const remove = h("button", { type: "button", class: "button small danger", disabled: agent.id === ctx.config.user.id }, gettext("Remove"));
        remove.addEventListener("click", async () => {
          if (!confirm(interpolate(gettext("Remove %(name)s from this account?"), { name: agent.name }))) return;
          try {
            await ctx.api.delete(`agents/${agent.id}`);
            await load();
          } catch (error) {
            toast(interpolate(gettext("Could not remove: %(reason)s"), reasonOf(error)));
          }
        });
        return h(
          "tr",
          {},
          h("td", {}, agent.name, agent.confirmed === false ? h("span", { class: "chip" }, gettext("invited")) : null),
          h("td", {}, agent.email),
          h("td", {}, role),
          h("td", {}, h("span", { class: `dot dot-${status}`, "aria-hidden": "true" }), ` ${availabilityName(status)}`),
          h("td", {}, remove),
        );
      }),
    );
  }

  /** @param {SubmitEvent} event */
  async function add(event) {
    event.preventDefault();
    try {
      const agent = await ctx.api.post("agents", formValues(form));
      form.reset();
      // Everyone joins by accepting, so the new row reads "invited".
      toast(interpolate(gettext("%(name)s is invited."), { name: agent.name || agent.email }));
      await load();
    } catch (error) {
      toast(interpolate(gettext("Could not add the agent: %(reason)s"), reasonOf(error)));
    }
  }

  ctx.on((name) => {
    if (name === "presence.changed") load().catch(() => {});
  });
  load().catch((error) => toast(interpolate(gettext("Could not load agents: %(reason)s"), reasonOf(error))));
}

// ---- Teams

/**
 * @param {DashboardContext} ctx
 * @param {HTMLElement} content
 */
function teams(ctx, content) {
  const list = h("div", { class: "team-list" });
  const form = h(
    "form",
    { class: "card stack", onsubmit: create },
    h("h2", {}, gettext("New team")),
    field(gettext("Team name"), "name", { required: true }),
    field(gettext("Description"), "description"),
    h("button", { type: "submit", class: "button primary" }, gettext("Create team")),
  );
  replaceChildren(content, h("h1", { id: "settings-title" }, gettext("Teams")), h("div", { class: "settings-grid" }, list, form));

  async function load() {
    /** @type {{id: number, name: string, description?: string}[]} */
    const all = listOf(await ctx.api.get("teams"));
    const cards = all.map((team) =>
      h(
        "div",
        { class: "card" },
        h("h2", {}, team.name),
        team.description ? h("p", { class: "muted" }, team.description) : null,
        memberEditor(ctx, {
          label: team.name,
          load: () => ctx.api.get(`teams/${team.id}/team_members`),
          add: (ids) => ctx.api.post(`teams/${team.id}/team_members`, { user_ids: ids }),
          remove: (ids) => ctx.api.request("DELETE", `teams/${team.id}/team_members`, { user_ids: ids }),
        }),
      ),
    );
    replaceChildren(list, cards, all.length ? null : h("p", { class: "muted" }, gettext("No teams yet.")));
  }

  /** @param {SubmitEvent} event */
  async function create(event) {
    event.preventDefault();
    try {
      await ctx.api.post("teams", formValues(form));
      form.reset();
      await load();
    } catch (error) {
      toast(interpolate(gettext("Could not create the team: %(reason)s"), reasonOf(error)));
    }
  }

  load().catch((error) => toast(interpolate(gettext("Could not load teams: %(reason)s"), reasonOf(error))));
}
