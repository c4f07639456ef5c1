import { forbidden, pgArray, type RequestContext } from '@kn/platform';

/**
 * SQL narrowing rows to a unit-scoped caller's (docs/SECURITY.md "Unit scopes"): `unitColumn` a
 * commune's or district's id in the scope's reach, or `sponsorColumn` one of its agencies. True
 * when the caller is not scoped. The application's belt; the `unit_scope` policies are PostgreSQL's.
 */
export function unitScope(
  ctx: RequestContext<unknown>,
  columns: { unit?: string; sponsor?: string },
): { sql: string; params: unknown[] } {
  const scope = ctx.identity.scope;
  if (!scope) return { sql: 'true', params: [] };
  const parts: string[] = [];
  const params: unknown[] = [];
  if (columns.unit) {
    parts.push(`${columns.unit} = any(?::uuid[])`);
    params.push(pgArray(scope.reach));
  }
  if (columns.sponsor) {
    parts.push(`${columns.sponsor} = any(?::uuid[])`);
    params.push(pgArray(scope.agencies));
  }
  return parts.length ? { sql: `(${parts.join(' or ')})`, params } : { sql: 'false', params: [] };
}

/** Province-wide reads (runs, previews, dashboards) are not for a unit-scoped caller. */
export function refuseScoped(ctx: RequestContext<unknown>, what: string): void {
  if (ctx.isScoped) throw forbidden(`${what} belongs to the whole province; your unit scope narrows you to part of it`);
}
