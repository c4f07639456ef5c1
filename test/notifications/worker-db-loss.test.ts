import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceProcess } from '@kn/devkit/processes';
import { workerEnvFor } from '@kn/devkit/platform';
import { enqueueOutbox } from '@kn/platform/outbox';
import { inTenant } from '@kn/platform/seeding';
import { adminSql, platform } from '../support/client.js';
import { createTestTenant } from '../support/tenants.js';
import { eventually, startExtraWorker } from './support.js';

/**
 * A worker whose connections the server ends (PostgreSQL restarted, a backend terminated) keeps
 * running. The dangerous moment is a connection checked out of its pool but not querying — the
 * relay's source transaction, idle while the notifications are written: the server's goodbye is then
 * an 'error' event of the client, which nobody hears unless the worker listens, and an unheard
 * 'error' ends the process. (CI saw the platform's worker die when PostgreSQL restarted.)
 */
const APP = 'kn-worker-db-loss';
const EVENTS = 600;

const named = (url: string) => `${url}${url.includes('?') ? '&' : '?'}application_name=${APP}`;

describe('a worker whose database connections are cut', () => {
  let tenant: string;
  let worker: ServiceProcess;
  const exits: (number | null)[] = [];

  beforeAll(async () => {
    tenant = await createTestTenant('dbloss');
    const urls = Object.fromEntries(Object.entries(platform().dbUrls).map(([k, v]) => [k, { ...v, app: named(v.app) }]));
    // small batches: many source transactions, each idle while its notifications are written
    worker = await startExtraWorker('worker-db-loss', { ...workerEnvFor({ urls }), WORKER_BATCH: '5', WORKER_POLL_MS: '20' });
    worker.child.on('exit', (code) => exits.push(code));
  });
  afterAll(async () => {
    await worker?.stop();
  });

  it('goes on relaying, and every event becomes one notification', async () => {
    const c = new pg.Client({ connectionString: platform().dbUrls.evaluations!.app });
    await c.connect();
    const subjects: string[] = [];
    try {
      await inTenant(c, tenant, async () => {
        for (let i = 0; i < EVENTS; i++) {
          const id = randomUUID();
          subjects.push(id);
          await enqueueOutbox(c, { tenant, event: 'SUBMITTED', subject: { type: 'Report', id }, payload: { i }, recipients: { roles: ['officer'] } }, 'evaluations');
        }
      });
    } finally {
      await c.end();
    }

    // while the events are relayed: end this worker's connections that sit idle in a transaction
    // (checked out, between two queries), and now and then every one of them
    let idleInTx = 0;
    let all = 0;
    const until = Date.now() + 6000;
    for (let round = 0; Date.now() < until; round++) {
      const ended = await adminSql(
        `select state, pg_terminate_backend(pid) as ended from pg_stat_activity where application_name = $1 and (state = 'idle in transaction' or $2)`,
        [APP, round % 25 === 24],
      );
      idleInTx += ended.filter((r) => r.ended && r.state === 'idle in transaction').length;
      all += ended.filter((r) => r.ended).length;
      const [o] = await adminSql(`select count(*) filter (where relayed_at is null)::int as pending from evaluations.outbox where tenant_id = $1`, [tenant]);
      if (o.pending === 0) break;
      await new Promise((r) => setTimeout(r, 2));
    }
    console.log(`worker db loss: ${all} connections of the worker ended (${idleInTx} of them idle in a transaction)`);
    expect(idleInTx).toBeGreaterThan(0);

    const done = await eventually(async () => {
      const [o] = await adminSql(`select count(*) filter (where relayed_at is null)::int as pending from evaluations.outbox where tenant_id = $1`, [tenant]);
      return o.pending === 0;
    }, 60_000, 200);
    expect(done).toBe(true);
    const [n] = await adminSql(
      `select count(*)::int as n, count(distinct outbox_id)::int as events from notifications.notification
        where tenant_id = $1 and source = 'evaluations' and subject_id = any($2::uuid[])`,
      [tenant, subjects],
    );
    expect(n).toEqual({ n: EVENTS, events: EVENTS });
    // the same process, still answering
    expect(exits).toEqual([]);
    const health = (await (await fetch(worker.url)).json()) as { status: string; relayed: number };
    expect(health.status).toBe('ok');
  });
});
