/**
 * SQL for the tenancy rules every subgraph's migrations apply to every tenant-owned table.
 *
 * - `app.tenant_id` (set per transaction from the verified identity) selects the tenant;
 * - `app.read_all = 'on'` (national role only) widens reads to every tenant, never writes;
 * - FORCE applies the policies to the tables' owner too; the services' role owns nothing.
 */
export const TENANT_SETTING = 'app.tenant_id';
export const READ_ALL_SETTING = 'app.read_all';

const tenantMatch = `tenant_id = current_setting('${TENANT_SETTING}', true)`;
const readAll = `current_setting('${READ_ALL_SETTING}', true) = 'on'`;

export function tenantTableRls(schema: string, table: string): string[] {
  const t = `"${schema}"."${table}"`;
  return [
    `alter table ${t} enable row level security`,
    `alter table ${t} force row level security`,
    `create policy tenant_read on ${t} for select using (${tenantMatch} or ${readAll})`,
    `create policy tenant_insert on ${t} for insert with check (${tenantMatch})`,
    `create policy tenant_update on ${t} for update using (${tenantMatch}) with check (${tenantMatch})`,
    `create policy tenant_delete on ${t} for delete using (${tenantMatch})`,
  ];
}

/** The audit table every subgraph has in its own schema: append-only for the service role. */
export function auditTableSql(schema: string, appRole: string): string[] {
  return [
    `create table "${schema}".audit_log (
      tenant_id text not null,
      id uuid not null default gen_random_uuid(),
      at timestamptz not null default now(),
      actor text not null,
      actor_roles text[] not null,
      via text not null,
      request_id text,
      operation text not null,
      changes jsonb not null,
      before jsonb not null,
      after jsonb not null,
      primary key (tenant_id, id)
    )`,
    `create index audit_log_at on "${schema}".audit_log (tenant_id, at desc)`,
    ...tenantTableRls(schema, 'audit_log'),
    `revoke update, delete, truncate on "${schema}".audit_log from "${appRole}"`,
  ];
}
