import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findNginx, startNginx, type Balancer } from '@kn/devkit/nginx';
import type { ServiceProcess } from '@kn/devkit/processes';
import { platform, tokenFor } from '../support/client.js';
import { startExtraGateway } from '../support/gateway.js';

/**
 * Several gateway processes behind a real load balancer (nginx, Debian's package; `.ci/run`
 * installs it when missing): requests spread over both; one process killed mid-load costs at most
 * the requests that were in flight on it, and the survivor takes every request after.
 */
const nginx = findNginx();
if (!nginx) console.warn('load-balancer test SKIPPED: nginx is not installed (apt-get install nginx-light; .ci/run installs it)');

describe.skipIf(!nginx)('gateways behind nginx', () => {
  let dir: string;
  let gateways: ServiceProcess[] = [];
  let lb: Balancer;
  let token: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kn-nginx-'));
    // this test is about balancing, not limits: a fast machine sends thousands of requests in the
    // few seconds of load, past the default per-token budget (a 429 would count as a failure)
    const env = { RATE_LIMIT_PER_TOKEN: '1000000' };
    gateways = await Promise.all([startExtraGateway('gateway-lb-1', env), startExtraGateway('gateway-lb-2', env)]);
    lb = await startNginx({ upstreams: gateways.map((g) => g.url), dir });
    token = await tokenFor('lang-son', 'analyst', { sub: 'test:lb-load' });
  }, 120_000);

  afterAll(async () => {
    await lb?.stop();
    await Promise.all(gateways.map((g) => g.stop()));
    rmSync(dir, { recursive: true, force: true });
  });

  const ask = async (): Promise<{ ok: boolean; requestId: string | null; detail: string }> => {
    try {
      const res = await fetch(`${lb.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ communes(filter: { classification: BORDER }, first: 5) { totalCount nodes { code name } } }' }),
      });
      const body = (await res.json()) as { data?: { communes?: { totalCount: number } }; errors?: unknown[] };
      const ok = res.status === 200 && !body.errors && (body.data?.communes?.totalCount ?? 0) > 0;
      return { ok, requestId: res.headers.get('x-request-id'), detail: ok ? '' : `${res.status} ${JSON.stringify(body).slice(0, 200)}` };
    } catch (e) {
      return { ok: false, requestId: null, detail: e instanceof Error ? e.message : String(e) };
    }
  };

  it('spreads requests over both gateway processes', async () => {
    const results = await Promise.all(Array.from({ length: 40 }, ask));
    expect(results.filter((r) => !r.ok).map((r) => r.detail)).toEqual([]);
    // each gateway logs the request ids it served: both must have served some
    // (logs are buffered and written within about a second: wait until every id is there, at most 10 s)
    let served = [0, 0];
    for (const until = Date.now() + 10_000; served[0]! + served[1]! < 40 && Date.now() < until; ) {
      await new Promise((r) => setTimeout(r, 250));
      served = gateways.map((g) => {
        const text = readFileSync(join(platform().logDir, `${g.name}.log`), 'utf8');
        return results.filter((r) => r.requestId && text.includes(r.requestId)).length;
      });
    }
    expect(served[0]! + served[1]!).toBe(40);
    expect(Math.min(...served)).toBeGreaterThan(0);
  });

  it('a gateway killed under load: at most the requests in flight fail, then the other takes all', async () => {
    const clients = 8;
    const until = Date.now() + 4000;
    let failedBeforeKill = 0;
    const failures: { at: number; detail: string }[] = [];
    let killedAt = 0;
    let served = 0;
    const killer = (async () => {
      await new Promise((r) => setTimeout(r, 1500));
      killedAt = Date.now();
      gateways[0]!.child.kill('SIGKILL');
    })();
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (Date.now() < until) {
          const r = await ask();
          if (r.ok) served++;
          else if (!killedAt) failedBeforeKill++;
          else failures.push({ at: Date.now() - killedAt, detail: r.detail });
        }
      }),
    );
    await killer;
    const kinds = [...new Set(failures.map((f) => f.detail))].slice(0, 5).join(' | ');
    expect(failedBeforeKill).toBe(0);
    expect(served).toBeGreaterThan(20);
    // each client has at most one request in flight: at most `clients` can have been on the killed process
    expect(failures.length, `failures after the kill: ${kinds}`).toBeLessThanOrEqual(clients);
    // and nothing fails once the balancer has seen the process gone (a second is generous)
    expect(failures.filter((f) => f.at > 1000)).toEqual([]);
    console.log(`load balancer: ${served} answered, ${failures.length} failed after killing one of two gateways (${clients} clients)`);
  }, 60_000);
});
