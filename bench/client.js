// @ts-check
// Websocket load client for OneChat's benchmarks (ActionCable v1 JSON over `ws`).
//
// Usage: node bench/client.js <config.json>
// Progress goes to stderr; the result is one JSON line on stdout.
//
// Modes:
//   fanout      every socket must get each sample's message.created frame; per
//               sample: time from the trigger POST until the last socket had it.
//   throughput  POSTs at a steady rate while sockets listen; per delivery: time
//               from the POST until the socket had the frame. Optionally a
//               flood beside it (config.flood: untagged POSTs at their own
//               rate), and sockets that stop reading once subscribed (a socket
//               spec with "stall": true), as a phone that went quiet.
//   idle        connect and subscribe, print {"ready":...}, hold until stdin closes.
//
// Frames are recognised without parsing JSON: a frame counts when it holds
// "message.created" and a tag "bnchX<number>X" that the trigger put in the content.
"use strict";
/// <reference path="../tests/js/untyped_packages.d.ts" />

const fs = require("fs");
const http = require("http");
const { performance } = require("perf_hooks");
const WebSocket = require("ws");

/**
 * @typedef {{url: string, body: string, headers?: Record<string, string>}} Target
 *   a POST; "__TAG__" in its body becomes the tag
 * @typedef {{url: string, identifier: string, stall?: boolean}} SocketSpec
 * @typedef {{status: number, ms: number, body: string}} Reply
 * @typedef {{ok: boolean, why?: string}} Opened
 * @typedef {(index: number, tag: number, bytes: number) => void} OnTag
 * @typedef {{clients: Client[], ready: number, seconds: number, failures: Record<string, number>}} Connected
 * @typedef {object} Config
 * @property {"fanout" | "throughput" | "idle"} mode
 * @property {SocketSpec[]} sockets
 * @property {string[]} [localAddresses] source addresses, the sockets spread over them
 * @property {number} [httpConnections]
 * @property {number} [httpTimeoutMs]
 * @property {number} [connectTimeoutS]
 * @property {number} [connectConcurrency]
 * @property {boolean} [gate]
 * @property {number} [settleMs]
 * @property {number} [warmup]
 * @property {number} samples
 * @property {Target} trigger
 * @property {number} [sampleTimeoutMs]
 * @property {number} [pauseMs]
 * @property {number} expectPerMessage
 * @property {number} rate
 * @property {number} durationS
 * @property {Target[]} senders
 * @property {number} [maxInFlight]
 * @property {number} [drainMs]
 * @property {{senders: Target[], rate: number, durationS: number}} [flood]
 * @property {number} [holdS]
 */

/** @type {Config} */
const config = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const EVENT = Buffer.from("message.created");
const TAG = Buffer.from("bnchX");
const CONFIRM = Buffer.from("confirm_subscription");
const REJECT = Buffer.from("reject_subscription");
const WELCOME = Buffer.from('"welcome"');
const agent = new http.Agent({ keepAlive: true, maxSockets: config.httpConnections || 32 });

/** @param {...unknown} parts */
function log(...parts) {
  process.stderr.write(`[client] ${parts.join(" ")}\n`);
}

/** @param {number} ms */
function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * The number in "bnchX<number>X" inside a message.created frame, or -1.
 * @param {Buffer} data
 */
function tagOf(data) {
  if (data.indexOf(EVENT) < 0) return -1;
  const at = data.indexOf(TAG);
  if (at < 0) return -1;
  let value = 0;
  for (let i = at + TAG.length; i < data.length; i++) {
    const c = data[i];
    if (c === 0x58) return value; // "X"
    if (c < 0x30 || c > 0x39) return -1;
    value = value * 10 + (c - 0x30);
  }
  return -1;
}

/**
 * @param {Target} target
 * @param {number} tag
 * @returns {Promise<Reply>}
 */
function post(target, tag) {
  const body = target.body.replace("__TAG__", `bnchX${tag}X`);
  return new Promise((resolve) => {
    const started = performance.now();
    const request = http.request(
      target.url,
      {
        method: "POST",
        agent,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          ...(target.headers || {}),
        },
      },
      (response) => {
        /** @type {Buffer[]} */
        const chunks = [];
        response.on("data", (chunk) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            ms: performance.now() - started,
            body: Buffer.concat(chunks).toString().replace(/\s+/g, " ").slice(0, 200),
          }),
        );
      },
    );
    request.setTimeout(config.httpTimeoutMs || 10000, () => request.destroy(new Error("timeout")));
    request.on("error", (error) => resolve({ status: 0, ms: performance.now() - started, body: String(error) }));
    request.end(body);
  });
}

// One subscribed socket. `onTag(index, tag, bytes)` runs for each tagged frame.
class Client {
  /**
   * @param {number} index
   * @param {SocketSpec} spec
   * @param {string | undefined} localAddress
   * @param {OnTag} onTag
   */
  constructor(index, spec, localAddress, onTag) {
    this.index = index;
    this.spec = spec;
    this.localAddress = localAddress;
    this.onTag = onTag;
    this.closed = false;
    /** @type {import("ws") | undefined} */
    this.socket = undefined;
  }

  /** @returns {Promise<Opened>} */
  open() {
    this.closed = false;
    return new Promise((resolve) => {
      let settled = false;
      /** @type {(ok: boolean, why?: string) => void} */
      const done = (ok, why) => {
        if (!settled) {
          settled = true;
          clearInterval(retry);
          resolve({ ok, why });
        }
      };
      /** @type {{perMessageDeflate: boolean, handshakeTimeout: number, localAddress?: string}} */
      const options = { perMessageDeflate: false, handshakeTimeout: 30000 };
      if (this.localAddress) options.localAddress = this.localAddress;
      const socket = new WebSocket(this.spec.url, ["actioncable-v1-json"], options);
      this.socket = socket;
      // Like the official client: subscribe after the welcome, and again while
      // no answer comes (a subscribe is idempotent).
      const subscribe = () => socket.send(JSON.stringify({ command: "subscribe", identifier: this.spec.identifier }));
      let resends = 0;
      const retry = setInterval(() => {
        if (settled) clearInterval(retry);
        else if (++resends > 6) done(false, "no confirm_subscription");
        else if (socket.readyState === WebSocket.OPEN) subscribe();
      }, 5000);
      socket.on("message", (data) => {
        if (settled && this.spec.stall) {
          socket.pause();
        } else if (settled) {
          const tag = tagOf(data);
          if (tag >= 0) this.onTag(this.index, tag, data.length);
        } else if (data.indexOf(WELCOME) >= 0) {
          subscribe();
        } else if (data.indexOf(CONFIRM) >= 0) {
          done(true);
          if (this.spec.stall) socket.pause();
        } else if (data.indexOf(REJECT) >= 0) {
          done(false, "reject_subscription");
        }
      });
      socket.on("error", (error) => done(false, error.code || String(error)));
      socket.on("close", () => {
        if (socket === this.socket) this.closed = true;
        done(false, "closed");
      });
    });
  }
}

/**
 * Connects every socket of config.sockets ([{url, identifier}]), a bounded
 * number of handshakes at a time.
 * @param {OnTag} onTag
 * @returns {Promise<Connected>}
 */
async function connectAll(onTag) {
  const specs = config.sockets;
  const addresses = config.localAddresses || [];
  const perAddress = Math.ceil(specs.length / Math.max(addresses.length, 1));
  const clients = specs.map((spec, i) => new Client(i, spec, addresses[Math.floor(i / perAddress)], onTag));
  const started = performance.now();
  /** @type {Record<string, number>} */
  const failures = {};
  let next = 0;
  let ready = 0;
  let failed = 0;
  const deadline = started + (config.connectTimeoutS || 300) * 1000;
  async function worker() {
    // Stop early when nothing subscribes at all (no /cable there, wrong token).
    while (next < clients.length && performance.now() < deadline && (ready > 0 || failed < 20)) {
      const client = clients[next++];
      let ok = false;
      for (let attempt = 0; attempt < 3 && !ok; attempt++) {
        const result = await client.open();
        ok = result.ok;
        if (!ok) {
          const why = result.why ?? "";
          failures[why] = (failures[why] || 0) + 1;
          client.socket?.terminate();
          await sleep(200 * (attempt + 1));
        }
      }
      if (!ok) failed++;
      else if (++ready % 2000 === 0) log(`${ready}/${clients.length} subscribed`);
    }
  }
  await Promise.all(Array.from({ length: config.connectConcurrency || 100 }, worker));
  const seconds = (performance.now() - started) / 1000;
  log(`${ready}/${clients.length} subscribed in ${seconds.toFixed(1)} s`);
  return { clients, ready, seconds, failures };
}

/**
 * With config.gate: say {"ready": n} on stdout and wait for a line on stdin
 * before the measured phase (the profiler attaches in between).
 * @param {Connected} connected
 */
async function gate(connected) {
  if (!config.gate) return;
  process.stdout.write(`${JSON.stringify({ ready: connected.ready, sockets: connected.clients.length })}\n`);
  await new Promise((resolve) => {
    process.stdin.once("data", resolve);
    process.stdin.once("end", resolve);
    process.stdin.resume();
  });
  process.stdin.pause();
}

/** @param {Client[]} clients */
function closeAll(clients) {
  for (const client of clients) if (client.socket) client.socket.terminate();
}

async function fanout() {
  const total = config.sockets.length;
  // Sockets that never subscribed are reported apart, not counted as lost.
  let expected = total;
  let current = -1;
  let arrivals = new Float64Array(total);
  let received = 0;
  let frameBytes = 0;
  let late = 0;
  let duplicates = 0;
  /** @type {((value?: unknown) => void) | null} */
  let resolveSample = null;
  /** @type {OnTag} */
  const onTag = (index, tag, bytes) => {
    if (tag !== current) {
      late++;
      return;
    }
    if (arrivals[index] > 0) {
      duplicates++;
      return;
    }
    arrivals[index] = performance.now();
    frameBytes = bytes;
    received++;
    if (received === expected && resolveSample) resolveSample();
  };
  const connected = await connectAll(onTag);
  if (connected.ready === 0) return { error: `nothing subscribed: ${JSON.stringify(connected.failures)}` };
  expected = connected.ready;
  await sleep(config.settleMs || 1000);
  await gate(connected);
  const samples = [];
  const runs = (config.warmup || 0) + config.samples;
  for (let k = 0; k < runs; k++) {
    current = k;
    arrivals = new Float64Array(total);
    received = 0;
    const allIn = new Promise((resolve) => {
      resolveSample = resolve;
    });
    const started = performance.now();
    const reply = await post(config.trigger, k);
    // A trigger that timed out may still have been delivered: the sample counts.
    if (reply.status !== 0 && (reply.status < 200 || reply.status >= 300)) {
      log(`trigger answered ${reply.status}: ${reply.body}`);
      closeAll(connected.clients);
      return { error: `trigger answered ${reply.status}: ${reply.body}` };
    }
    await Promise.race([allIn, sleep(config.sampleTimeoutMs || 15000)]);
    resolveSample = null;
    /** @type {number[]} */
    const times = [];
    for (let i = 0; i < total; i++) if (arrivals[i] > 0) times.push(arrivals[i] - started);
    times.sort((a, b) => a - b);
    const sample = {
      all_ms: received === expected ? times[times.length - 1] : null,
      first_ms: times.length ? times[0] : null,
      median_ms: times.length ? times[Math.floor(times.length / 2)] : null,
      post_ms: reply.ms,
      post_status: reply.status,
      received,
      lost: expected - received,
    };
    if (k >= (config.warmup || 0)) samples.push(sample);
    log(`sample ${k}: all ${sample.all_ms === null ? "-" : sample.all_ms.toFixed(1)} ms, lost ${sample.lost}`);
    await sleep(config.pauseMs || 300);
  }
  const open = connected.clients.filter((client) => !client.closed).length;
  closeAll(connected.clients);
  return { sockets: total, subscribed: connected.ready, connect_s: connected.seconds, connect_failures: connected.failures, open_at_end: open, frame_bytes: frameBytes, late, duplicates, samples };
}

async function throughput() {
  /** @type {number[]} */
  const sent = []; // per message: POST start time
  const expected = config.expectPerMessage;
  /** @type {number[]} */
  const counts = [];
  /** @type {number[]} */
  const latencies = [];
  let duplicates = 0;
  const seen = new Set();
  /** @type {OnTag} */
  const onTag = (index, tag) => {
    const at = performance.now();
    const key = tag * 100000 + index;
    if (seen.has(key)) {
      duplicates++;
      return;
    }
    seen.add(key);
    if (sent[tag] === undefined) return;
    counts[tag] = (counts[tag] || 0) + 1;
    latencies.push(at - sent[tag]);
  };
  const connected = await connectAll(onTag);
  await sleep(config.settleMs || 1000);
  await gate(connected);
  const flooding = flood();
  const rate = config.rate;
  const total = Math.round(rate * config.durationS);
  /** @type {number[]} */
  const httpMs = [];
  /** @type {Record<string, number>} */
  const errors = {};
  let inFlight = 0;
  let maxInFlight = 0;
  let issued = 0;
  const started = performance.now();
  const pending = [];
  while (issued < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate) + 1);
    while (issued < due) {
      const tag = issued++;
      const target = config.senders[tag % config.senders.length];
      sent[tag] = performance.now();
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      pending.push(
        post(target, tag).then((reply) => {
          inFlight--;
          httpMs.push(reply.ms);
          if (reply.status < 200 || reply.status >= 300) {
            const key = `${reply.status} ${reply.body.slice(0, 80)}`;
            errors[key] = (errors[key] || 0) + 1;
          }
        }),
      );
    }
    if (inFlight > (config.maxInFlight || 2000)) break;
    await sleep(2);
  }
  const sendSeconds = (performance.now() - started) / 1000;
  const flooded = await flooding;
  await Promise.all(pending);
  const postsDone = (performance.now() - started) / 1000;
  const drainUntil = performance.now() + (config.drainMs || 5000);
  const want = issued * expected;
  while (latencies.length < want && performance.now() < drainUntil) await sleep(20);
  latencies.sort((a, b) => a - b);
  httpMs.sort((a, b) => a - b);
  /** @type {(list: number[], q: number) => number | null} */
  const pick = (list, q) => (list.length ? list[Math.min(list.length - 1, Math.floor(q * list.length))] : null);
  const open = connected.clients.filter((client) => !client.closed).length;
  closeAll(connected.clients);
  return {
    flooded,
    sockets: connected.clients.length,
    subscribed: connected.ready,
    connect_failures: connected.failures,
    open_at_end: open,
    target_rate: rate,
    issued,
    send_s: sendSeconds,
    posts_done_s: postsDone,
    max_in_flight: maxInFlight,
    http_errors: errors,
    http_p99_ms: pick(httpMs, 0.99),
    deliveries: latencies.length,
    expected: want,
    lost: want - latencies.length,
    duplicates,
    p50_ms: pick(latencies, 0.5),
    p99_ms: pick(latencies, 0.99),
    max_ms: latencies.length ? latencies[latencies.length - 1] : null,
  };
}

// config.flood ({senders, rate, durationS}): untagged POSTs, one sender after
// the other, at their own steady rate; resolves with how many were answered 2xx.
async function flood() {
  const spec = config.flood;
  if (!spec) return 0;
  const total = Math.round(spec.rate * spec.durationS);
  const started = performance.now();
  /** @type {Promise<number>[]} */
  const pending = [];
  let answered = 0;
  for (let k = 0; k < total; k++) {
    const wait = started + (k * 1000) / spec.rate - performance.now();
    if (wait > 0) await sleep(wait);
    const reply = post(spec.senders[k % spec.senders.length], k);
    pending.push(reply.then((r) => (answered += r.status >= 200 && r.status < 300 ? 1 : 0)));
  }
  await Promise.all(pending);
  return answered;
}

async function idle() {
  const connected = await connectAll(() => {});
  process.stdout.write(`${JSON.stringify({ ready: connected.ready, sockets: connected.clients.length, connect_s: connected.seconds, connect_failures: connected.failures })}\n`);
  await new Promise((resolve) => {
    process.stdin.on("end", resolve);
    process.stdin.on("close", resolve);
    process.stdin.resume();
    setTimeout(resolve, (config.holdS || 120) * 1000);
  });
  const open = connected.clients.filter((client) => !client.closed).length;
  closeAll(connected.clients);
  return { open_at_end: open };
}

const modes = { fanout, throughput, idle };
modes[config.mode]()
  .then((/** @type {object} */ result) => {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    process.exit(0);
  })
  .catch((/** @type {Error} */ error) => {
    process.stdout.write(`${JSON.stringify({ error: String(error.stack || error) })}\n`);
    process.exit(1);
  });
