import { Migration } from '@mikro-orm/migrations';
import { dbRoles, READ_ALL_SETTING, refreshTenantPoliciesSql, TENANT_SETTING } from '@kn/platform';

const S = 'communes';

/**
 * Issue #18 §2: tenant succession. A tenant succeeds others from a day (Đà Nẵng succeeds Quảng Nam
 * on 1/7/2025): the successor's users read the predecessors' history as their own past, the
 * predecessor writes nothing from that day. The record is the platform's (an operator's), visible to
 * both tenants it names; the gateway reads it to set the caller's lineage. Every tenant table's
 * policies learn `app.tenant_lineage` and `app.tenant_succeeded` (packages/platform/src/rls.ts).
 *
 * Not tenant-owned: a row names two tenants. No foreign key to `tenant` (a distributed table under
 * Citus; this one would be a reference table): the loader checks both tenants exist, each read in
 * its own tenant.
 */
export class Migration20261208010000_tenant_succession extends Migration {
  override async up(): Promise<void> {
    const mine = `current_setting('${TENANT_SETTING}', true)`;
    const sql = [
      `create table ${S}.tenant_succession (
        successor_id text not null check (successor_id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
        predecessor_id text not null check (predecessor_id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
        successor_name text not null,
        predecessor_name text not null,
        effective_on date not null,
        legal_basis text not null check (length(btrim(legal_basis)) between 1 and 500),
        provenance jsonb not null check (jsonb_typeof(provenance) = 'object'
          and provenance->>'kind' in ('DOCUMENT', 'INTERPRETATION', 'PROVINCE_SETTING', 'EXTERNAL', 'SYNTHETIC')),
        recorded_by text not null,
        recorded_at timestamptz not null default now(),
        primary key (predecessor_id),
        check (successor_id <> predecessor_id)
      )`,
      `create index tenant_succession_successor on ${S}.tenant_succession (successor_id)`,
      `alter table ${S}.tenant_succession enable row level security`,
      `alter table ${S}.tenant_succession force row level security`,
      // each tenant reads the successions naming it; written by the tooling (owner role) only
      `create policy succession_read on ${S}.tenant_succession for select
         using (successor_id = ${mine} or predecessor_id = ${mine} or current_setting('${READ_ALL_SETTING}', true) = 'on')`,
      `create policy succession_write on ${S}.tenant_succession for all to "${dbRoles(S).owner}" using (true) with check (true)`,
      `revoke insert, update, delete, truncate on ${S}.tenant_succession from "${dbRoles(S).app}"`,
      refreshTenantPoliciesSql(S),
    ];
    for (const s of sql) this.addSql(s);
  }
}
