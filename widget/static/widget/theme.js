// @ts-check
// The inbox's colour on the chat window: white text on the colour darkened by
// a scrim, or near-black text on the plain colour when white cannot reach a
// 4.5:1 contrast (light brand colours); and its light or dark scheme.

/**
 * @param {string} hex "#rrggbb" or "#rgb"
 * @param {number} shade how much of the colour is left under the scrim
 * @returns {number} its relative luminance
 */
function luminance(hex, shade) {
  const value = hex.replace("#", "");
  const full = value.length === 3 ? [...value].map((c) => c + c).join("") : value;
  const [r, g, b] = [0, 2, 4].map((i) => {
    const channel = (parseInt(full.slice(i, i + 2), 16) / 255) * shade;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * @param {number} a
 * @param {number} b
 * @returns {number} their contrast ratio
 */
function contrast(a, b) {
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

/**
 * Paint the page in `color`.
 * @param {string} color the inbox's colour
 * @returns {string} the text colour on it
 */
export function paint(color) {
  const root = document.documentElement.style;
  root.setProperty("--accent", color);
  const light = contrast(luminance(color, 0.72), 1) < 4.5;
  root.setProperty("--scrim", light ? "transparent" : "rgba(0, 0, 0, 0.28)");
  root.setProperty("--on-accent", light ? "#111" : "#fff");
  return light ? "#111" : "#fff";
}

/** @type {MediaQueryList | null} */
let systemScheme = null;

function followSystem() {
  document.documentElement.dataset.scheme = systemScheme?.matches ? "dark" : "light";
}

/**
 * Draw the window light or dark: "dark", "light", or "auto" to follow the
 * visitor's system as it changes (the values of Chatwoot's SDK `darkMode`).
 * @param {string} mode
 */
export function applyScheme(mode) {
  systemScheme?.removeEventListener("change", followSystem);
  systemScheme = null;
  if (mode === "auto") {
    systemScheme = matchMedia("(prefers-color-scheme: dark)");
    systemScheme.addEventListener("change", followSystem);
    followSystem();
    return;
  }
  document.documentElement.dataset.scheme = mode === "dark" ? "dark" : "light";
}
