// @ts-check
/* OneChat embed SDK: a launcher bubble on the host page and the chat window in
   an iframe served by OneChat. Everything lives in a shadow root under a host
   element whose inline styles reset the page's CSS, so the site cannot break it. */
(function () {
  "use strict";
  if (window.onechatSDK) return;

  var CSS =
    ":host{all:initial!important}" +
    "*{box-sizing:border-box}" +
    ".bubble{all:initial;position:fixed;bottom:20px;z-index:1;width:60px;height:60px;border-radius:50%;" +
    "background:var(--accent,#1f93ff);" +
    "box-shadow:0 6px 20px rgba(0,0,0,.22);cursor:pointer;display:flex;align-items:center;justify-content:center;" +
    "color:var(--on-accent,#fff);transition:transform .15s}" +
    ".bubble:hover{transform:scale(1.05)}" +
    ".bubble:focus-visible{outline:3px solid #111;outline-offset:3px}" +
    ".bubble svg{width:28px;height:28px;display:block}" +
    ".badge{all:initial;position:absolute;top:-2px;right:-2px;min-width:20px;height:20px;padding:0 6px;" +
    "border-radius:10px;background:#d92d20;color:#fff;font:700 12px/20px system-ui,sans-serif;text-align:center}" +
    ".badge[hidden]{display:none}" +
    ".frame{all:initial;position:fixed;bottom:92px;z-index:2;width:380px;height:min(640px,calc(100vh - 112px));" +
    "border:0;border-radius:16px;background:#fff;box-shadow:0 12px 48px rgba(0,0,0,.25);display:block;" +
    "visibility:hidden;opacity:0;transform:translateY(12px);transition:opacity .16s,transform .16s,visibility 0s .16s}" +
    ".open .frame{visibility:visible;opacity:1;transform:none;transition:opacity .16s,transform .16s}" +
    ".left .bubble,.left .frame{left:20px}.right .bubble,.right .frame{right:20px}" +
    "@media (max-width:500px){.frame{inset:0!important;width:100%;height:100%;border-radius:0}" +
    ".open .bubble{display:none}}";
  var CHAT_ICON =
    '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path fill="currentColor" d="M12 3C6.5 3 2 6.8 2 11.5c0 2.4 1.2 4.6 3.1 6.1L4.3 21l3.9-2.1c1.2.4 2.5.6 3.8.6 5.5 0 10-3.8 10-8.5S17.5 3 12 3z"/></svg>';
  var CLOSE_ICON =
    '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M6 6l12 12M18 6L6 18" stroke="currentColor" stroke-width="2.4" stroke-linecap="round"/></svg>';
  var HOST_STYLE =
    "all:initial!important;display:block!important;position:fixed!important;z-index:2147483000!important;" +
    "width:0!important;height:0!important;bottom:0!important;right:0!important;overflow:visible!important;" +
    "visibility:visible!important;opacity:1!important;transform:none!important;filter:none!important";

  /**
   * @typedef {{ launcher: string, close: string, chatWindow: string }} Labels
   * @typedef {{ type: string, source?: string, id?: number, [field: string]: unknown }} Outgoing
   * @typedef {{ resolve: (value?: unknown) => void, reject: (error: Error) => void }} Pending
   * @typedef {object} Widget
   * @property {Record<string, any>} settings `window.onechatSettings`
   * @property {string} origin the OneChat server's origin, the only one the frame may talk with
   * @property {HTMLElement} host
   * @property {HTMLDivElement} box
   * @property {HTMLIFrameElement} frame
   * @property {HTMLButtonElement} bubble
   * @property {HTMLSpanElement} badge
   * @property {Labels} labels
   * @property {boolean} ready
   * @property {boolean} isOpen
   * @property {Outgoing[]} queue calls made before the frame is ready
   * @property {Record<number, Pending>} calls calls waiting for their result, by id
   * @property {number} nextId
   * @property {ReturnType<typeof setTimeout> | undefined} timeout
   */

  /** @param {string} message */
  function log(message) {
    if (window.console) window.console.error("OneChat: " + message);
  }

  /**
   * The server's address and origin, or undefined (after saying why) when
   * `run` cannot go on.
   * @param {{ baseUrl?: string, websiteToken?: string }} options
   * @returns {{ baseUrl: string, origin: string } | undefined}
   */
  function checkOptions(options) {
    var baseUrl = String(options.baseUrl || "").replace(/\/+$/, "");
    var origin;
    try {
      origin = new URL(baseUrl).origin;
    } catch (e) {
      log("baseUrl must be the OneChat server's address, like https://chat.example.com.");
      return undefined;
    }
    if (!options.websiteToken) {
      log("websiteToken is missing.");
      return undefined;
    }
    if (document.getElementById("onechat-widget-host")) {
      log("the widget is already on this page.");
      return undefined;
    }
    return { baseUrl: baseUrl, origin: origin };
  }

  /**
   * The host element, its shadow root's box with the chat frame, and the
   * launcher bubble (added once the frame is ready).
   * @param {Record<string, any>} settings
   * @param {string} frameUrl
   * @param {Labels} labels
   */
  function buildElements(settings, frameUrl, labels) {
    var host = document.createElement("onechat-widget");
    host.id = "onechat-widget-host";
    host.setAttribute("style", HOST_STYLE);
    var root = host.attachShadow({ mode: "open" });
    var style = document.createElement("style");
    style.textContent = CSS;
    var box = document.createElement("div");
    box.className = settings.position === "left" ? "left" : "right";
    var frame = document.createElement("iframe");
    frame.className = "frame";
    frame.id = "onechat-widget-frame";
    frame.title = settings.launcherTitle || labels.chatWindow;
    // Geolocation: the visitor may share where they are (a location message);
    // microphone, camera and display capture: calls with the team.
    frame.setAttribute("allow", "clipboard-write; geolocation; microphone; camera; display-capture; autoplay");
    frame.src = frameUrl;
    var bubble = document.createElement("button");
    bubble.type = "button";
    bubble.className = "bubble";
    bubble.setAttribute("aria-controls", frame.id);
    bubble.setAttribute("aria-expanded", "false");
    var badge = document.createElement("span");
    badge.className = "badge";
    badge.hidden = true;
    box.appendChild(frame);
    root.appendChild(style);
    root.appendChild(box);
    return { host: host, box: box, frame: frame, bubble: bubble, badge: badge };
  }

  /**
   * @param {Widget} widget
   * @param {Outgoing} message
   */
  function send(widget, message) {
    message.source = "onechat-sdk";
    var target = widget.frame.contentWindow;
    if (target) target.postMessage(message, widget.origin);
  }

  /**
   * Ask the chat window to do something; settles with its result.
   * @param {Widget} widget
   * @param {string} type
   * @param {Record<string, unknown>} [data]
   * @returns {Promise<unknown>}
   */
  function call(widget, type, data) {
    return new Promise(function (resolve, reject) {
      var id = widget.nextId++;
      /** @type {Outgoing} */
      var message = Object.assign(data || {}, { type: type, id: id });
      widget.calls[id] = { resolve: resolve, reject: reject };
      if (widget.ready) send(widget, message);
      else widget.queue.push(message);
    });
  }

  /** @param {Widget} widget */
  function drawBubble(widget) {
    var bubble = widget.bubble;
    bubble.innerHTML = widget.isOpen ? CLOSE_ICON : CHAT_ICON;
    bubble.appendChild(widget.badge);
    bubble.setAttribute(
      "aria-label",
      widget.isOpen ? widget.labels.close : widget.settings.launcherTitle || widget.labels.launcher
    );
    bubble.setAttribute("aria-expanded", String(widget.isOpen));
  }

  /**
   * @param {Widget} widget
   * @param {boolean} open
   */
  function setOpen(widget, open) {
    if (!widget.ready || open === widget.isOpen) return;
    widget.isOpen = open;
    widget.box.classList.toggle("open", open);
    drawBubble(widget);
    send(widget, { type: open ? "open" : "close" });
    if (open) widget.frame.focus();
    else if (!widget.settings.hideMessageBubble) widget.bubble.focus();
  }

  /** What the chat window's messages do, by their type. */
  var HANDLERS = {
    /** @param {Widget} widget @param {any} data */
    ready: function (widget, data) {
      clearTimeout(widget.timeout);
      widget.ready = true;
      widget.box.style.setProperty("--accent", data.color || "#1f93ff");
      widget.box.style.setProperty("--on-accent", data.textColor || "#fff");
      if (!widget.settings.hideMessageBubble) {
        drawBubble(widget);
        widget.box.appendChild(widget.bubble);
      }
      widget.queue.splice(0).forEach(function (message) {
        send(widget, message);
      });
      window.dispatchEvent(new CustomEvent("onechat:ready"));
    },
    /** @param {Widget} widget @param {any} data */
    error: function (widget, data) {
      clearTimeout(widget.timeout);
      log(data.message + " Check the websiteToken and that the inbox's widget is on.");
      widget.host.remove();
      widget.queue.splice(0).forEach(function (message) {
        var id = Number(message.id);
        widget.calls[id].reject(new Error(data.message));
        delete widget.calls[id];
      });
    },
    /** @param {Widget} widget @param {any} data */
    labels: function (widget, data) {
      widget.labels = { launcher: String(data.launcher), close: String(data.close), chatWindow: String(data.chatWindow) };
      widget.frame.title = widget.settings.launcherTitle || widget.labels.chatWindow;
      if (widget.ready) drawBubble(widget);
    },
    /** @param {Widget} widget @param {any} data */
    problem: function (widget, data) {
      log(data.message);
    },
    /** @param {Widget} widget */
    close: function (widget) {
      setOpen(widget, false);
    },
    // A call from the team rings: the visitor must see its prompt.
    /** @param {Widget} widget */
    ring: function (widget) {
      setOpen(widget, true);
    },
    /** @param {Widget} widget @param {any} data */
    unread: function (widget, data) {
      widget.badge.textContent = data.count > 9 ? "9+" : String(data.count);
      widget.badge.hidden = !data.count;
    },
    /** @param {Widget} widget @param {any} data */
    result: function (widget, data) {
      var pending = widget.calls[data.id];
      if (!pending) return;
      delete widget.calls[data.id];
      if (data.ok) pending.resolve();
      else {
        log(data.error);
        pending.reject(new Error(data.error));
      }
    },
  };

  /**
   * @param {Widget} widget
   * @param {MessageEvent} event
   */
  function receive(widget, event) {
    var data = event.data;
    if (event.origin !== widget.origin || event.source !== widget.frame.contentWindow) return;
    if (!data || data.source !== "onechat-widget") return;
    if (Object.prototype.hasOwnProperty.call(HANDLERS, data.type)) {
      HANDLERS[/** @type {keyof typeof HANDLERS} */ (data.type)](widget, data);
    }
  }

  /**
   * The `$onechat` API the host page calls.
   * @param {Widget} widget
   */
  function publicApi(widget) {
    return {
      /** @param {string} [state] "open", "close", or nothing to toggle */
      toggle: function (state) {
        setOpen(widget, state === "open" ? true : state === "close" ? false : !widget.isOpen);
      },
      /** @param {unknown} identifier @param {Record<string, unknown>} [user] */
      setUser: function (identifier, user) {
        return call(widget, "setUser", { identifier: String(identifier), user: user || {} });
      },
      /** @param {Record<string, unknown>} [attributes] */
      setCustomAttributes: function (attributes) {
        return call(widget, "setCustomAttributes", { attributes: attributes || {} });
      },
      /** @param {Record<string, unknown>} [attributes] merged into the conversation's */
      setConversationCustomAttributes: function (attributes) {
        return call(widget, "setConversationCustomAttributes", { attributes: attributes || {} });
      },
      /** @param {unknown} label */
      setLabel: function (label) {
        return call(widget, "setLabel", { label: String(label) });
      },
      /** @param {unknown} locale */
      setLocale: function (locale) {
        return call(widget, "setLocale", { locale: String(locale) });
      },
      reset: function () {
        return call(widget, "reset");
      },
    };
  }

  /** @param {Widget} widget */
  function listen(widget) {
    widget.bubble.addEventListener("click", function () {
      setOpen(widget, !widget.isOpen);
    });
    widget.bubble.addEventListener("keydown", function (event) {
      if (event.key === "Escape") setOpen(widget, false);
    });
    widget.timeout = setTimeout(function () {
      if (!widget.ready) log("the chat window did not load from " + widget.origin + ".");
    }, 15000);
    window.addEventListener("message", function (event) {
      receive(widget, event);
    });
    widget.frame.addEventListener("load", function () {
      var settings = widget.settings;
      send(widget, { type: "init", settings: { locale: settings.locale, position: settings.position, darkMode: settings.darkMode } });
    });
  }

  /**
   * Put the launcher and the chat window on the page and leave `$onechat`.
   * @param {{ baseUrl?: string, websiteToken?: string }} [options]
   */
  function run(options) {
    options = options || {};
    var server = checkOptions(options);
    if (!server) return;
    var settings = window.onechatSettings || {};
    // English until the chat window tells its language's words ("labels").
    var labels = { launcher: "Chat with us", close: "Close chat", chatWindow: "Chat window" };
    var frameUrl = server.baseUrl + "/widget?website_token=" + encodeURIComponent(String(options.websiteToken));
    var elements = buildElements(settings, frameUrl, labels);
    /** @type {Widget} */
    var widget = Object.assign(elements, {
      settings: settings,
      origin: server.origin,
      labels: labels,
      ready: false,
      isOpen: false,
      queue: [],
      calls: {},
      nextId: 1,
      timeout: undefined,
    });
    listen(widget);
    var host = widget.host;
    // An async script may run before <body> exists.
    if (document.body) document.body.appendChild(host);
    else document.addEventListener("DOMContentLoaded", function () { document.body.appendChild(host); });
    window.$onechat = publicApi(widget);
  }

  window.onechatSDK = { run: run };
})();
