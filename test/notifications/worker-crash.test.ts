import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceProcess } from '@kn/devkit/processes';
import { enqueueOutbox } from '@kn/platform/outbox';
import { inTenant } from '@kn/platform/seeding';
import { adminSql, gql, ok, platform } from '../support/client.js';
import { writableTenant, type WritableTenant } from '../sponsors/support.js';
import { dayFromToday, eventually, REGISTER, startExtraWorker, startReceiver } from './support.js';

/**
 * Workers are stateless and several run: one is killed (SIGKILL) in the middle of a batch, and
 * nothing is lost or doubled — every event becomes one notification and one delivery answered 2xx,
 * and every deadline reminder is sent once.
 */
const SECRET = 'khóa-bí-mật-kiểm-thử-sập-0123';
const EVENTS = 300;

describe('a worker killed mid-batch', () => {
  let t: WritableTenant;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const workers: ServiceProcess[] = [];
  const subjects: string[] = [];

  beforeAll(async () => {
    t = await writableTenant('crash');
    // a slow partner (25 ms an answer) that refuses the first attempt of one delivery in four
    receiver = await startReceiver(SECRET, (r, seen) => (seen === 0 && parseInt(r.deliveryId.slice(-1), 16) % 4 === 0 ? 503 : 200), 25);
    ok(await gql(t.admin, REGISTER, { i: { url: `${receiver.url}/hook`, events: ['SUBMITTED', 'DEADLINE_APPROACHING'], secret: SECRET } }));
    // needs proposals due in 2 days, reminded 3 days before: one reminder per twinning (A and B)
    ok(await gql(t.admin, `mutation { setReminderDays(days: [3]) { version } }`));
    const soon = dayFromToday(2);
    ok(await gql(t.admin, `mutation($m: Int!, $d: Int!) { setCycleDeadline(step: NEEDS_PROPOSAL, month: $m, day: $d) { step } }`, { m: soon.month, d: soon.day }));
    workers.push(await startExtraWorker('worker-crash-1'), await startExtraWorker('worker-crash-2'));
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await receiver?.close();
  });

  it('loses and doubles nothing', async () => {
    // a burst of events, committed at once, written with the platform's own enqueueOutbox as the
    // evaluations subgraph's role (what its mutations do, 300 times over)
    const c = new pg.Client({ connectionString: platform().dbUrls.evaluations!.app });
    await c.connect();
    try {
      await inTenant(c, t.tenant, async () => {
        for (let i = 0; i < EVENTS; i++) {
          const id = randomUUID();
          subjects.push(id);
          await enqueueOutbox(c, { tenant: t.tenant, event: 'SUBMITTED', subject: { type: 'Report', id }, payload: { i }, recipients: { roles: ['officer'] } }, 'evaluations');
        }
      });
    } finally {
      await c.end();
    }

    // mid-batch: the receiver is answering, the first extra worker has done part of the work
    await eventually(async () => receiver.received.length >= 40, 30_000, 20);
    const victim = workers[0]!;
    const before = (await (await fetch(victim.url)).json()) as { relayed: number; delivered: number };
    const exited = new Promise<NodeJS.Signals | null>((resolve) => victim.child.once('exit', (_code, signal) => resolve(signal)));
    victim.child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const postsAtKill = receiver.received.length;
    workers.push(await startExtraWorker('worker-crash-3'));

    const done = await eventually(async () => {
      const [o] = await adminSql(`select count(*) filter (where relayed_at is null)::int as pending from evaluations.outbox where tenant_id = $1`, [t.tenant]);
      const [d] = await adminSql(`select count(*)::int as n, count(*) filter (where status <> 'DELIVERED')::int as open from notifications.webhook_delivery where tenant_id = $1 and event = 'SUBMITTED'`, [t.tenant]);
      return o.pending === 0 && d.n === EVENTS && d.open === 0;
    }, 90_000, 250);
    expect(done).toBe(true);

    // notifications: one per event, none lost, none doubled
    const [n] = await adminSql(
      `select count(*)::int as n, count(distinct outbox_id)::int as events, count(distinct subject_id)::int as subjects
         from notifications.notification where tenant_id = $1 and source = 'evaluations' and subject_id = any($2::uuid[])`,
      [t.tenant, subjects],
    );
    expect(n).toEqual({ n: EVENTS, events: EVENTS, subjects: EVENTS });
    // webhooks: every delivery answered 2xx at least once, and the database recorded each once
    const ids = (await adminSql(`select id from notifications.webhook_delivery where tenant_id = $1 and event = 'SUBMITTED'`, [t.tenant])).map((r) => r.id as string);
    const ok2xx = new Map<string, number>();
    for (const r of receiver.received) if (r.answered < 300 && r.event === 'SUBMITTED') ok2xx.set(r.deliveryId, (ok2xx.get(r.deliveryId) ?? 0) + 1);
    expect(new Set(ok2xx.keys())).toEqual(new Set(ids));
    expect(receiver.received.every((r) => r.signatureValid)).toBe(true);
    // a delivery answered 2xx whose worker died before recording it is sent again (its id is the
    // same, so the receiver can tell): only those in flight at the kill, at most one per lane
    const doubled = [...ok2xx.values()].filter((v) => v > 1).length;
    expect(doubled).toBeLessThanOrEqual(8);
    // reminders: once per twinning, whatever the kills and concurrent scans
    const reminders = await adminSql(
      `select subject_id, count(*)::int as n from notifications.notification where tenant_id = $1 and event = 'DEADLINE_APPROACHING' group by 1 order by 1`,
      [t.tenant],
    );
    expect(reminders.map((r) => r.n)).toEqual([1, 1]);
    expect(new Set(reminders.map((r) => r.subject_id))).toEqual(new Set([t.twinningA, t.twinningB]));
    console.log(
      `worker crash: ${EVENTS} events; killed worker had relayed ${before.relayed} and delivered ${before.delivered}; ${postsAtKill} POSTs before the kill, ` +
        `${receiver.received.length} in all; deliveries answered 2xx twice: ${doubled}`,
    );
  });
});
