// @ts-check
// How the reports write their figures: durations from seconds, changes from
// the previous period, and the range and parameters of a report request.

import { gettext, interpolate } from "./i18n.js";

const DAY = 86400;

/**
 * A duration for people: "45s", "12m", "3h 05m", "2d 4h".
 * @param {number} seconds
 * @returns {string}
 */
export function formatDuration(seconds) {
  const whole = Math.max(0, Math.round(seconds));
  if (whole < 60) return interpolate(gettext("%(count)ss"), { count: whole });
  if (whole < 3600) return interpolate(gettext("%(count)sm"), { count: Math.round(whole / 60) });
  if (whole < DAY) {
    const minutes = String(Math.floor((whole % 3600) / 60)).padStart(2, "0");
    return interpolate(gettext("%(hours)sh %(minutes)sm"), { hours: Math.floor(whole / 3600), minutes });
  }
  return interpolate(gettext("%(days)sd %(hours)sh"), { days: Math.floor(whole / DAY), hours: Math.floor((whole % DAY) / 3600) });
}

/**
 * The change from `previous` to `current` in percent ("+12%", "−5%"); null
 * when there was nothing before.
 * @param {number} current
 * @param {number} previous
 * @returns {string | null}
 */
export function formatChange(current, previous) {
  if (!previous) return null;
  const percent = Math.round(((current - previous) / previous) * 100);
  return percent > 0 ? `+${percent}%` : percent < 0 ? `−${Math.abs(percent)}%` : "0%";
}

/**
 * The report range as unix seconds: the last `days` days up to the end of
 * today, or from..to (both days included, "YYYY-MM-DD"), at the browser's
 * midnights.
 * @param {{days: number | null, from: string, to: string}} range
 * @param {Date} [now]
 * @returns {{since: number, until: number}}
 */
export function rangeOf(range, now = new Date()) {
  if (range.days === null && range.from && range.to) {
    const [start, end] = [range.from, range.to].map((day) => new Date(`${day}T00:00:00`));
    end.setDate(end.getDate() + 1);
    return { since: Math.floor(start.getTime() / 1000), until: Math.floor(end.getTime() / 1000) };
  }
  const end = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  const start = new Date(end.getFullYear(), end.getMonth(), end.getDate() - (range.days || 7));
  return { since: Math.floor(start.getTime() / 1000), until: Math.floor(end.getTime() / 1000) };
}

/**
 * The query string of a report request.
 * @param {Record<string, string | number | boolean | null | undefined>} params
 * @returns {string}
 */
export function queryOf(params) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") query.set(key, String(value));
  }
  return query.toString();
}
