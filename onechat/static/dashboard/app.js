// Entry point of every dashboard page: read the page config, connect /cable,
// run the shared chrome (connection banner, availability), mount the page.

import { createApi } from "./api.js";
import { connectCable } from "./cable.js";
import { toast } from "./dom.js";

const config = JSON.parse(document.getElementById("dashboard-config").textContent);
const listeners = new Set();

const ctx = {
  config,
  api: createApi(config),
  base: `/app/accounts/${config.account.id}`,
  isAdministrator: config.account.role === "administrator",
  presence: { users: {}, contacts: {}, known: false },
  // Presence lists only the agents seen lately (and those who never go
  // offline automatically): anyone else is offline.
  userStatus(userId, chosen = "offline") {
    if (!ctx.presence.known) return chosen;
    return ctx.presence.users[String(userId)] || "offline";
  },
  on(listener) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  emit(name, data) {
    for (const listener of listeners) listener(name, data);
  },
};

function watchConnection() {
  const banner = document.getElementById("connection-banner");
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
      banner.textContent = "Live updates are unavailable. Reload the page to sign in again.";
    }
  });
}

function watchPresence() {
  ctx.on((name, data) => {
    if (name !== "presence.update") return;
    ctx.presence.users = { ...(data.users || {}) };
    ctx.presence.contacts = { ...(data.contacts || {}) };
    ctx.presence.known = true;
    const mine = ctx.presence.users[String(config.user.id)];
    if (mine) showMyAvailability(mine);
    ctx.emit("presence.changed", ctx.presence);
  });
}

function showMyAvailability(status) {
  const dot = document.getElementById("my-availability-dot");
  dot.className = `dot dot-${status}`;
}

function availabilitySwitch() {
  const select = document.getElementById("my-availability");
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
      ctx.cable.subscription.perform("update_presence");
    } catch (error) {
      select.value = config.account.availability;
      toast(`Could not change your availability: ${error.message}`);
    }
  });
}

const pages = {
  conversations: () => import("./conversations.js"),
  contacts: () => import("./contacts.js"),
  settings: () => import("./settings.js"),
};

async function start() {
  watchConnection();
  watchPresence();
  availabilitySwitch();
  ctx.cable = connectCable(config, listeners);
  const module = await pages[config.page]();
  module.mount(ctx, document.getElementById("main"));
}

start();
