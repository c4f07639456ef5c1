import { isUuid, type RequestContext } from '@kn/platform';

/**
 * A `sponsor` identity (without a staff role) sees and writes only what belongs to the sponsor in
 * its token. Returns undefined when the caller is not narrowed, else the sponsor id — or null when
 * the token's sponsor id cannot be one of ours (then the caller sees nothing).
 */
export function ownSponsor(ctx: RequestContext<unknown>): string | null | undefined {
  if (!ctx.hasRole('sponsor') || ctx.hasRole('admin', 'officer', 'analyst')) return undefined;
  const id = ctx.identity.sponsorId;
  return isUuid(id) ? id.toLowerCase() : null;
}

/** SQL narrowing a sponsor id column to the caller's own sponsor (true when not narrowed). */
export function sponsorScope(ctx: RequestContext<unknown>, column: string): { sql: string; params: unknown[] } {
  const own = ownSponsor(ctx);
  if (own === undefined) return { sql: 'true', params: [] };
  if (own === null) return { sql: 'false', params: [] };
  return { sql: `${column} = ?::uuid`, params: [own] };
}

/** True when the row's sponsor is one the caller may see. */
export function inScope(ctx: RequestContext<unknown>, sponsorId: string): boolean {
  const own = ownSponsor(ctx);
  return own === undefined || own === sponsorId;
}
