// @ts-check
// Entry point of every dashboard page: read the page config, connect /cable,
// run the shared chrome (connection banner, availability), mount the page.

import { subscribe } from "../kit/cable.js";
import { EVENT } from "../kit/wire.js";
import { createApi } from "./api.js";
import { reasonOf, toast } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";

// The contract allows 20-60 s between presence pings.
const PRESENCE_SECONDS = 20;

/** @typedef {import("./context.js").DashboardConfig} DashboardConfig */
/** @typedef {import("./context.js").Listener} Listener */

/** @typedef {import("./context.js").DashboardContext} DashboardContext */

/**
 * The context every screen is given: config, API, presence, and the page's
 * event stream, whose listeners receive (eventName, data).
 * @param {DashboardConfig} config
 * @returns {DashboardContext}
 */
function createContext(config) {
  /** @type {Set<Listener>} */
  const listeners = new Set();
  /** @type {DashboardContext} */
  const ctx = {
    config,
    api: createApi(config),
    base: `/app/accounts/${config.account.id}`,
    isAdministrator: config.account.role === "administrator",
    presence: { users: {}, contacts: {}, pages: {}, known: false },
    // Presence lists only the agents seen lately (and those who never go
    // offline automatically): anyone else is offline.
    userStatus(userId, chosen = "offline") {
      if (!ctx.presence.known) return chosen;
      return ctx.presence.users[String(userId)] || "offline";
    },
    on(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    emit(name, data) {
      for (const listener of listeners) listener(name, data);
    },
  };
  return ctx;
}

/** @param {DashboardContext} ctx */
function watchConnection(ctx) {
  const banner = /** @type {HTMLElement} */ (document.getElementById("connection-banner"));
  ctx.on((name) => {
    if (name.startsWith("cable.")) document.body.dataset.cable = name.slice(6);
    if (name === "cable.disconnected") {
      banner.hidden = false;
      document.body.classList.add("offline");
    } else if (name === "cable.connected") {
      banner.hidden = true;
      document.body.classList.remove("offline");
    } else if (name === "cable.rejected") {
      banner.hidden = false;
      banner.textContent = gettext("Live updates are unavailable. Reload the page to sign in again.");
    }
  });
}

/** @param {DashboardContext} ctx */
function watchPresence(ctx) {
  ctx.on((name, data) => {
    if (name === EVENT.CONTACT_PRESENCE) {
      // A visitor left their page or came back: at once, between snapshots.
      const id = String(data.contact_id);
      if (data.status === "online") ctx.presence.contacts[id] = "online";
      else delete ctx.presence.contacts[id];
      ctx.presence.pages[id] = data.status === "online" ? "back" : "left";
      ctx.emit("presence.changed", ctx.presence);
      return;
    }
    if (name !== EVENT.PRESENCE_UPDATE) return;
    ctx.presence.users = { ...(data.users || {}) };
    if (data.contacts) ctx.presence.contacts = { ...data.contacts };
    ctx.presence.known = true;
    const mine = ctx.presence.users[String(ctx.config.user.id)];
    if (mine) showMyAvailability(mine);
    ctx.emit("presence.changed", ctx.presence);
  });
}

/** @param {string} status */
function showMyAvailability(status) {
  const dot = document.getElementById("my-availability-dot");
  if (dot) dot.className = `dot dot-${status}`;
}

/** @param {DashboardContext} ctx */
function availabilitySwitch(ctx) {
  const { config } = ctx;
  const select = /** @type {HTMLSelectElement} */ (document.getElementById("my-availability"));
  select.addEventListener("change", async () => {
    const availability = select.value;
    try {
      await ctx.api.post("/api/v1/profile/availability", {
        profile: { account_id: config.account.id, availability },
      });
      config.account.availability = availability;
      ctx.presence.users[String(config.user.id)] = availability;
      showMyAvailability(availability);
      ctx.emit("presence.changed", ctx.presence);
      ctx.cable?.perform("update_presence");
    } catch (error) {
      select.value = config.account.availability;
      toast(interpolate(gettext("Could not change your availability: %(reason)s"), reasonOf(error)));
    }
  });
}

/**
 * Connect /cable: its events go to the page's listeners, with
 * "cable.connected" ({reconnected, disconnectedAt}), "cable.disconnected" and
 * "cable.rejected" reporting the socket.
 * @param {DashboardContext} ctx
 */
function connectCable(ctx) {
  const { config } = ctx;
  return subscribe({
    identifier: { pubsub_token: config.pubsubToken, account_id: config.account.id, user_id: config.user.id },
    presenceSeconds: PRESENCE_SECONDS,
    onEvent: ctx.emit,
    onConnected: (reconnection) => ctx.emit("cable.connected", reconnection),
    onDisconnected: () => ctx.emit("cable.disconnected", {}),
    onRejected: () => ctx.emit("cable.rejected", {}),
  });
}

const pages = {
  conversations: () => import("./conversations.js"),
  queue: () => import("./queue.js"),
  contacts: () => import("./contacts.js"),
  settings: () => import("./settings.js"),
  reports: () => import("./reports.js"),
  profile: () => import("./profile.js"),
  csat_report: () => import("./csat_report.js"),
};

async function start() {
  /** @type {DashboardConfig} */
  const config = JSON.parse(document.getElementById("dashboard-config")?.textContent || "{}");
  const ctx = createContext(config);
  watchConnection(ctx);
  watchPresence(ctx);
  availabilitySwitch(ctx);
  ctx.cable = connectCable(ctx);
  import("./agent_chat.js").then((chat) => chat.mount(ctx));
  import("./notifications.js").then((bell) => bell.mount(ctx));
  import("./calls.js").then((calls) => calls.mount(ctx));
  const module = await pages[config.page]();
  module.mount(ctx, /** @type {HTMLElement} */ (document.getElementById("main")));
}

start();
