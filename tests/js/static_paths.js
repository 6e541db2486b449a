// @ts-check
// The front ends' modules as the browser reaches them: every app's static
// files are served under one /static/ root, so `dashboard/x.js` importing
// `../kit/y.js` means common/static/kit/y.js. Node resolves the same import
// to dashboard/static/kit/y.js; this hook sends it where the browser does.
// Loaded with `node --import ./tests/js/static_paths.js --test …`.
import { existsSync } from "node:fs";
import { register } from "node:module";
import { fileURLToPath } from "node:url";

const STATIC_ROOTS = ["common/static/", "dashboard/static/", "widget/static/"];

/**
 * The same path under another app's static root, where the file is.
 * @param {string} url
 * @returns {string}
 */
export function staticFile(url) {
  if (!url.startsWith("file:") || existsSync(fileURLToPath(url))) return url;
  for (const from of STATIC_ROOTS) {
    const at = url.indexOf(from);
    if (at < 0) continue;
    for (const to of STATIC_ROOTS) {
      const moved = url.slice(0, at) + to + url.slice(at + from.length);
      if (existsSync(fileURLToPath(moved))) return moved;
    }
  }
  return url;
}

/**
 * @param {string} specifier
 * @param {{parentURL?: string}} context
 * @param {(specifier: string, context: object) => Promise<{url: string}>} nextResolve
 */
export async function resolve(specifier, context, nextResolve) {
  const relative = specifier.startsWith("./") || specifier.startsWith("../");
  if (relative && context.parentURL) {
    return nextResolve(staticFile(new URL(specifier, context.parentURL).href), context);
  }
  return nextResolve(specifier, context);
}

if (!process.env.ONECHAT_STATIC_PATHS_REGISTERED) {
  process.env.ONECHAT_STATIC_PATHS_REGISTERED = "1";
  register(import.meta.url);
}
