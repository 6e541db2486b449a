// The Application API as the dashboard uses it: session cookie plus CSRF token.

export class ApiError extends Error {
  constructor(status, body) {
    super(describe(body) || `Request failed (${status})`);
    this.status = status;
    this.body = body;
  }
}

function describe(body) {
  if (!body || typeof body !== "object") return "";
  if (typeof body.error === "string") return body.error;
  if (typeof body.message === "string") return body.message;
  return Object.entries(body)
    .map(([field, errors]) => `${field}: ${[].concat(errors).join(" ")}`)
    .join("; ");
}

export function createApi(config) {
  const accountBase = `/api/v1/accounts/${config.account.id}`;

  async function request(method, path, body) {
    const url = path.startsWith("/") ? path : `${accountBase}/${path}`;
    const options = {
      method,
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": config.csrfToken },
    };
    if (body instanceof FormData) {
      options.body = body;
    } else if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    const response = await fetch(url, options);
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

  return {
    request,
    get: (path) => request("GET", path),
    post: (path, body = {}) => request("POST", path, body),
    patch: (path, body) => request("PATCH", path, body),
    delete: (path) => request("DELETE", path),
  };
}

export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === null || value === undefined || value === "") continue;
    search.append(key, value);
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

export function listOf(data) {
  if (Array.isArray(data)) return data;
  if (data && Array.isArray(data.payload)) return data.payload;
  if (data && data.data && Array.isArray(data.data.payload)) return data.data.payload;
  return [];
}
