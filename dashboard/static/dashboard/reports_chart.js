// @ts-check
// A report's time series drawn with uPlot: one line per chart, durations on
// the axis as "3h 05m", the day (or week, month) under each point.

import uPlot from "../vendor/uplot/uPlot.esm.js";
import { h } from "./dom.js";
import { formatDuration } from "./reports_format.js";

/**
 * A point of Chatwoot's time series (GET reports).
 * @typedef {object} ReportPoint
 * @property {number} value
 * @property {number} timestamp
 * @property {number} [count]
 */

const HEIGHT = 220;
// The steps between the y axis' ticks: whole counts, round durations.
const COUNT_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000];
const DURATION_STEPS = [60, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800];

/**
 * @param {string} name a CSS variable of the page
 * @returns {string}
 */
function cssColor(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || "#1d4ed8";
}

/**
 * A chart card in `holder`: its title, and the series (durations formatted
 * when `duration`). Returns the chart to destroy when the page redraws.
 * @param {HTMLElement} holder
 * @param {{title: string, points: ReportPoint[], duration: boolean}} chart
 * @returns {uPlot}
 */
export function drawChart(holder, { title, points, duration }) {
  const plot = h("div", { class: "reports-plot" });
  holder.append(h("figure", { class: "card reports-chart" }, h("figcaption", {}, title), plot));
  /** @param {number} value */
  const format = (value) => (duration ? formatDuration(value) : String(Math.round(value * 100) / 100));
  const color = cssColor("--primary");
  return new uPlot(
    {
      width: Math.max(plot.clientWidth, 280),
      height: HEIGHT,
      legend: { show: false },
      cursor: { y: false },
      scales: { x: { time: true }, y: { range: (/** @type {any} */ _u, /** @type {number} */ _min, /** @type {number} */ max) => [0, Math.max(max, duration ? 60 : 1)] } },
      series: [{}, { label: title, stroke: color, width: 2, fill: `${color}22`, points: { show: points.length < 40 }, value: (/** @type {any} */ _u, /** @type {number} */ value) => format(value) }],
      axes: [{ stroke: cssColor("--muted") }, { stroke: cssColor("--muted"), size: duration ? 70 : 50, incrs: duration ? DURATION_STEPS : COUNT_STEPS, values: (/** @type {any} */ _u, /** @type {number[]} */ ticks) => ticks.map(format) }],
    },
    [points.map((point) => point.timestamp), points.map((point) => Number(point.value))],
    plot,
  );
}
