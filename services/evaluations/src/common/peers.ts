import { isUuid, type RequestContext } from '@kn/platform';

/**
 * What this subgraph asks the others, always as its caller (`ctx.peer(name).query(ctx.caller, …)`):
 * their row-level security decides what the caller may see. Never their tables.
 */

const PROGRAM_EXISTS = `query($id: ID!) { program(id: $id) { id code } }`;

/** The programme, if the programs subgraph shows it to the caller (so: of the caller's province). */
export async function programVisible(ctx: RequestContext<unknown>, programId: string): Promise<{ id: string; code: string } | null> {
  if (!isUuid(programId)) return null;
  const data = await ctx.peer('programs').query<{ program: { id: string; code: string } | null }>(ctx.caller, PROGRAM_EXISTS, { id: programId });
  return data.program;
}

const COMMUNES_EXIST = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Commune { id validFrom validTo } } }`;

export interface CommuneValidity {
  id: string;
  validFrom: string | null;
  validTo: string | null;
}

/** The communes among `ids` that the communes subgraph shows the caller, with their validity; one request. */
export async function communesVisible(ctx: RequestContext<unknown>, ids: string[]): Promise<Map<string, CommuneValidity>> {
  const found = new Map<string, CommuneValidity>();
  const valid = [...new Set(ids.filter(isUuid).map((i) => i.toLowerCase()))];
  if (valid.length === 0) return found;
  const data = await ctx
    .peer('communes')
    .query<{ _entities: (CommuneValidity | null)[] }>(ctx.caller, COMMUNES_EXIST, { r: valid.map((id) => ({ __typename: 'Commune', id })) });
  data._entities.forEach((c, i) => {
    if (c && c.id === valid[i]) found.set(c.id, c);
  });
  return found;
}
