// @ts-check
// The Application API as the dashboard uses it: session cookie plus CSRF token,
// paths relative to the signed-in account.

import { request } from "../kit/http.js";

/**
 * @typedef {object} DashboardApi
 * @property {(method: string, path: string, body?: any) => Promise<any>} request
 * @property {(path: string) => Promise<any>} get
 * @property {(path: string, body?: any) => Promise<any>} post
 * @property {(path: string, body?: any) => Promise<any>} patch
 * @property {(path: string) => Promise<any>} delete
 */

/**
 * @param {{account: {id: number}, csrfToken: string}} config
 * @returns {DashboardApi}
 */
export function createApi(config) {
  const accountBase = `/api/v1/accounts/${config.account.id}`;
  const options = { headers: { "X-CSRFToken": config.csrfToken }, credentials: /** @type {const} */ ("same-origin") };

  /** @type {DashboardApi["request"]} */
  function call(method, path, body) {
    const url = path.startsWith("/") ? path : `${accountBase}/${path}`;
    return request(method, url, body, options);
  }

  return {
    request: call,
    get: (path) => call("GET", path),
    post: (path, body = {}) => call("POST", path, body),
    patch: (path, body) => call("PATCH", path, body),
    delete: (path) => call("DELETE", path),
  };
}
