// @ts-check
// A contact's details, custom attributes and previous conversations, editable.

import { listOf } from "../kit/http.js";
import { definitionsOf } from "./attribute_values.js";
import { contactLabels } from "./contact_labels.js";
import { conversationAttributes } from "./conversation_attributes.js";
import { contactDetails, contactEditForm, previousConversations } from "./contact_details.js";
import { contactPrivacyActions } from "./data_transfer.js";
import { avatar, h, reasonOf, replaceChildren, toast } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";

/** @typedef {import("./contact_details.js").Contact} Contact */

/**
 * @param {import("./context.js").DashboardContext} ctx the page context (app.js)
 * @param {HTMLElement} container
 * @param {{onSaved?: (contact: Contact) => void, onClose?: () => void}} [handlers]
 */
export function createContactPanel(ctx, container, { onSaved, onClose } = {}) {
  /** @type {Contact | null} */
  let contact = null;
  /** @type {import("../kit/wire.js").Conversation[]} */
  let conversations = [];
  let editing = false;
  /** @type {number | null} */
  let currentConversationId = null;
  /** @type {HTMLElement | null} the shown contact's labels, kept across redraws */
  let labels = null;
  /** @type {import("./settings_attributes.js").AttributeDefinition[]} */
  let definitions = [];
  /** @type {{id: number, block: HTMLElement} | null} the open conversation's attributes, kept across redraws */
  let attributes = null;

  /**
   * Load and show contact `contactId`.
   * @param {number} contactId
   * @param {{conversationId?: number | null}} [options] the conversation open beside it
   */
  async function show(contactId, { conversationId = null } = {}) {
    currentConversationId = conversationId;
    editing = false;
    if (!contact || contact.id !== contactId) {
      replaceChildren(container, h("p", { class: "muted pad" }, gettext("Loading contact…")));
    }
    try {
      const [data, history, defined] = await Promise.all([
        ctx.api.get(`contacts/${contactId}`),
        ctx.api.get(`contacts/${contactId}/conversations`).catch(() => []),
        definitionsOf(ctx, "contact_attribute"),
      ]);
      definitions = defined;
      if (conversationId && attributes?.id !== conversationId) attributes = { id: conversationId, block: conversationAttributes(ctx, conversationId) };
      if (!conversationId) attributes = null;
      if (!labels || !contact || contact.id !== contactId) labels = contactLabels(ctx, contactId);
      contact = data.payload || data;
      conversations = listOf(history);
      render();
    } catch (error) {
      replaceChildren(container, h("p", { class: "muted pad" }, interpolate(gettext("Could not load the contact: %(reason)s"), reasonOf(error))));
    }
  }

  /** @param {Contact} fresh a contact.updated payload: taken unless being edited */
  function update(fresh) {
    if (contact && fresh.id === contact.id && !editing) {
      contact = { ...contact, ...fresh };
      render();
    }
  }

  /** @param {boolean} on */
  function setEditing(on) {
    editing = on;
    render();
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
        editing
          ? contactEditForm(contact, { onSave: save, onCancel: () => setEditing(false) }, definitions)
          : contactDetails(contact, () => setEditing(true), definitions),
        labels,
        attributes ? attributes.block : null,
        contactPrivacyActions(ctx, contact, erased),
        previousConversations(conversations, { base: ctx.base, currentConversationId }),
      ),
    );
  }

  /** @param {Contact} fresh the contact as the erasure left it */
  function erased(fresh) {
    contact = fresh;
    // The erasure took the labels away too.
    labels = contactLabels(ctx, fresh.id);
    render();
    if (onSaved) onSaved(fresh);
  }

  /** @param {import("./contact_details.js").ContactChanges} changes */
  async function save(changes) {
    if (!contact) return;
    const { id } = contact;
    // An update merges custom attributes: the keys of deleted lines are
    // removed by a request of their own.
    const removed = Object.keys(contact.custom_attributes || {}).filter((key) => !Object.hasOwn(changes.custom_attributes, key));
    try {
      let data = await ctx.api.patch(`contacts/${id}`, changes);
      if (removed.length) data = await ctx.api.post(`contacts/${id}/destroy_custom_attributes`, { custom_attributes: removed });
      contact = /** @type {Contact} */ (data.payload || data);
      setEditing(false);
      toast(gettext("Contact saved."));
      if (onSaved) onSaved(contact);
    } catch (error) {
      toast(interpolate(gettext("Could not save the contact: %(reason)s"), reasonOf(error)));
    }
  }

  return { show, update, render, clear: () => ((contact = null), (labels = null), (attributes = null), replaceChildren(container)) };
}
