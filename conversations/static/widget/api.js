// The widget's JSON calls, authenticated by the visitor's signed session token.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export class WidgetApi {
  constructor({ base, websiteToken }) {
    this.base = base;
    this.websiteToken = websiteToken;
    this.sessionToken = null;
  }

  async call(method, path, body) {
    const url = `${this.base}/${path}${path.includes("?") ? "&" : "?"}website_token=${encodeURIComponent(this.websiteToken)}`;
    const headers = { Accept: "application/json" };
    if (this.sessionToken) headers["X-Widget-Session"] = this.sessionToken;
    if (body && !(body instanceof FormData)) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(url, { method, headers, body, credentials: "omit" });
    } catch (error) {
      throw new ApiError(0, error.message || "Network error");
    }
    if (response.status === 204) return null;
    const data = await response.json().catch(() => ({}));
    if (!response.ok) {
      throw new ApiError(response.status, data.error || `HTTP ${response.status}`);
    }
    return data;
  }

  resumeSession() { return this.call("GET", "session"); }
  startSession() { return this.call("POST", "session"); }
  messages(params = {}) {
    const query = new URLSearchParams(params).toString();
    return this.call("GET", query ? `messages?${query}` : "messages");
  }
  sendMessage({ content, echoId, file }) {
    if (!file) return this.call("POST", "messages", { content, echo_id: echoId });
    const form = new FormData();
    form.append("content", content || "");
    form.append("echo_id", echoId);
    form.append("attachments[]", file, file.name);
    return this.call("POST", "messages", form);
  }
  submitEmail(messageId, email) {
    return this.call("POST", `messages/${messageId}/email`, { email });
  }
  requestEmail() { return this.call("POST", "request_email"); }
  identify(details) { return this.call("POST", "contact/identify", details); }
  setCustomAttributes(attributes) {
    return this.call("POST", "contact/custom_attributes", { custom_attributes: attributes });
  }
  setLabel(label) { return this.call("POST", "labels", { label }); }
  typing(on) { return this.call("POST", "typing", { typing_status: on ? "on" : "off" }); }
  markSeen() { return this.call("POST", "last_seen"); }
}
