// @ts-check
// A line OneChat writes into a conversation ("Anna joined the chat", "Rating:
// 4/5") names its kind and parameters in `content_attributes.i18n`
// (conversations/lines.py). Each front end draws it from its own catalogue,
// and the message's `content` (in the account's language) for a kind it does
// not know or a message without the key.

/** @typedef {import("./wire.js").Message} Message */
/** @typedef {Record<string, string | number>} LineParams */

/**
 * The kind and parameters of a line OneChat wrote, or null for any other
 * message. Only text and number parameters are kept.
 * @param {Message} message
 * @returns {{kind: string, params: LineParams} | null}
 */
export function writtenLine(message) {
  const line = (message.content_attributes || {}).i18n;
  if (!line || typeof line !== "object" || typeof line.kind !== "string") return null;
  /** @type {LineParams} */
  const params = {};
  const given = line.params && typeof line.params === "object" ? line.params : {};
  for (const [name, value] of Object.entries(given)) {
    if (typeof value === "string" || typeof value === "number") params[name] = value;
  }
  return { kind: line.kind, params };
}

/**
 * A message's words in the reader's language: for a line OneChat wrote whose
 * kind `templates` holds, `fill(template, params)`; else its `content`.
 * @param {Message} message
 * @param {Record<string, string>} templates kind -> the front end's template (or catalogue key)
 * @param {(template: string, params: LineParams) => string} fill
 * @returns {string}
 */
export function lineText(message, templates, fill) {
  const line = writtenLine(message);
  if (line && Object.hasOwn(templates, line.kind)) return fill(templates[line.kind], line.params);
  return message.content || "";
}

/**
 * The message as the reader should see it: a line OneChat wrote gets its
 * words from `lineText` and loses the server's drawn body (in the account's
 * language); any other message is returned as it is.
 * @param {Message} message
 * @param {Record<string, string>} templates
 * @param {(template: string, params: LineParams) => string} fill
 * @returns {Message}
 */
export function inReaderLanguage(message, templates, fill) {
  if (!writtenLine(message)) return message;
  return { ...message, content: lineText(message, templates, fill), processed_message_content: null };
}
