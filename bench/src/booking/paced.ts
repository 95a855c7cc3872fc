import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { Samples, sleep, type Summary } from '../lib/stats.js';

export type PacedHttpResult = {
  /** False when the run stopped early because too many requests were waiting. */
  sustained: boolean;
  sent: number;
  ok: number;
  non2xx: number;
  errors: number;
  /** Still unanswered when the run ended (grace period over, or cut short). */
  unanswered: number;
  seconds: number;
  latency: Summary;
  bytesPerResponse: number;
};

/**
 * Open-loop GETs at an even rate (one every 1000/rate ms, not bursts at the top of
 * each second as autocannon's overallRate does), over at most `connections` keep-alive
 * sockets. Latency runs from the request being written to its last byte read; a
 * request waiting for a free socket counts that wait too (the server is slow).
 */
export async function pacedGets(options: {
  url: string;
  path: string;
  ratePerSecond: number;
  seconds: number;
  connections: number;
  headers: () => Record<string, string>;
  graceMs?: number;
  /** Give up once this many requests are waiting (the server cannot keep up); default 2 s of traffic. */
  maxOutstanding?: number;
}): Promise<PacedHttpResult> {
  const maxOutstanding = options.maxOutstanding ?? Math.max(options.connections, 2 * options.ratePerSecond);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const target = new URL(options.path, options.url);
  const latency = new Samples();
  const intervalMs = 1000 / options.ratePerSecond;
  const start = performance.now();
  const deadline = start + options.seconds * 1000;
  let sent = 0;
  let ok = 0;
  let non2xx = 0;
  let errors = 0;
  let bytes = 0;
  let outstanding = 0;
  let lastDone = start;
  const inFlight = new Set<http.ClientRequest>();
  const fire = () => {
    const t0 = performance.now();
    sent++;
    outstanding++;
    const done = (kind: 'ok' | 'non2xx' | 'error') => {
      const t1 = performance.now();
      outstanding--;
      lastDone = t1;
      if (kind === 'ok') {
        ok++;
        latency.add(t1 - t0);
      } else if (kind === 'non2xx') non2xx++;
      else errors++;
    };
    const request = http.get(target, { agent, headers: options.headers(), timeout: 10_000 }, (response) => {
      response.on('data', (chunk: Buffer) => (bytes += chunk.length));
      response.on('end', () => {
        inFlight.delete(request);
        done(response.statusCode !== undefined && response.statusCode < 300 ? 'ok' : 'non2xx');
      });
      response.on('error', () => undefined);
    });
    inFlight.add(request);
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', () => {
      if (inFlight.delete(request)) done('error');
    });
  };
  // Catch up on missed ticks so the offered rate holds even if a timer fires late.
  let due = 0;
  let sustained = true;
  while (performance.now() < deadline) {
    if (outstanding > maxOutstanding) {
      sustained = false;
      break;
    }
    const shouldHaveSent = Math.floor((performance.now() - start) / intervalMs) + 1;
    for (; due < shouldHaveSent; due++) fire();
    await sleep(Math.max(1, intervalMs / 2));
  }
  const graceEnd = performance.now() + (options.graceMs ?? 5000);
  while (outstanding > 0 && performance.now() < graceEnd) await sleep(5);
  const end = performance.now();
  // Abandon what is still queued or in flight, so that none of it reaches the server
  // later (an Agent would otherwise open new sockets for its queue after destroy()).
  const unanswered = inFlight.size;
  for (const request of inFlight) request.destroy();
  inFlight.clear();
  agent.destroy();
  return {
    sustained,
    sent,
    ok,
    non2xx,
    errors,
    unanswered,
    seconds: (Math.max(lastDone, Math.min(end, deadline)) - start) / 1000,
    latency: latency.summary(),
    bytesPerResponse: ok + non2xx > 0 ? bytes / (ok + non2xx) : 0,
  };
}
