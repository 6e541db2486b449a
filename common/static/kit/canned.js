// @ts-check
// Canned responses in a composer: which ones match what was typed after `/`,
// and a response's content with its variables filled in; and where a
// completion (`/` or `@`) starts in the text.

/**
 * A canned response (`GET canned_responses`).
 * @typedef {object} CannedResponse
 * @property {number} id
 * @property {string} short_code
 * @property {string} content
 * @property {{id: number, file_name: string, data_url: string, file_type: string, content_type: string}[]} [attachments]
 */

// Chatwoot's variables: `{{contact.name}}`, spaces inside the braces allowed.
const VARIABLE = /\{\{\s*([a-z_]+\.[a-z_]+)\s*\}\}/g;

/**
 * `content` with each known variable replaced by its value; a variable
 * `values` does not know (or knows as null) stays as typed.
 * @param {string} content
 * @param {Record<string, string | number | null | undefined>} values by name, "contact.name"
 * @returns {string}
 */
export function fillVariables(content, values) {
  return content.replace(VARIABLE, (typed, name) => {
    const value = Object.hasOwn(values, name) ? values[name] : null;
    return value === null || value === undefined ? typed : String(value);
  });
}

/**
 * The responses whose short code or content holds `query` (any case),
 * those whose short code starts with it first, at most `limit`.
 * @param {CannedResponse[]} responses
 * @param {string} query
 * @param {number} [limit]
 * @returns {CannedResponse[]}
 */
export function matchCanned(responses, query, limit = 8) {
  const q = query.toLocaleLowerCase();
  const starts = [];
  const holds = [];
  for (const response of responses) {
    const code = response.short_code.toLocaleLowerCase();
    if (code.startsWith(q)) starts.push(response);
    else if (code.includes(q) || response.content.toLocaleLowerCase().includes(q)) holds.push(response);
  }
  return [...starts, ...holds].slice(0, limit);
}

/**
 * What is being completed at `caret`: `trigger` typed at a word's start,
 * then the word so far (no space yet).
 * @param {string} text
 * @param {number} caret
 * @param {string[]} triggers e.g. ["/", "@"]
 * @returns {{trigger: string, query: string, start: number} | null} `start` is the trigger's index
 */
export function completionAt(text, caret, triggers) {
  const before = text.slice(0, caret);
  const match = /(^|\s)(\S)(\S*)$/.exec(before);
  if (!match || !triggers.includes(match[2])) return null;
  return { trigger: match[2], query: match[3], start: caret - match[3].length - 1 };
}
