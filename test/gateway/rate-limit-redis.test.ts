import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createConnection } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '@kn/devkit/postgres';
import type { ServiceProcess } from '@kn/devkit/processes';
import { codes, gql, tokenFor } from '../support/client.js';
import { startExtraGateway } from '../support/gateway.js';

/**
 * Rate limits shared between gateway processes through a real Redis: this test starts its own
 * `redis-server` on a free port (Debian's redis-server; `.ci/run` installs it when missing).
 */
const haveRedis = spawnSync('redis-server', ['--version'], { encoding: 'utf8' }).status === 0;
if (!haveRedis) console.warn('rate-limit-redis: SKIPPED — no redis-server on PATH (install Debian\'s redis-server; .ci/run does)');

const pingable = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = createConnection({ host: '127.0.0.1', port }, () => s.write('PING\r\n'));
    s.once('data', (d) => {
      s.destroy();
      resolve(d.toString().startsWith('+PONG'));
    });
    s.once('error', () => resolve(false));
  });

describe.skipIf(!haveRedis)('rate limits shared through Redis (REDIS_URL)', () => {
  let redis: ChildProcess;
  let a: ServiceProcess, b: ServiceProcess;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    for (let i = 0; i < 50 && !(await pingable(port)); i++) await new Promise((r) => setTimeout(r, 100));
    expect(await pingable(port)).toBe(true);
    console.log(`rate-limit-redis: using its own redis-server on 127.0.0.1:${port}`);
    const env = { REDIS_URL: `redis://127.0.0.1:${port}`, RATE_LIMIT_PER_TOKEN: '6', RATE_LIMIT_WINDOW_SECONDS: '120' };
    [a, b] = await Promise.all([startExtraGateway('gateway-redis-a', env), startExtraGateway('gateway-redis-b', env)]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    redis?.kill('SIGKILL');
  });

  it('two gateway processes share one budget per subject, and say what is left in headers', async () => {
    const carol = await tokenFor('lang-son', 'analyst', { sub: `carol-${Date.now()}` });
    const q = '{ currentTenant { slug } }';
    const seen: string[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await fetch(i % 2 ? b.url : a.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${carol}` },
        body: JSON.stringify({ query: q }),
      });
      expect(res.status).toBe(200);
      seen.push(res.headers.get('x-ratelimit-remaining') ?? '');
      expect(res.headers.get('x-ratelimit-limit')).toBe('6');
    }
    // one counter for both processes: 5, 4, … 0 (in memory each would have counted 5, 5, 4, 4, …)
    expect(seen).toEqual(['5', '4', '3', '2', '1', '0']);
    const overA = await gql(carol, q, undefined, { url: a.url });
    const overB = await gql(carol, q, undefined, { url: b.url });
    expect([overA.status, overB.status]).toEqual([429, 429]);
    expect(codes(overB)).toEqual(['RATE_LIMITED']);
    // another subject has its own budget
    const dave = await tokenFor('lang-son', 'analyst', { sub: `dave-${Date.now()}` });
    expect((await gql(dave, q, undefined, { url: b.url })).errors).toBeUndefined();
  });

  it('Redis going away: each process goes on limiting in its own memory, not refusing everyone', async () => {
    redis.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 500));
    const erin = await tokenFor('lang-son', 'analyst', { sub: `erin-${Date.now()}` });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await gql(erin, '{ currentTenant { slug } }', undefined, { url: a.url })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429]);
  });
});
