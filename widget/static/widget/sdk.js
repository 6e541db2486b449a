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

  function log(message) {
    if (window.console) window.console.error("OneChat: " + message);
  }

  function run(options) {
    options = options || {};
    var settings = window.onechatSettings || {};
    var baseUrl = String(options.baseUrl || "").replace(/\/+$/, "");
    var origin;
    try {
      origin = new URL(baseUrl).origin;
    } catch (e) {
      return log("baseUrl must be the OneChat server's address, like https://chat.example.com.");
    }
    if (!options.websiteToken) return log("websiteToken is missing.");
    if (document.getElementById("onechat-widget-host")) return log("the widget is already on this page.");

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
    // English until the chat window tells its language's words ("labels").
    var labels = { launcher: "Chat with us", close: "Close chat", chatWindow: "Chat window" };
    frame.title = settings.launcherTitle || labels.chatWindow;
    // Geolocation: the visitor may share where they are (a location message).
    frame.setAttribute("allow", "clipboard-write; geolocation");
    frame.src = baseUrl + "/widget?website_token=" + encodeURIComponent(options.websiteToken);
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

    var ready = false;
    var isOpen = false;
    var queue = [];
    var calls = {};
    var nextId = 1;

    function send(message) {
      message.source = "onechat-sdk";
      frame.contentWindow.postMessage(message, origin);
    }

    function call(type, data) {
      return new Promise(function (resolve, reject) {
        var message = data || {};
        message.type = type;
        message.id = nextId++;
        calls[message.id] = { resolve: resolve, reject: reject };
        if (ready) send(message);
        else queue.push(message);
      });
    }

    function drawBubble() {
      bubble.innerHTML = isOpen ? CLOSE_ICON : CHAT_ICON;
      bubble.appendChild(badge);
      bubble.setAttribute("aria-label", isOpen ? labels.close : settings.launcherTitle || labels.launcher);
      bubble.setAttribute("aria-expanded", String(isOpen));
    }

    function setOpen(open) {
      if (!ready || open === isOpen) return;
      isOpen = open;
      box.classList.toggle("open", open);
      drawBubble();
      send({ type: open ? "open" : "close" });
      if (open) frame.focus();
      else if (!settings.hideMessageBubble) bubble.focus();
    }

    bubble.addEventListener("click", function () {
      setOpen(!isOpen);
    });
    bubble.addEventListener("keydown", function (event) {
      if (event.key === "Escape") setOpen(false);
    });

    var timeout = setTimeout(function () {
      if (!ready) log("the chat window did not load from " + origin + ".");
    }, 15000);

    window.addEventListener("message", function (event) {
      var data = event.data;
      if (event.origin !== origin || event.source !== frame.contentWindow) return;
      if (!data || data.source !== "onechat-widget") return;
      if (data.type === "ready") {
        clearTimeout(timeout);
        ready = true;
        box.style.setProperty("--accent", data.color || "#1f93ff");
        box.style.setProperty("--on-accent", data.textColor || "#fff");
        if (!settings.hideMessageBubble) {
          drawBubble();
          box.appendChild(bubble);
        }
        queue.splice(0).forEach(send);
        window.dispatchEvent(new CustomEvent("onechat:ready"));
      } else if (data.type === "error") {
        clearTimeout(timeout);
        log(data.message + " Check the websiteToken and that the inbox's widget is on.");
        host.remove();
        queue.splice(0).forEach(function (message) {
          calls[message.id].reject(new Error(data.message));
          delete calls[message.id];
        });
      } else if (data.type === "labels") {
        labels = { launcher: String(data.launcher), close: String(data.close), chatWindow: String(data.chatWindow) };
        frame.title = settings.launcherTitle || labels.chatWindow;
        if (ready) drawBubble();
      } else if (data.type === "problem") {
        log(data.message);
      } else if (data.type === "close") {
        setOpen(false);
      } else if (data.type === "unread") {
        badge.textContent = data.count > 9 ? "9+" : String(data.count);
        badge.hidden = !data.count;
      } else if (data.type === "result" && calls[data.id]) {
        var pending = calls[data.id];
        delete calls[data.id];
        if (data.ok) pending.resolve();
        else {
          log(data.error);
          pending.reject(new Error(data.error));
        }
      }
    });

    frame.addEventListener("load", function () {
      send({ type: "init", settings: { locale: settings.locale, position: settings.position } });
    });
    // An async script may run before <body> exists.
    if (document.body) document.body.appendChild(host);
    else document.addEventListener("DOMContentLoaded", function () { document.body.appendChild(host); });

    window.$onechat = {
      toggle: function (state) {
        setOpen(state === "open" ? true : state === "close" ? false : !isOpen);
      },
      setUser: function (identifier, user) {
        return call("setUser", { identifier: String(identifier), user: user || {} });
      },
      setCustomAttributes: function (attributes) {
        return call("setCustomAttributes", { attributes: attributes || {} });
      },
      setLabel: function (label) {
        return call("setLabel", { label: String(label) });
      },
      setLocale: function (locale) {
        return call("setLocale", { locale: String(locale) });
      },
      reset: function () {
        return call("reset");
      },
    };
  }

  window.onechatSDK = { run: run };
})();
