import type { RequestContext } from './context.js';
import { isUuid } from './ids.js';

/**
 * A `sponsor` identity without a staff role (admin, officer, analyst) sees and writes only what is
 * its own sponsor's. Returns undefined when the caller is not narrowed, else its sponsor id — or
 * null when the token's sponsor id cannot be one of ours (then the caller sees nothing).
 */
export function ownSponsor(ctx: RequestContext<unknown>): string | null | undefined {
  if (!ctx.hasRole('sponsor') || ctx.hasRole('admin', 'officer', 'analyst')) return undefined;
  const id = ctx.identity.sponsorId;
  return isUuid(id) ? id.toLowerCase() : null;
}
