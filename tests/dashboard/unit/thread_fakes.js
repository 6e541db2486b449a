// @ts-check
// A stand-in for the dashboard's page context in the thread's unit tests: an
// API that records each request and answers from a table, and the signed-in
// agent.

/**
 * @typedef {{method: string, path: string, body?: any}} Call
 */

/**
 * `answers` by "METHOD path": a value to resolve with, an Error to reject
 * with, or a function of the body; anything else answers {}.
 * @param {Record<string, unknown>} [answers]
 */
export function fakeApi(answers = {}) {
  /** @type {Call[]} */
  const calls = [];
  /**
   * @param {string} method
   * @param {string} path
   * @param {any} [body]
   * @returns {Promise<any>}
   */
  function request(method, path, body) {
    calls.push({ method, path, body });
    let answer = answers[`${method} ${path}`];
    if (typeof answer === "function") answer = answer(body);
    if (answer instanceof Error) return Promise.reject(answer);
    return Promise.resolve(answer ?? {});
  }
  return {
    calls,
    request,
    /** @param {string} path */
    get: (path) => request("GET", path),
    /** @param {string} path @param {any} [body] */
    post: (path, body = {}) => request("POST", path, body),
    /** @param {string} path @param {any} [body] */
    patch: (path, body) => request("PATCH", path, body),
    /** @param {string} path */
    delete: (path) => request("DELETE", path),
  };
}

/**
 * The page context of agent 7, "Ada Agent", in account 1.
 * @param {ReturnType<typeof fakeApi>} api
 * @param {{isAdministrator?: boolean}} [options]
 * @returns {import("../../../dashboard/static/dashboard/context.js").DashboardContext}
 */
export function fakeContext(api, { isAdministrator = false } = {}) {
  /** @type {Set<(name: string, data: any) => void>} */
  const listeners = new Set();
  return {
    config: {
      page: "conversations",
      user: { id: 7, name: "Ada Agent", email: "ada@example.com", avatarUrl: "", locale: "en" },
      account: { id: 1, name: "Acme", role: "agent", availability: "online" },
      accounts: [{ id: 1, name: "Acme" }],
      languages: [["en", "English"]],
      pubsubToken: "token",
      csrfToken: "csrf",
    },
    // The fake answers every call the thread makes; its other methods are never reached.
    api: /** @type {any} */ (api),
    base: "/app/accounts/1",
    isAdministrator,
    presence: { users: {}, contacts: {}, pages: {}, known: false },
    /** @param {number} _id @param {string} [chosen] */
    userStatus: (_id, chosen = "offline") => chosen,
    /** @param {(name: string, data: any) => void} listener */
    on(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    /** @param {string} name @param {any} data */
    emit(name, data) {
      for (const listener of listeners) listener(name, data);
    },
  };
}

/** Let pending promise callbacks run. */
export function settle() {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * A keydown on `target`, as the browser sends it.
 * @param {EventTarget} target
 * @param {string} key
 * @param {{shiftKey?: boolean}} [options]
 */
export function press(target, key, { shiftKey = false } = {}) {
  const event = new KeyboardEvent("keydown", { key, shiftKey, bubbles: true, cancelable: true });
  target.dispatchEvent(event);
  return event;
}
