import type { RequestContext } from './context.js';
import { isUuid } from './ids.js';
import type { PeerDocument } from './subgraph-client.js';

export type { PeerDocument };

/** The `data` a peer document answers with. */
export type PeerData<D> = D extends PeerDocument<infer T> ? T : never;

/** Declares a document sent to `peer`; its operation name is read from the source. */
export function peerDocument<T>(peer: string, source: string): PeerDocument<T> {
  const name = /^\s*(?:query|mutation)\s+([A-Za-z_][A-Za-z0-9_]*)/.exec(source)?.[1];
  if (!name) throw new Error(`a peer document needs an operation name: ${source.slice(0, 80)}`);
  return { peer, name, source };
}

/** An `_entities` lookup by id: what `idsVisible` sends. */
export type EntitiesById = PeerDocument<{ _entities: ({ id: string } | null)[] }>;

/**
 * "Does this id exist in that subgraph, for this caller?" for many ids in one request: the ids among
 * `ids` that the owning subgraph shows the caller (its row-level security decides: another province's
 * ids are simply absent). `doc` is an `_entities` lookup of `typename` selecting at least `id`.
 */
export async function idsVisible(ctx: RequestContext<unknown>, doc: EntitiesById, typename: string, ids: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  const valid = [...new Set(ids.filter(isUuid).map((i) => i.toLowerCase()))];
  if (valid.length === 0) return found;
  const data = await ctx.peer(doc.peer).query(ctx.caller, doc, { r: valid.map((id) => ({ __typename: typename, id })) });
  data._entities.forEach((e, i) => {
    if (e && e.id === valid[i]) found.add(e.id);
  });
  return found;
}
