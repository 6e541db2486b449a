// @ts-check
// A contact's details, custom attributes and previous conversations, editable.

import { listOf } from "../kit/http.js";
import { avatar, formatDateTime, formatTime, h, replaceChildren, statusName, toast } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";

/**
 * @param {any} ctx the page context (app.js)
 * @param {HTMLElement} container
 * @param {{onSaved?: (contact: any) => void, onClose?: () => void}} [handlers]
 */
export function createContactPanel(ctx, container, { onSaved, onClose } = {}) {
  let contact = null;
  let conversations = [];
  let editing = false;
  let currentConversationId = null;

  async function show(contactId, { conversationId = null } = {}) {
    currentConversationId = conversationId;
    editing = false;
    if (!contact || contact.id !== contactId) {
      replaceChildren(container, h("p", { class: "muted pad" }, gettext("Loading contact…")));
    }
    try {
      const [data, history] = await Promise.all([
        ctx.api.get(`contacts/${contactId}`),
        ctx.api.get(`contacts/${contactId}/conversations`).catch(() => []),
      ]);
      contact = data.payload || data;
      conversations = listOf(history);
      render();
    } catch (error) {
      replaceChildren(container, h("p", { class: "muted pad" }, interpolate(gettext("Could not load the contact: %(reason)s"), { reason: error.message })));
    }
  }

  function update(fresh) {
    if (contact && fresh.id === contact.id && !editing) {
      contact = { ...contact, ...fresh };
      render();
    }
  }

  function render() {
    if (!contact) return;
    const online = ctx.presence.contacts[String(contact.id)] === "online";
    replaceChildren(
      container,
      h(
        "div",
        { class: "contact-card" },
        h(
          "div",
          { class: "contact-head" },
          avatar(contact.name, online ? "online" : "offline"),
          h("div", {}, h("h2", {}, contact.name || gettext("Visitor")), h("p", { class: "muted small" }, online ? gettext("Online now") : gettext("Offline"))),
          onClose ? h("button", { type: "button", class: "button small panel-close", onclick: onClose }, gettext("Close")) : null,
        ),
        editing ? editForm() : details(),
        previousConversations(),
      ),
    );
  }

  function details() {
    const rows = [
      [gettext("Email"), contact.email],
      [gettext("Phone"), contact.phone_number],
      [gettext("Identifier"), contact.identifier],
      [gettext("Created"), formatDateTime(contact.created_at)],
      [gettext("Last activity"), formatDateTime(contact.last_activity_at)],
    ];
    const custom = Object.entries(contact.custom_attributes || {});
    const additional = Object.entries(contact.additional_attributes || {}).filter(([, v]) => typeof v !== "object");
    return h(
      "div",
      {},
      h("dl", { class: "details" }, rows.flatMap(([label, value]) => [h("dt", {}, label), h("dd", {}, value || "—")])),
      h("h3", {}, gettext("Custom attributes")),
      custom.length
        ? h("dl", { class: "details" }, custom.flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, typeof v === "object" ? JSON.stringify(v) : String(v))]))
        : h("p", { class: "muted small" }, gettext("None yet.")),
      additional.length
        ? [h("h3", {}, gettext("Other details")), h("dl", { class: "details" }, additional.flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, String(v))]))]
        : null,
      h("button", { type: "button", class: "button", onclick: () => ((editing = true), render()) }, gettext("Edit contact")),
    );
  }

  function editForm() {
    const field = (label, name, value, type = "text") => {
      const id = `contact-${name}`;
      return [h("label", { for: id }, label), h("input", { id, name, type, value: value || "" })];
    };
    const attributes = Object.entries(contact.custom_attributes || {})
      .map(([k, v]) => `${k}: ${typeof v === "object" ? JSON.stringify(v) : v}`)
      .join("\n");
    const form = h(
      "form",
      { class: "stack", onsubmit: (event) => save(event, form) },
      field(gettext("Name"), "name", contact.name),
      field(gettext("Email"), "email", contact.email, "email"),
      field(gettext("Phone"), "phone_number", contact.phone_number, "tel"),
      h("label", { for: "contact-custom" }, gettext("Custom attributes (one “key: value” a line)")),
      h("textarea", { id: "contact-custom", name: "custom_attributes", rows: 4, value: attributes }),
      h(
        "div",
        { class: "row" },
        h("button", { type: "submit", class: "button primary" }, gettext("Save")),
        h("button", { type: "button", class: "button", onclick: () => ((editing = false), render()) }, gettext("Cancel")),
      ),
    );
    return form;
  }

  async function save(event, form) {
    event.preventDefault();
    const values = new FormData(form);
    const customAttributes = {};
    for (const line of String(values.get("custom_attributes") || "").split("\n")) {
      const at = line.indexOf(":");
      if (at > 0) customAttributes[line.slice(0, at).trim()] = line.slice(at + 1).trim();
    }
    const body = {
      name: values.get("name"),
      email: values.get("email") || null,
      phone_number: values.get("phone_number") || null,
      custom_attributes: customAttributes,
    };
    // An update merges custom attributes: the keys of deleted lines are
    // removed by a request of their own.
    const removed = Object.keys(contact.custom_attributes || {}).filter((key) => !Object.hasOwn(customAttributes, key));
    try {
      let data = await ctx.api.patch(`contacts/${contact.id}`, body);
      if (removed.length) data = await ctx.api.post(`contacts/${contact.id}/destroy_custom_attributes`, { custom_attributes: removed });
      contact = data.payload || data;
      editing = false;
      render();
      toast(gettext("Contact saved."));
      if (onSaved) onSaved(contact);
    } catch (error) {
      toast(interpolate(gettext("Could not save the contact: %(reason)s"), { reason: error.message }));
    }
  }

  function previousConversations() {
    const others = conversations.filter((c) => c.id !== currentConversationId);
    return h(
      "section",
      { class: "previous" },
      h("h3", {}, currentConversationId ? gettext("Previous conversations") : gettext("Conversations")),
      others.length
        ? h(
            "ul",
            { class: "plain-list" },
            others.map((c) =>
              h(
                "li",
                {},
                h("a", { href: `${ctx.base}/conversations/${c.id}` }, `#${c.id}`),
                ` · ${statusName(c.status)} · ${formatTime(c.last_activity_at)}`,
              ),
            ),
          )
        : h("p", { class: "muted small" }, gettext("None.")),
    );
  }

  return { show, update, render, clear: () => ((contact = null), replaceChildren(container)) };
}
