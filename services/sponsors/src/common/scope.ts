import { forbidden, ownSponsor, pgArray, type RequestContext } from '@kn/platform';

/**
 * SQL narrowing rows to what the caller may see (true when not narrowed): a sponsor identity to its
 * own sponsor, a unit-scoped caller (docs/SECURITY.md "Unit scopes") to the communes its scope
 * reaches and its agencies. `column` is the sponsor id column of the row: `<alias>.sponsor_id` of a
 * twinning or contribution (whose `<alias>.commune_id` is then read too), or `s.id` of a sponsor.
 * This is the application's belt; the `unit_scope` policies are PostgreSQL's.
 */
export function sponsorScope(ctx: RequestContext<unknown>, column: string): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const own = ownSponsor(ctx);
  if (own === null) return { sql: 'false', params: [] };
  if (own !== undefined) {
    parts.push(`${column} = ?::uuid`);
    params.push(own);
  }
  const scope = ctx.identity.scope;
  if (scope) {
    const reach = pgArray(scope.reach);
    const agencies = pgArray(scope.agencies);
    if (column.endsWith('.sponsor_id')) {
      const alias = column.slice(0, -'.sponsor_id'.length);
      parts.push(`(${alias}.commune_id = any(?::uuid[]) or ${column} = any(?::uuid[]))`);
      params.push(reach, agencies);
    } else {
      const alias = column.slice(0, column.indexOf('.'));
      parts.push(
        `(${column} = any(?::uuid[]) or exists (select 1 from sponsors.twinning tw where tw.tenant_id = ${alias}.tenant_id and tw.sponsor_id = ${column} and tw.commune_id = any(?::uuid[])))`,
      );
      params.push(agencies, reach);
    }
  }
  return parts.length ? { sql: parts.join(' and '), params } : { sql: 'true', params: [] };
}

/** True when a twinning's or contribution's row (its sponsor and commune) is one the caller may see. */
export function inScope(ctx: RequestContext<unknown>, sponsorId: string, communeId: string): boolean {
  const own = ownSponsor(ctx);
  if (own !== undefined && own !== sponsorId) return false;
  const scope = ctx.identity.scope;
  return !scope || scope.reach.includes(communeId) || scope.agencies.includes(sponsorId);
}

/** Province-wide acts (the sponsor register, coverage, dashboards) are not for a unit-scoped caller. */
export function refuseScoped(ctx: RequestContext<unknown>, what: string): void {
  if (ctx.isScoped) throw forbidden(`${what} belongs to the whole province; your unit scope narrows you to part of it`);
}
