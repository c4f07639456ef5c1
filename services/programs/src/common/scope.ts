import { isUuid, type RequestContext } from '@kn/platform';
import { SPONSOR_PROGRAMS } from '../peers.js';

/**
 * Which programmes a caller may read, on top of row-level security (own tenant, or every tenant
 * for the national role): all of them, or only those in `programIds`.
 *
 * - admin, officer, analyst: every programme of their province;
 * - national: every programme of every province — programmes are public legal documents
 *   (docs/SECURITY.md); it writes nothing;
 * - sponsor (and no other role): only the programmes it takes part in, which the sponsors
 *   subgraph knows (its twinnings name their programme).
 */
export type ProgramScope = { readonly all: true } | { readonly all: false; readonly programIds: ReadonlySet<string> };

export const ALL_PROGRAMS: ProgramScope = { all: true };
const NO_PROGRAMS: ProgramScope = { all: false, programIds: new Set() };

/** A caller whose only role is `sponsor` is narrowed to its sponsor's programmes. */
export const isSponsorOnly = (ctx: RequestContext<unknown>) =>
  ctx.identity.roles.includes('sponsor') && ctx.identity.roles.every((r) => r === 'sponsor');

/**
 * The programmes the caller's sponsor takes part in, asked of the sponsors subgraph as the caller
 * (same tenant, same sponsor; its row-level security applies there too).
 */
export async function programIdsForSponsor(ctx: RequestContext<unknown>): Promise<string[]> {
  const data = await ctx.peer('sponsors').query(ctx.caller, SPONSOR_PROGRAMS, { s: ctx.identity.sponsorId });
  return [...new Set(data.twinnings.nodes.map((n) => n.program?.id).filter(isUuid))];
}

/** The caller's read scope; computed once per request (see `createLoaders`). */
export async function resolveScope(ctx: RequestContext<unknown>): Promise<ProgramScope> {
  if (!isSponsorOnly(ctx)) return ALL_PROGRAMS;
  if (!ctx.identity.sponsorId) return NO_PROGRAMS;
  return { all: false, programIds: new Set(await programIdsForSponsor(ctx)) };
}

export const inScope = (scope: ProgramScope, programId: string) => scope.all || scope.programIds.has(programId);
