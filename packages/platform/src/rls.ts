/**
 * SQL for the tenancy rules every subgraph's migrations apply to every tenant-owned table.
 *
 * - `app.tenant_id` (set per transaction from the verified identity) selects the tenant;
 * - `app.read_all = 'on'` (national role only) widens reads to every tenant, never writes;
 * - `app.tenant_lineage` (the tenants the caller's succeeded) widens reads to their rows, never
 *   writes; `app.tenant_succeeded = 'on'` (a tenant another has succeeded) refuses every write;
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

/** The tenants the caller's tenant succeeded (docs/SECURITY.md "Tenant succession"), as a text[] literal. */
export const LINEAGE_SETTING = 'app.tenant_lineage';
/** `'on'` when another tenant has succeeded the caller's: its rows are read, never written. */
export const SUCCEEDED_SETTING = 'app.tenant_succeeded';

const tenantMatch = `tenant_id = current_setting('${TENANT_SETTING}', true)`;
const readAll = `current_setting('${READ_ALL_SETTING}', true) = 'on'`;
const inLineage = `tenant_id = any(coalesce(nullif(current_setting('${LINEAGE_SETTING}', true), ''), '{}')::text[])`;
const writable = `coalesce(current_setting('${SUCCEEDED_SETTING}', true), '') <> 'on'`;

/** The tenancy policies' conditions: read your tenant and its predecessors; write your tenant while it is not succeeded. */
const POLICIES = {
  tenant_read: { command: 'select', using: `${tenantMatch} or ${inLineage} or ${readAll}`, check: null },
  tenant_insert: { command: 'insert', using: null, check: `${tenantMatch} and ${writable}` },
  tenant_update: { command: 'update', using: `${tenantMatch} and ${writable}`, check: `${tenantMatch} and ${writable}` },
  tenant_delete: { command: 'delete', using: `${tenantMatch} and ${writable}`, check: null },
} as const;

export function tenantTableRls(schema: string, table: string): string[] {
  const t = `"${schema}"."${table}"`;
  return [
    `alter table ${t} enable row level security`,
    `alter table ${t} force row level security`,
    ...Object.entries(POLICIES).map(
      ([name, p]) => `create policy ${name} on ${t} for ${p.command}${p.using ? ` using (${p.using})` : ''}${p.check ? ` with check (${p.check})` : ''}`,
    ),
  ];
}

/**
 * For a migration: the tenancy policies of every table of `schema` that has them, brought to
 * today's conditions (`tenantTableRls`) — how tenant succession reached the tables made before it.
 */
export function refreshTenantPoliciesSql(schema: string): string {
  const alters = Object.entries(POLICIES)
    .map(([name, p]) => {
      const clauses = `${p.using ? ` using (${p.using})` : ''}${p.check ? ` with check (${p.check})` : ''}`;
      return `    for t in select tablename from pg_policies where schemaname = '${schema}' and policyname = '${name}' loop
      execute format('alter policy ${name} on %I.%I${clauses.replace(/'/g, "''")}', '${schema}', t);
    end loop;`;
    })
    .join('\n');
  return `do $$\ndeclare t text;\nbegin\n${alters}\nend $$`;
}

/** A text[] literal of tenant slugs (`{}` when empty); slugs are `[a-z0-9-]`, nothing to quote. */
export const textArrayLiteral = (slugs: readonly string[]) => `{${slugs.filter((s) => /^[a-z0-9][a-z0-9-]{0,62}$/.test(s)).join(',')}}`;

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
