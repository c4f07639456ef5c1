import autocannon from 'autocannon';
import { Samples, summarize, type LatencySummary } from './stats.js';
import type { BenchRequest } from './scenarios/types.js';

export interface LoadOptions {
  url: string;
  requests: BenchRequest[];
  connections: number;
  durationSec: number;
  /** Requests before a response counts as a timeout. */
  timeoutSec?: number;
}

export interface LoadResult {
  requests: number;
  durationSec: number;
  rps: number;
  latency: LatencySummary;
  /** Responses with a status other than 2xx. */
  non2xx: number;
  /** 2xx responses whose body has `errors`. */
  graphqlErrors: number;
  /** Socket errors and timeouts. */
  transportErrors: number;
  /** First error body seen (for the log). */
  firstError?: string;
}

/**
 * Drives the pool of requests at `url` with autocannon: `connections` concurrent keep-alive
 * clients, each sending its next request as soon as the previous answer arrives, cycling through
 * the pool. Latency is recorded per response by this harness (autocannon reports no p95).
 */
export function drive(opts: LoadOptions): Promise<LoadResult> {
  const u = new URL(opts.url);
  let next = 0;
  const pool = opts.requests;
  if (pool.length === 0) throw new Error('empty request pool');
  const samples = new Samples();
  let graphqlErrors = 0;
  let non2xx = 0;
  let firstError: string | undefined;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${u.protocol}//${u.host}`,
        connections: opts.connections,
        duration: opts.durationSec,
        timeout: opts.timeoutSec ?? 10,
        requests: [
          {
            method: 'POST',
            path: u.pathname,
            setupRequest: (req) => {
              const r = pool[next++ % pool.length]!;
              return { ...req, headers: r.headers, body: bodyOf(r) };
            },
            onResponse: (status, body) => {
              if (status >= 200 && status < 300) {
                if (body.includes('"errors"')) {
                  graphqlErrors++;
                  firstError ??= body.slice(0, 500);
                }
              } else {
                non2xx++;
                firstError ??= `${status} ${body.slice(0, 500)}`;
              }
            },
          },
        ],
      },
      (err, result) => {
        if (err) return reject(err);
        const elapsed = (performance.now() - started) / 1000;
        const values = samples.values();
        resolve({
          requests: values.length,
          durationSec: elapsed,
          rps: values.length / Math.min(elapsed, opts.durationSec + 0.5),
          latency: summarize(values),
          non2xx,
          graphqlErrors,
          transportErrors: result.errors + result.timeouts,
          firstError,
        });
      },
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
      samples.push(responseTime);
    });
  });
}

let sends = 0;
/** The body to send: `bodyFor` with a number that no other send of this process had, else `body`. */
export function bodyOf(r: BenchRequest): string {
  return r.bodyFor ? r.bodyFor(sends++) : r.body;
}

/** One request, for checks and probes. */
export async function sendOnce(url: string, r: BenchRequest, extraHeaders: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(url, { method: 'POST', headers: { ...r.headers, ...extraHeaders }, body: bodyOf(r) });
  const text = await res.text();
  try {
    return { status: res.status, body: JSON.parse(text) };
  } catch {
    return { status: res.status, body: { raw: text.slice(0, 500) } };
  }
}
