// @ts-check
// How a new notification reaches the agent beyond the list, as their settings
// say: a short chime (Web Audio, no file to load) and a desktop notification
// (the Notification API; permission is asked only from a button they press).

/**
 * Notification settings (`GET notification_settings`).
 * @typedef {object} NotificationSettings
 * @property {string[]} selected_email_flags
 * @property {string[]} selected_push_flags
 * @property {string[]} selected_in_app_flags
 * @property {string[]} selected_sound_flags
 */

/** Chatwoot's flag prefix of each channel; `push` is the desktop one. */
export const CHANNELS = Object.freeze(["in_app", "sound", "push", "email"]);

/**
 * Whether `kind` reaches the agent through `channel`.
 * @param {NotificationSettings | null} settings
 * @param {string} channel
 * @param {string} kind
 */
export function wants(settings, channel, kind) {
  const flags = settings ? /** @type {Record<string, string[]>} */ (/** @type {unknown} */ (settings))[`selected_${channel}_flags`] : null;
  return Boolean(flags && flags.includes(`${channel}_${kind}`));
}

/**
 * A player of two soft notes, a fifth apart; its audio context is made at
 * the first chime (after the page was used, as browsers require).
 * @returns {() => void}
 */
export function createChime() {
  /** @type {AudioContext | null} */
  let audio = null;
  return function play() {
    if (!window.AudioContext) return;
    audio = audio || new AudioContext();
    const context = audio;
    [660, 990].forEach((frequency, index) => {
      const tone = context.createOscillator();
      const volume = context.createGain();
      const at = context.currentTime + index * 0.12;
      tone.frequency.value = frequency;
      volume.gain.setValueAtTime(0.0001, at);
      volume.gain.exponentialRampToValueAtTime(0.15, at + 0.02);
      volume.gain.exponentialRampToValueAtTime(0.0001, at + 0.3);
      tone.connect(volume).connect(context.destination);
      tone.start(at);
      tone.stop(at + 0.32);
    });
  };
}

/** @returns {"granted" | "denied" | "default" | "unsupported"} */
export function desktopPermission() {
  return typeof Notification === "function" ? Notification.permission : "unsupported";
}

/**
 * Ask for desktop notifications; call from a click or key press only.
 * @returns {Promise<string>}
 */
export async function askDesktopPermission() {
  if (typeof Notification !== "function") return "unsupported";
  return Notification.requestPermission();
}

/**
 * Chime and/or show a desktop notification for `item`, as `settings` say.
 * @param {import("./notification_state.js").AgentNotification} item
 * @param {NotificationSettings | null} settings
 * @param {{chime: () => void, onOpen: () => void}} how the chime, and opening the conversation
 */
export function alertFor(item, settings, { chime, onOpen }) {
  const kind = item.notification_type;
  if (wants(settings, "sound", kind)) chime();
  if (!wants(settings, "push", kind) || desktopPermission() !== "granted" || document.hasFocus()) return;
  const shown = new Notification(item.push_message_title, { body: item.push_message_body, tag: `onechat-${item.id}` });
  shown.onclick = () => {
    window.focus();
    onOpen();
  };
}
