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
export function tenantWhere(alias: string, tenant: string | readonly string[] | null): { sql: string; params: unknown[] } {
  if (tenant === null) return { sql: 'true', params: [] };
  if (typeof tenant !== 'string') {
    if (tenant.length === 1) return { sql: `${alias}.tenant_id = ?`, params: [tenant[0]] };
    return { sql: `${alias}.tenant_id = any(?::text[])`, params: [pgArray(tenant)] };
  }
  return { sql: `${alias}.tenant_id = ?`, params: [tenant] };
}

/** A bigint from PostgreSQL (a `bigint`/`numeric` comes as text; a sum of nothing as null) as a bigint. */
export const big = (v: unknown): bigint => (v === null || v === undefined ? 0n : BigInt(String(v)));
/** A count or integer from PostgreSQL (text or null) as a number. */
export const int = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
