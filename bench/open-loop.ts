// Latency at a fixed request rate, open loop: request i is due at start + i / rate, whether or not
// earlier answers have come back, over a fixed number of keep-alive connections; its latency runs
// from when it was due to its last byte, so time spent queued behind slow answers counts.
// autocannon's `overallRate` is not this: each connection sends back to back until it has made its
// share of the second's requests, then waits for the next second, so its latencies are those of
// bursts at full speed with every connection busy.
import http from 'node:http';

/** How long a request may wait for its whole answer before it counts as failed. */
const REQUEST_TIMEOUT_MS = 10_000;

export type OpenLoopResult = {
  /** Latency percentiles in ms, from when each request was due. */
  latency: { p50: number; p90: number; p99: number; max: number };
  /** Answers per second over the run. */
  achieved: number;
  sent: number;
  /** Answers that were not 200, and requests that failed outright. */
  errors: number;
};

export async function openLoop(options: {
  url: string;
  bodies: { path: string; body: string }[];
  rate: number;
  seconds: number;
  connections: number;
}): Promise<OpenLoopResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const target = new URL(options.url);
  const total = Math.round(options.rate * options.seconds);
  const interval = 1000 / options.rate;
  const latencies: number[] = [];
  let errors = 0;
  let settled = 0;
  const started = performance.now();
  const finished = new Promise<void>((resolve) => {
    const settle = () => {
      settled++;
      if (settled === total) resolve();
    };
    const send = (index: number) => {
      const due = started + index * interval;
      const { path, body } = options.bodies[index % options.bodies.length] as { path: string; body: string };
      // Each request ends once: answered in full, or failed (refused, reset, timed out).
      let ended = false;
      const end = (answered: boolean) => {
        if (ended) return;
        ended = true;
        if (answered) latencies.push(performance.now() - due);
        else errors++;
        settle();
      };
      const request = http.request(
        {
          host: target.hostname,
          port: target.port,
          path,
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (response) => {
          if (response.statusCode !== 200) errors++;
          response.resume();
          response.on('end', () => end(true));
          response.on('error', () => end(false));
        },
      );
      request.on('error', () => end(false));
      // A peer that stops answering fails its requests instead of stalling the run.
      request.setTimeout(REQUEST_TIMEOUT_MS, () => request.destroy(new Error('timed out')));
      request.end(body);
    };
    let next = 0;
    const tick = () => {
      const now = performance.now();
      while (next < total && started + next * interval <= now) send(next++);
      if (next < total) setTimeout(tick, Math.max(0, started + next * interval - performance.now()));
    };
    tick();
  });
  await finished;
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  const sorted = latencies.sort((a, b) => a - b);
  const at = (share: number) =>
    Number((sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? Number.NaN).toFixed(1));
  return {
    latency: { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: Number((sorted.at(-1) ?? Number.NaN).toFixed(1)) },
    achieved: latencies.length / elapsed,
    sent: total,
    errors,
  };
}
