import type { Role } from './identity.js';
import { pgArray } from './sql.js';
import { tenantTableRls } from './rls.js';

/**
 * The transactional outbox (issue #14 §3). A change that someone must act on writes ONE outbox row
 * in the same transaction as the change (`enqueueOutbox`), in the outbox table of the subgraph that
 * owns the change; the worker process (`services/worker`) relays the rows to the notifications
 * subgraph (in-graph notifications, webhook deliveries), at least once, and the relay is idempotent
 * (unique `(tenant, source, outbox id)` there), so each event lands exactly once. Docs: docs/NOTIFICATIONS.md.
 */
export const OUTBOX_EVENTS = [
  /** Submitted for someone's review or approval (a report, a needs proposal, a yearly plan, an evaluation draft). */
  'SUBMITTED',
  /** Returned to its author with a reason (the review chain, #14 §2). */
  'RETURNED',
  /** Accepted (or approved): final. */
  'ACCEPTED',
  /** A deadline in N days (N: the province's reminder setting). */
  'DEADLINE_APPROACHING',
  /** A deadline passed with nothing submitted. */
  'DEADLINE_OVERDUE',
] as const;
export type OutboxEventName = (typeof OUTBOX_EVENTS)[number];

/**
 * Who is told. A staff member sees an event when one of its roles is named and, if a unit scope
 * narrows it, when the event touches one of its units or agencies; a sponsor identity sees the
 * events naming its sponsor. (`sponsor` is never a role here: sponsors are named by id.)
 */
export interface OutboxRecipients {
  roles?: readonly Exclude<Role, 'sponsor' | 'national'>[];
  sponsorIds?: readonly string[];
  unitIds?: readonly string[];
}

export interface OutboxMessage {
  tenant: string;
  event: OutboxEventName;
  /** The entity it is about: its GraphQL type name and id. */
  subject: { type: string; id: string };
  /** What a reader needs without asking again (ids, year, due date, …): JSON, no secrets. */
  payload: Record<string, unknown>;
  recipients: OutboxRecipients;
  /**
   * At most one row per key and tenant (reminders: `reminder:<report>:<due>:<days>`); a second
   * enqueue with the same key writes nothing. Without a key every call is a new event.
   */
  dedupeKey?: string;
  /** Who caused it (the identity's subject; the worker for reminders). */
  actor?: string;
}

/** Anything that runs SQL in the caller's transaction: an EntityManager (`execute`) or a pg client (`query`). */
export type OutboxExecutor =
  | { execute(sql: string, params?: unknown[]): Promise<unknown> }
  | { query(sql: string, params?: unknown[]): Promise<unknown> };

/** The schema an EntityManager was created for (`createOrm({ schema })`). */
const schemaOf = (db: OutboxExecutor): string | undefined => {
  const config = (db as { config?: { get(key: string): unknown } }).config;
  const s = config?.get('schema');
  return typeof s === 'string' && s ? s : undefined;
};

/**
 * Writes one outbox row in the caller's transaction: call it inside `ctx.write(…)` with its `em`, so
 * the row commits or rolls back with the change. Returns false when `dedupeKey` was used already.
 * `schema` defaults to the EntityManager's own (each subgraph writes only its own outbox).
 */
export async function enqueueOutbox(db: OutboxExecutor, message: OutboxMessage, schema = schemaOf(db)): Promise<boolean> {
  if (!schema) throw new Error('enqueueOutbox: no schema (pass it, or an EntityManager of a subgraph)');
  if (!OUTBOX_EVENTS.includes(message.event)) throw new Error(`enqueueOutbox: unknown event ${message.event}`);
  const r = message.recipients;
  const sql = `insert into "${schema}".outbox
      (tenant_id, event, subject_type, subject_id, payload, recipient_roles, recipient_sponsors, recipient_units, dedupe_key, actor)
      values (?, ?, ?, ?::uuid, ?::jsonb, ?::text[], ?::uuid[], ?::uuid[], ?, ?)
      on conflict (tenant_id, dedupe_key) where dedupe_key is not null do nothing
      returning id`;
  const params = [
    message.tenant,
    message.event,
    message.subject.type,
    message.subject.id,
    JSON.stringify(message.payload),
    pgArray(r.roles ?? []),
    pgArray(r.sponsorIds ?? []),
    pgArray(r.unitIds ?? []),
    message.dedupeKey ?? null,
    message.actor ?? null,
  ];
  let rows: unknown;
  if ('execute' in db) rows = await db.execute(sql, params);
  else {
    let i = 0;
    rows = ((await db.query(sql.replace(/\?/g, () => `$${++i}`), params)) as { rows: unknown[] }).rows;
  }
  return Array.isArray(rows) && rows.length > 0;
}

/** The outbox table of a subgraph that emits events (its migration adds it). */
export function outboxTableSql(schema: string, appRole: string): string[] {
  return [
    `create table "${schema}".outbox (
      tenant_id text not null,
      id uuid not null default gen_random_uuid(),
      seq bigint generated always as identity,
      event text not null,
      subject_type text not null,
      subject_id uuid not null,
      payload jsonb not null check (jsonb_typeof(payload) = 'object'),
      recipient_roles text[] not null default '{}',
      recipient_sponsors uuid[] not null default '{}',
      recipient_units uuid[] not null default '{}',
      dedupe_key text,
      actor text,
      created_at timestamptz not null default now(),
      relayed_at timestamptz,
      primary key (tenant_id, id)
    )`,
    `create unique index outbox_dedupe on "${schema}".outbox (tenant_id, dedupe_key) where dedupe_key is not null`,
    `create index outbox_pending on "${schema}".outbox (tenant_id, seq) where relayed_at is null`,
    ...tenantTableRls(schema, 'outbox'),
    // rows are marked relayed, never removed by the services
    `revoke delete, truncate on "${schema}".outbox from "${appRole}"`,
  ];
}

/** A subgraph's part in the reminders: what it owes the worker's daily scan. */
export interface ReminderScan {
  /**
   * Enqueues (with dedupe keys) the reminders due on `today` for every tenant, each tenant in its
   * own transaction of `client` (the subgraph's app role). `daysBefore(tenant)`: the province's
   * setting. Returns how many rows were new.
   */
  (client: OutboxScanClient, args: { today: string; daysBefore: (tenant: string) => readonly number[]; overdueWindowDays: number }): Promise<number>;
}

/** The part of a `pg` client a scan needs. */
export interface OutboxScanClient {
  query(sql: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

/**
 * The reminder threshold reached `daysLeft` days before a deadline: the smallest setting N with
 * daysLeft ≤ N (so a worker that was down on the day N fires the next tighter one, never both), or
 * null when none is reached yet.
 */
export function reminderThreshold(daysLeft: number, daysBefore: readonly number[]): number | null {
  const reached = daysBefore.filter((n) => daysLeft >= 0 && daysLeft <= n);
  return reached.length ? Math.min(...reached) : null;
}
