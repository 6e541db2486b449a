// @ts-check
// The widget's JSON calls, authenticated by the visitor's signed session token.

import { query, request } from "../kit/http.js";

/** @typedef {import("../kit/wire.js").Message} Message */

export class WidgetApi {
  /** @param {{base: string, websiteToken: string}} options */
  constructor({ base, websiteToken }) {
    this.base = base;
    this.websiteToken = websiteToken;
    /** @type {string | null} */
    this.sessionToken = null;
  }

  /**
   * @param {string} method
   * @param {string} path
   * @param {Record<string, any>} [params] the query string, beside website_token
   * @param {any} [body]
   */
  call(method, path, params = {}, body = undefined) {
    const url = `${this.base}/${path}${query({ ...params, website_token: this.websiteToken })}`;
    /** @type {Record<string, string>} */
    const headers = {};
    if (this.sessionToken) headers["X-Widget-Session"] = this.sessionToken;
    return request(method, url, body, { headers, credentials: "omit" });
  }

  resumeSession() { return this.call("GET", "session"); }
  startSession() { return this.call("POST", "session"); }
  /** @param {{after?: number, before?: number}} [params] */
  messages(params = {}) { return this.call("GET", "messages", params); }
  /**
   * A message from the visitor; `inReplyTo` quotes a message of the conversation.
   * @param {{content: string, echoId: string, file?: File | null, inReplyTo?: number | null}} message
   * @returns {Promise<Message>}
   */
  sendMessage({ content, echoId, file, inReplyTo = null }) {
    if (!file) {
      /** @type {Record<string, any>} */
      const body = { content, echo_id: echoId };
      if (inReplyTo) body.content_attributes = { in_reply_to: inReplyTo };
      return this.call("POST", "messages", {}, body);
    }
    const form = new FormData();
    form.append("content", content || "");
    form.append("echo_id", echoId);
    if (inReplyTo) form.append("content_attributes", JSON.stringify({ in_reply_to: inReplyTo }));
    form.append("attachments[]", file, file.name);
    return this.call("POST", "messages", {}, form);
  }
  /**
   * Where the visitor is, as a location message.
   * @param {{latitude: number, longitude: number}} place
   * @param {number | null} [inReplyTo]
   * @returns {Promise<Message>}
   */
  sendLocation({ latitude, longitude }, inReplyTo = null) {
    /** @type {Record<string, any>} */
    const attributes = { latitude, longitude };
    if (inReplyTo) attributes.in_reply_to = inReplyTo;
    return this.call("POST", "messages", {}, { content: "", content_type: "location", content_attributes: attributes });
  }
  /**
   * The visitor's reaction to a message; "" takes it back.
   * @param {number} messageId
   * @param {string} emoji
   * @returns {Promise<Message>}
   */
  react(messageId, emoji) {
    return this.call("POST", "messages", {}, {
      content: emoji,
      content_type: "reaction",
      content_attributes: { in_reply_to: messageId },
    });
  }
  /**
   * The visitor's answer to a question (menu, form, cards, survey).
   * @param {number} messageId
   * @param {any} submittedValues
   * @returns {Promise<Message>} the answered question
   */
  answer(messageId, submittedValues) {
    return this.call("PATCH", `messages/${messageId}`, {}, { submitted_values: submittedValues });
  }
  /**
   * @param {number} messageId
   * @param {string} email
   * @returns {Promise<Message>}
   */
  submitEmail(messageId, email) {
    return this.call("POST", `messages/${messageId}/email`, {}, { submitted_email: email });
  }
  requestEmail() { return this.call("POST", "request_email"); }
  /** @param {Record<string, any>} details */
  identify(details) { return this.call("POST", "contact/identify", {}, details); }
  /** @param {Record<string, any>} attributes */
  setCustomAttributes(attributes) {
    return this.call("POST", "contact/custom_attributes", {}, { custom_attributes: attributes });
  }
  /**
   * Open the conversation with the pre-chat form's answers and the first message.
   * @param {{contact: Record<string, any>, custom_attributes: Record<string, any>, message: {content: string}}} answers
   */
  startConversation(answers) { return this.call("POST", "conversations", {}, answers); }
  /** @param {Record<string, any>} attributes merged into the conversation's */
  setConversationCustomAttributes(attributes) {
    return this.call("POST", "conversations/set_custom_attributes", {}, { custom_attributes: attributes });
  }
  /** @param {string} label */
  setLabel(label) { return this.call("POST", "labels", {}, { label }); }
  /** @param {boolean} on */
  typing(on) { return this.call("POST", "typing", {}, { typing_status: on ? "on" : "off" }); }
  markSeen() { return this.call("POST", "last_seen"); }
  /**
   * Tell the inbox's webhooks what the visitor did (`webwidget.triggered`:
   * opened the widget), when and on which page, in the widget's language.
   * @param {string} name
   */
  triggerEvent(name) {
    const eventInfo = { initiated_at: { timestamp: new Date().toString() }, referer: document.referrer };
    return this.call("POST", "events", { locale: document.documentElement.lang }, { name, event_info: eventInfo });
  }
  endChat() { return this.call("POST", "conversations/toggle_status"); }
  /** Have the conversation's transcript mailed to the contact's email, in the widget's language. */
  emailTranscript() { return this.call("POST", "conversations/transcript", { locale: document.documentElement.lang }); }
}
