/**
 * SQL for the tenancy rules every subgraph's migrations apply to every tenant-owned table.
 *
 * - `app.tenant_id` (set per transaction from the verified identity) selects the tenant;
 * - `app.read_all = 'on'` (national role only) widens reads to every tenant, never writes;
 * - FORCE applies the policies to the tables' owner too; the services' role owns nothing.
 */
export const TENANT_SETTING = 'app.tenant_id';
export const READ_ALL_SETTING = 'app.read_all';
/** `'on'` when the caller is narrowed below its tenant by a unit scope (docs/SECURITY.md "Unit scopes"). */
export const SCOPED_SETTING = 'app.scoped';
/** The administrative units (communes, districts) a scoped caller reaches, as a uuid[] literal. */
export const SCOPE_UNITS_SETTING = 'app.scope_units';
/** The sponsors (agencies) a scoped caller acts for, as a uuid[] literal. */
export const SCOPE_SPONSORS_SETTING = 'app.scope_sponsors';

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

/** A uuid[] literal for a scope setting (`{}` when empty). */
export const uuidArrayLiteral = (ids: readonly string[]) => `{${ids.join(',')}}`;

const notScoped = `coalesce(current_setting('${SCOPED_SETTING}', true), '') <> 'on'`;
/** SQL true when `column` (a uuid) is one of the units the scope reaches. */
export const inScopeUnits = (column: string) =>
  `${column} = any(coalesce(nullif(current_setting('${SCOPE_UNITS_SETTING}', true), ''), '{}')::uuid[])`;
/** SQL true when `column` (a uuid) is one of the scope's sponsors (agencies). */
export const inScopeSponsors = (column: string) =>
  `${column} = any(coalesce(nullif(current_setting('${SCOPE_SPONSORS_SETTING}', true), ''), '{}')::uuid[])`;

/** SQL true when `column` (a uuid[]) names one of the units the scope reaches. */
export const overlapsScopeUnits = (column: string) =>
  `${column} && coalesce(nullif(current_setting('${SCOPE_UNITS_SETTING}', true), ''), '{}')::uuid[]`;
/** SQL true when `column` (a uuid[]) names one of the scope's sponsors (agencies). */
export const overlapsScopeSponsors = (column: string) =>
  `${column} && coalesce(nullif(current_setting('${SCOPE_SPONSORS_SETTING}', true), ''), '{}')::uuid[]`;

/**
 * The unit scope in PostgreSQL: one RESTRICTIVE policy (ANDed with the tenant policies) for every
 * command. When the transaction is not scoped (`app.scoped` unset or not 'on': unscoped callers,
 * migrations, seeds) it lets everything through; when it is, a row is visible and writable only if
 * `visible` holds — typically `inScopeUnits('commune_id') or inScopeSponsors('sponsor_id')`, or an
 * `exists` over a parent table, whose own policies then decide.
 */
export function scopeRls(schema: string, table: string, visible: string): string[] {
  const t = `"${schema}"."${table}"`;
  const cond = `(${notScoped} or (${visible}))`;
  return [`create policy unit_scope on ${t} as restrictive for all using ${cond} with check ${cond}`];
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
