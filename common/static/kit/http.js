// @ts-check
// JSON over HTTP for both front ends: a refused call throws an ApiError that
// carries the server's `{"error": ...}` message.

/** A call the server (or the network, status 0) refused. */
export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {any} body the decoded answer, if any
   */
  constructor(status, body) {
    super(describe(body) || `Request failed (${status})`);
    this.status = status;
    this.body = body;
  }
}

/**
 * The message to show for an error body: `error`, `message`, or DRF's field errors.
 * @param {any} body
 * @returns {string}
 */
function describe(body) {
  if (!body || typeof body !== "object") return "";
  if (typeof body.error === "string") return body.error;
  if (typeof body.message === "string") return body.message;
  return Object.entries(body)
    .map(([field, errors]) => `${field}: ${[].concat(errors).join(" ")}`)
    .join("; ");
}

/**
 * @typedef {object} RequestOptions
 * @property {Record<string, string>} [headers]
 * @property {RequestCredentials} [credentials]
 */

/**
 * Call `url` with `body` as JSON (or as is, for FormData); resolve to the
 * decoded answer, null when empty.
 * @param {string} method
 * @param {string} url
 * @param {any} [body]
 * @param {RequestOptions} [options]
 * @returns {Promise<any>}
 * @throws {ApiError}
 */
export async function request(method, url, body, { headers = {}, credentials = "same-origin" } = {}) {
  /** @type {RequestInit & {headers: Record<string, string>}} */
  const init = { method, credentials, headers: { Accept: "application/json", ...headers } };
  if (body instanceof FormData) {
    init.body = body;
  } else if (body !== undefined && body !== null) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    throw new ApiError(0, { error: /** @type {{message?: string}} */ (error).message || "Network error" });
  }
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = { error: text.slice(0, 200) };
  }
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

/**
 * A query string (with its `?`) of the parameters that have a value.
 * @param {Record<string, string | number | boolean | null | undefined>} params
 * @returns {string}
 */
export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === null || value === undefined || value === "") continue;
    search.append(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

/**
 * The items of a list answer, whichever of Chatwoot's list shapes it has.
 * @param {any} data
 * @returns {any[]}
 */
export function listOf(data) {
  if (Array.isArray(data)) return data;
  if (data && Array.isArray(data.payload)) return data.payload;
  if (data && data.data && Array.isArray(data.data.payload)) return data.data.payload;
  return [];
}

/** What a read superseded by a later one answers instead of its value. */
export const STALE = Symbol("stale");

/**
 * A gate for one list's reads: it passes each read's answer on, or `STALE`
 * once a later read began. A section reads its list on opening and again
 * after each save; a slow first read must not draw over the newer list.
 * @returns {<T>(reading: Promise<T>) => Promise<T | typeof STALE>}
 */
export function newestOnly() {
  let reads = 0;
  /**
   * @template T
   * @param {Promise<T>} reading
   * @returns {Promise<T | typeof STALE>}
   */
  async function gate(reading) {
    const mine = ++reads;
    const answer = await reading;
    return mine === reads ? answer : STALE;
  }
  return gate;
}
