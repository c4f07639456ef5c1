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

const REPORTERS_EXIST = {
  SPONSOR: { peer: 'sponsors', query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Sponsor { id } } }` },
  COMMUNE: { peer: 'communes', query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Commune { id } } }` },
  DISTRICT: { peer: 'communes', query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on District { id } } }` },
} as const;

/**
 * The ids among `ids` that name a reporter of `kind` the owning subgraph shows the caller (a sponsor,
 * commune or district of the caller's province); one request. Another province's ids are simply absent.
 */
export async function reportersVisible(ctx: RequestContext<unknown>, kind: 'SPONSOR' | 'COMMUNE' | 'DISTRICT', ids: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  const valid = [...new Set(ids.filter(isUuid).map((i) => i.toLowerCase()))];
  if (valid.length === 0) return found;
  const { peer, query } = REPORTERS_EXIST[kind];
  const typename = kind === 'SPONSOR' ? 'Sponsor' : kind === 'COMMUNE' ? 'Commune' : 'District';
  const data = await ctx.peer(peer).query<{ _entities: ({ id: string } | null)[] }>(ctx.caller, query, { r: valid.map((id) => ({ __typename: typename, id })) });
  data._entities.forEach((e, i) => {
    if (e && e.id === valid[i]) found.add(e.id);
  });
  return found;
}
