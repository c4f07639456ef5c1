/**
 * A PostgreSQL array literal for one bound parameter (`= any(?::uuid[])`), quoting every element,
 * so a list binds as ONE parameter whatever the driver does with JS arrays.
 */
export function pgArray(values: readonly (string | number)[]): string {
  return `{${values.map((v) => `"${String(v).replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

/**
 * The tenant predicate for hand-written SQL, mirroring the ORM filter (the second belt; RLS is the
 * first). `tenant` null means the national role: no narrowing, RLS lets it read every tenant.
 */
export function tenantWhere(alias: string, tenant: string | null): { sql: string; params: unknown[] } {
  if (tenant === null) return { sql: 'true', params: [] };
  return { sql: `${alias}.tenant_id = ?`, params: [tenant] };
}
