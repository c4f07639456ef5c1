import { createHmac, randomUUID } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import pg from 'pg';
import {
  publicOnlyLookup,
  READ_ALL_SETTING,
  TENANT_SETTING,
  todayInVietnam,
  webhookUrlProblem,
  type Logger,
  type ReminderScan,
} from '@kn/platform';
import type { WorkerEnv } from './env.js';

/** Reminder days of a province that set none (the notifications subgraph's default, said there too). */
const DEFAULT_REMINDER_DAYS = [7, 1];

export interface OutboxSource {
  name: string;
  pool: pg.Pool;
  reminders?: ReminderScan;
}

export interface WorkerStats {
  relayed: number;
  delivered: number;
  retried: number;
  failed: number;
  reminders: number;
  lastReminderRun: string | null;
}

/**
 * POSTs a webhook delivery and answers the HTTP status (redirects are not followed: a 3xx is the
 * answer). Unless `allowPrivate` (tests and development only), the target must be a public address:
 * an IP literal is checked here, a name at connection time on the address the socket connects to
 * (`publicOnlyLookup`), so a name that resolves to a private address since its registration (DNS
 * rebinding) is refused, as a failed attempt.
 */
export async function postWebhook(target: string, body: string, headers: Record<string, string>, timeoutMs: number, allowPrivate: boolean): Promise<number> {
  const url = new URL(target);
  const problem = webhookUrlProblem(url, allowPrivate);
  if (problem) throw new Error(`WEBHOOK_TARGET_NOT_ALLOWED: ${problem.message}`);
  const send = url.protocol === 'https:' ? https.request : http.request;
  return new Promise<number>((resolve, reject) => {
    const req = send(url, {
      method: 'POST',
      headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      agent: false,
      ...(allowPrivate ? {} : { lookup: publicOnlyLookup }),
    }, (res) => {
      clearTimeout(timer);
      res.on('error', () => undefined); // the answer's body is not read: a reset after the status changes nothing
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    const timer = setTimeout(() => req.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { name: 'TimeoutError' })), timeoutMs);
    req.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    req.end(body);
  });
}

/**
 * Runs `fn` with a client of `pool`. While it is checked out the client has an 'error' listener: a
 * connection that the server ends between two queries (PostgreSQL restarted) emits 'error' on the
 * client, not on the pool, and unheard it would end the process. A client that failed is destroyed,
 * not returned to the pool.
 */
async function withClient<T>(pool: pg.Pool, fn: (c: pg.PoolClient) => Promise<T>, reset = false): Promise<T> {
  const c = await pool.connect();
  let lost: Error | undefined;
  const onError = (err: Error) => {
    lost = err;
  };
  c.on('error', onError);
  let failed: unknown;
  try {
    return await fn(c);
  } catch (e) {
    failed = e;
    throw e;
  } finally {
    c.off('error', onError);
    // destroyed rather than pooled: a broken connection, or one carrying session settings (`reset`)
    c.release(lost ?? (failed instanceof Error ? failed : failed !== undefined ? new Error(String(failed)) : reset ? true : undefined));
  }
}

/** Runs `fn` in one transaction of `pool` with the RLS settings of `tenant` (null: reading across tenants). */
function inTx<T>(pool: pg.Pool, tenant: string | null, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  return withClient(pool, async (c) => {
    await c.query('begin');
    try {
      await c.query(`select set_config('${TENANT_SETTING}', $1, true), set_config('${READ_ALL_SETTING}', $2, true)`, [tenant ?? '', tenant ? 'off' : 'on']);
      const out = await fn(c);
      await c.query('commit');
      return out;
    } catch (e) {
      await c.query('rollback').catch(() => undefined);
      throw e;
    }
  });
}

/** The signature header of a body: `sha256=<hex HMAC-SHA256 with the webhook's secret>`. */
export const signBody = (secret: string, body: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/** Delay before attempt `attempts + 1`: base × 2^(attempts − 1), capped. */
export const backoffMs = (attempts: number, base: number, max: number) => Math.min(max, base * 2 ** Math.max(0, attempts - 1));

/**
 * The outbox worker (issue #14 §3). Stateless: every fact lives in PostgreSQL, so several may run
 * and any may be killed at any moment.
 *
 * - **Relay**: per source subgraph and tenant, lock a batch of unrelayed outbox rows (`FOR UPDATE
 *   SKIP LOCKED`: workers take different rows), write their notifications and webhook deliveries
 *   in the notifications schema (`ON CONFLICT DO NOTHING` on `(tenant, source, outbox id)`), commit
 *   that, then mark the rows relayed. A crash between the two commits relays the rows again, which
 *   writes nothing twice.
 * - **Deliver**: claim due deliveries with a lease (`FOR UPDATE SKIP LOCKED`, attempts + 1, lease
 *   until now + WEBHOOK_LEASE_MS; committed before any HTTP), POST each, record the answer: 2xx →
 *   DELIVERED (never sent again), else retried after exponential backoff, FAILED after the last
 *   attempt. A worker that dies holding a lease leaves the delivery to another once it expires.
 * - **Reminders**: each source's scan (its own SQL, its own role) with the provinces' reminder days;
 *   every reminder has a unique key, so scans repeated, concurrent or after a crash send each once.
 */
export class OutboxWorker {
  readonly stats: WorkerStats = { relayed: 0, delivered: 0, retried: 0, failed: 0, reminders: 0, lastReminderRun: null };
  private stopping = false;
  private loop: Promise<void> | null = null;
  private lastReminderAt = 0;
  private wake: (() => void) | null = null;

  constructor(
    private readonly env: WorkerEnv,
    private readonly notifications: pg.Pool,
    private readonly sources: OutboxSource[],
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      let busy = false;
      try {
        if (Date.now() - this.lastReminderAt >= this.env.REMINDER_EVERY_MS) {
          this.lastReminderAt = Date.now();
          await this.reminders();
        }
        busy = (await this.relay()) > 0;
        busy = (await this.deliver()) > 0 || busy;
      } catch (err) {
        this.logger.error({ err }, 'worker round failed; retrying');
      }
      if (!busy && !this.stopping) {
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, this.env.WORKER_POLL_MS);
          this.wake = () => (clearTimeout(t), resolve());
        });
        this.wake = null;
      }
    }
  }

  /** One relay round over every source and tenant with pending rows; returns how many rows were relayed. */
  async relay(): Promise<number> {
    let total = 0;
    for (const src of this.sources) {
      const tenants = await inTx(src.pool, null, async (c) =>
        (await c.query(`select distinct tenant_id from "${src.name}".outbox where relayed_at is null`)).rows.map((r) => String(r.tenant_id)),
      );
      for (const tenant of tenants) total += await this.relayTenant(src, tenant);
    }
    this.stats.relayed += total;
    return total;
  }

  private relayTenant(src: OutboxSource, tenant: string): Promise<number> {
    return inTx(src.pool, tenant, async (c) => {
      const { rows } = await c.query(
        `select id, event, subject_type, subject_id, payload, recipient_roles, recipient_sponsors, recipient_units, actor, created_at
           from "${src.name}".outbox where tenant_id = $1 and relayed_at is null
          order by seq limit $2 for update skip locked`,
        [tenant, this.env.WORKER_BATCH],
      );
      if (rows.length === 0) return 0;
      await inTx(this.notifications, tenant, async (n) => {
        const hooks = (await n.query(`select id, events from notifications.webhook where tenant_id = $1 and active`, [tenant])).rows;
        for (const r of rows) {
          await n.query(
            `insert into notifications.notification
               (tenant_id, source, outbox_id, event, subject_type, subject_id, payload, recipient_roles, recipient_sponsors, recipient_units, actor, occurred_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
             on conflict (tenant_id, source, outbox_id) do nothing`,
            [tenant, src.name, r.id, r.event, r.subject_type, r.subject_id, r.payload, r.recipient_roles, r.recipient_sponsors, r.recipient_units, r.actor, r.created_at],
          );
          for (const h of hooks) {
            if (!(h.events as string[]).includes(String(r.event))) continue;
            const deliveryId = randomUUID();
            const body = JSON.stringify({
              deliveryId,
              eventId: r.id,
              event: r.event,
              tenant,
              source: src.name,
              subject: { type: r.subject_type, id: r.subject_id },
              payload: r.payload,
              occurredAt: new Date(r.created_at as string).toISOString(),
            });
            await n.query(
              `insert into notifications.webhook_delivery (tenant_id, id, webhook_id, source, outbox_id, event, body)
               values ($1, $2, $3, $4, $5, $6, $7) on conflict (tenant_id, webhook_id, source, outbox_id) do nothing`,
              [tenant, deliveryId, h.id, src.name, r.id, r.event, body],
            );
          }
        }
      });
      await c.query(`update "${src.name}".outbox set relayed_at = now() where tenant_id = $1 and id = any($2::uuid[])`, [tenant, rows.map((r) => r.id)]);
      return rows.length;
    });
  }

  /** One delivery round: claims due deliveries of every tenant, POSTs them, records each answer. */
  async deliver(): Promise<number> {
    const tenants = await inTx(this.notifications, null, async (c) =>
      (
        await c.query(
          `select distinct tenant_id from notifications.webhook_delivery
            where status = 'PENDING' and next_attempt_at <= now() and (lease_until is null or lease_until < now())`,
        )
      ).rows.map((r) => String(r.tenant_id)),
    );
    let total = 0;
    for (const tenant of tenants) {
      const claimed = await inTx(this.notifications, tenant, async (c) =>
        (
          await c.query(
            `with due as (
               select id from notifications.webhook_delivery
                where tenant_id = $1 and status = 'PENDING' and next_attempt_at <= now() and (lease_until is null or lease_until < now())
                order by next_attempt_at, id limit $2 for update skip locked)
             update notifications.webhook_delivery d
                set attempts = d.attempts + 1, lease_until = now() + make_interval(secs => $3::float8 / 1000)
               from due, notifications.webhook w, notifications.webhook_secret s
              where d.tenant_id = $1 and d.id = due.id and w.tenant_id = d.tenant_id and w.id = d.webhook_id
                and s.tenant_id = w.tenant_id and s.webhook_id = w.id
             returning d.id, d.event, d.body, d.attempts, w.url, s.secret`,
            [tenant, this.env.WORKER_BATCH, this.env.WEBHOOK_LEASE_MS],
          )
        ).rows,
      );
      total += claimed.length;
      const queue = [...claimed];
      const lanes = Array.from({ length: Math.min(this.env.WEBHOOK_CONCURRENCY, queue.length) }, async () => {
        for (let d = queue.shift(); d; d = queue.shift()) await this.send(tenant, d);
      });
      await Promise.all(lanes);
    }
    return total;
  }

  private async send(tenant: string, d: Record<string, unknown>): Promise<void> {
    const body = String(d.body);
    const attempts = Number(d.attempts);
    let status: number | null = null;
    let error: string | null = null;
    try {
      status = await postWebhook(String(d.url), body, {
        'content-type': 'application/json',
        'user-agent': 'ket-nghia-webhooks/1',
        'x-kn-delivery': String(d.id),
        'x-kn-event': String(d.event),
        'x-kn-attempt': String(attempts),
        'x-kn-signature-256': signBody(String(d.secret), body),
      }, this.env.WEBHOOK_TIMEOUT_MS, this.env.WEBHOOK_ALLOW_PRIVATE);
    } catch (e) {
      error = e instanceof Error ? `${e.name}: ${e.message}`.slice(0, 500) : String(e).slice(0, 500);
    }
    const ok = status !== null && status >= 200 && status < 300;
    if (ok) {
      // 2xx: delivered, whatever else happened meanwhile (a lease that expired while it was sent)
      await inTx(this.notifications, tenant, (c) =>
        c.query(
          `update notifications.webhook_delivery set status = 'DELIVERED', delivered_at = now(), lease_until = null, last_status = $3, last_error = null
            where tenant_id = $1 and id = $2 and status = 'PENDING'`,
          [tenant, d.id, status],
        ),
      );
      this.stats.delivered += 1;
      return;
    }
    const giveUp = attempts >= this.env.WEBHOOK_MAX_ATTEMPTS;
    const delay = backoffMs(attempts, this.env.WEBHOOK_BACKOFF_MS, this.env.WEBHOOK_BACKOFF_MAX_MS);
    error ??= `HTTP ${status}`;
    // only the claim that made this attempt records its failure (a later claim may be running)
    await inTx(this.notifications, tenant, (c) =>
      c.query(
        `update notifications.webhook_delivery
            set status = $4, lease_until = null, last_status = $5, last_error = $6,
                next_attempt_at = now() + make_interval(secs => $7::float8 / 1000)
          where tenant_id = $1 and id = $2 and status = 'PENDING' and attempts = $3`,
        [tenant, d.id, attempts, giveUp ? 'FAILED' : 'PENDING', status, error, delay],
      ),
    );
    if (giveUp) this.stats.failed += 1;
    else this.stats.retried += 1;
    this.logger.warn({ tenant, delivery: d.id, attempts, status, error, giveUp }, 'webhook delivery failed');
  }

  /** The deadline scan of every source, with each province's reminder days. */
  async reminders(): Promise<number> {
    const settings = await inTx(this.notifications, null, async (c) =>
      (await c.query(`select tenant_id, reminder_days_before from notifications.notification_setting`)).rows,
    );
    const days = new Map(settings.map((s) => [String(s.tenant_id), (s.reminder_days_before as number[]).map(Number)]));
    const today = todayInVietnam();
    let created = 0;
    for (const src of this.sources) {
      const scan = src.reminders;
      if (!scan) continue;
      try {
        // reads across tenants; each tenant's writes run in their own transaction (inTenant turns
        // read_all off); the session-level settings must not follow the connection back into the pool
        created += await withClient(src.pool, async (c) => {
          await c.query(`select set_config('${READ_ALL_SETTING}', 'on', false), set_config('${TENANT_SETTING}', '', false)`);
          return scan(c, {
            today,
            daysBefore: (tenant) => days.get(tenant) ?? DEFAULT_REMINDER_DAYS,
            overdueWindowDays: this.env.REMINDER_OVERDUE_WINDOW_DAYS,
          });
        }, true);
      } catch (err) {
        this.logger.error({ err, source: src.name }, 'reminder scan failed');
      }
    }
    this.stats.reminders += created;
    this.stats.lastReminderRun = today;
    if (created) this.logger.info({ created, today }, 'deadline reminders enqueued');
    return created;
  }
}
