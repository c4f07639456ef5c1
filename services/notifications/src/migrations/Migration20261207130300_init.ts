import { Migration } from '@mikro-orm/migrations';
import { auditTableSql, dbRoles, OUTBOX_EVENTS, tenantTableRls } from '@kn/platform';

const S = 'notifications';
const APP = dbRoles(S).app;
const EVENTS = OUTBOX_EVENTS.map((e) => `'${e}'`).join(', ');

/**
 * The notifications schema (issue #14 §3). The worker relays every emitting subgraph's outbox here:
 * one `notification` per event (unique per source and outbox id: a relay repeated after a crash
 * writes nothing twice) and one `webhook_delivery` per event and matching webhook (unique the same
 * way). Readers' "read" marks are per reader. Every table tenant-owned, RLS forced.
 */
export class Migration20261207130300_init extends Migration {
  override async up(): Promise<void> {
    const sql = [
      `create table ${S}.notification (
        tenant_id text not null,
        id uuid not null default gen_random_uuid(),
        source text not null,
        outbox_id uuid not null,
        event text not null check (event in (${EVENTS})),
        subject_type text not null,
        subject_id uuid not null,
        payload jsonb not null,
        recipient_roles text[] not null,
        recipient_sponsors uuid[] not null,
        recipient_units uuid[] not null,
        actor text,
        occurred_at timestamptz not null,
        created_at timestamptz not null default now(),
        primary key (tenant_id, id),
        unique (tenant_id, source, outbox_id)
      )`,
      `create index notification_occurred on ${S}.notification (tenant_id, occurred_at desc, id desc)`,
      `create index notification_sponsors on ${S}.notification using gin (recipient_sponsors)`,
      ...tenantTableRls(S, 'notification'),
      `revoke update, delete, truncate on ${S}.notification from "${APP}"`,

      `create table ${S}.notification_read (
        tenant_id text not null,
        notification_id uuid not null,
        reader text not null,
        read_at timestamptz not null default now(),
        primary key (tenant_id, reader, notification_id),
        foreign key (tenant_id, notification_id) references ${S}.notification (tenant_id, id)
      )`,
      ...tenantTableRls(S, 'notification_read'),

      `create table ${S}.webhook (
        tenant_id text not null,
        id uuid not null,
        url text not null check (url ~ '^https?://' and length(url) <= 2000),
        events text[] not null check (cardinality(events) > 0 and events <@ array[${EVENTS}]::text[]),
        active boolean not null default true,
        created_at timestamptz not null default now(),
        created_by text not null,
        version int not null default 1,
        primary key (tenant_id, id)
      )`,
      ...tenantTableRls(S, 'webhook'),
      // the secret signs deliveries, so it is kept as given (an HMAC needs it), apart from the
      // webhook: the audit log records the webhook's registration, never its secret
      `create table ${S}.webhook_secret (
        tenant_id text not null,
        webhook_id uuid not null,
        secret text not null check (length(secret) between 16 and 200),
        primary key (tenant_id, webhook_id),
        foreign key (tenant_id, webhook_id) references ${S}.webhook (tenant_id, id)
      )`,
      ...tenantTableRls(S, 'webhook_secret'),

      `create table ${S}.webhook_delivery (
        tenant_id text not null,
        id uuid not null default gen_random_uuid(),
        webhook_id uuid not null,
        source text not null,
        outbox_id uuid not null,
        event text not null,
        body text not null,
        status text not null default 'PENDING' check (status in ('PENDING', 'DELIVERED', 'FAILED')),
        attempts int not null default 0,
        next_attempt_at timestamptz not null default now(),
        lease_until timestamptz,
        last_status int,
        last_error text,
        delivered_at timestamptz,
        created_at timestamptz not null default now(),
        primary key (tenant_id, id),
        unique (tenant_id, webhook_id, source, outbox_id),
        foreign key (tenant_id, webhook_id) references ${S}.webhook (tenant_id, id)
      )`,
      `create index webhook_delivery_due on ${S}.webhook_delivery (tenant_id, next_attempt_at) where status = 'PENDING'`,
      `create index webhook_delivery_list on ${S}.webhook_delivery (tenant_id, created_at desc, id desc)`,
      ...tenantTableRls(S, 'webhook_delivery'),
      `revoke delete, truncate on ${S}.webhook_delivery from "${APP}"`,

      `create table ${S}.notification_setting (
        tenant_id text not null primary key,
        reminder_days_before int[] not null check (cardinality(reminder_days_before) between 1 and 10 and 0 < all(reminder_days_before) and 366 > all(reminder_days_before)),
        provenance jsonb not null check (jsonb_typeof(provenance) = 'object' and provenance->>'kind' in ('DOCUMENT', 'INTERPRETATION', 'PROVINCE_SETTING', 'EXTERNAL', 'SYNTHETIC')),
        version int not null default 1,
        updated_at timestamptz not null default now()
      )`,
      ...tenantTableRls(S, 'notification_setting'),

      ...auditTableSql(S, APP),
      `create table ${S}.seed_log (name text primary key, applied_at timestamptz not null default now())`,
      `revoke all on ${S}.seed_log from "${APP}"`,
    ];
    for (const s of sql) this.addSql(s);
  }
}
