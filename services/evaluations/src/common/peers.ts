import { idsVisible, isUuid, type RequestContext } from '@kn/platform';
import { COMMUNE_REPORTERS_EXIST, COMMUNES_EXIST, DISTRICTS_EXIST, PROGRAM_EXISTS, SPONSORS_EXIST, type CommuneValidity } from '../peers.js';

/**
 * What this subgraph asks the others, always as its caller (`ctx.peer(name).query(ctx.caller, …)`):
 * their row-level security decides what the caller may see. Never their tables.
 */

/** The programme, if the programs subgraph shows it to the caller (so: of the caller's province). */
export async function programVisible(ctx: RequestContext<unknown>, programId: string): Promise<{ id: string; code: string } | null> {
  if (!isUuid(programId)) return null;
  const data = await ctx.peer('programs').query(ctx.caller, PROGRAM_EXISTS, { id: programId });
  return data.program;
}

export type { CommuneValidity };

/** The communes among `ids` that the communes subgraph shows the caller, with their validity; one request. */
export async function communesVisible(ctx: RequestContext<unknown>, ids: string[]): Promise<Map<string, CommuneValidity>> {
  const found = new Map<string, CommuneValidity>();
  const valid = [...new Set(ids.filter(isUuid).map((i) => i.toLowerCase()))];
  if (valid.length === 0) return found;
  const data = await ctx.peer('communes').query(ctx.caller, COMMUNES_EXIST, { r: valid.map((id) => ({ __typename: 'Commune', id })) });
  data._entities.forEach((c, i) => {
    if (c && c.id === valid[i]) found.set(c.id, c);
  });
  return found;
}

const REPORTERS_EXIST = {
  SPONSOR: { doc: SPONSORS_EXIST, typename: 'Sponsor' },
  COMMUNE: { doc: COMMUNE_REPORTERS_EXIST, typename: 'Commune' },
  DISTRICT: { doc: DISTRICTS_EXIST, typename: 'District' },
} as const;

/**
 * The ids among `ids` that name a reporter of `kind` the owning subgraph shows the caller (a sponsor,
 * commune or district of the caller's province); one request. Another province's ids are simply absent.
 */
export function reportersVisible(ctx: RequestContext<unknown>, kind: 'SPONSOR' | 'COMMUNE' | 'DISTRICT', ids: string[]): Promise<Set<string>> {
  const { doc, typename } = REPORTERS_EXIST[kind];
  return idsVisible(ctx, doc, typename, ids);
}
