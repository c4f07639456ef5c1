import { isUuid, type RequestContext } from '@kn/platform';

/**
 * A `sponsor` identity without a staff role reads only what is its own: its reports and its approved
 * evaluations. Returns undefined when the caller is not narrowed, else its sponsor id — or null when
 * the token's sponsor id cannot be one of ours (then it sees nothing).
 */
export function ownSponsor(ctx: RequestContext<unknown>): string | null | undefined {
  if (!ctx.hasRole('sponsor') || ctx.hasRole('admin', 'officer', 'analyst')) return undefined;
  const id = ctx.identity.sponsorId;
  return isUuid(id) ? id.toLowerCase() : null;
}
