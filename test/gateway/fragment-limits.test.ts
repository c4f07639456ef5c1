import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { codes, gql, subgraphCalls, tokenFor } from '../support/client.js';

/**
 * Found by the security suite: the cost estimate counted a fragment once, where it was defined,
 * not where (and how often) it was spread — so a fragment under `first: 500` cost 1/500 of its
 * price, and a "fragment bomb" (F1 spreads F0 twice, F2 spreads F1 twice…) passed every limit and
 * kept the gateway's only thread busy expanding it (2^20 fields: 17 s; 2^40: forever).
 */
describe('fragments are costed where they are spread', () => {
  let token: string;
  beforeAll(async () => {
    token = await tokenFor('lang-son', 'analyst');
  });

  const bomb = (n: number) =>
    `query { ...F${n} } fragment F0 on Query { __typename } ${Array.from({ length: n }, (_, i) => `fragment F${i + 1} on Query { ...F${i} ...F${i} }`).join(' ')}`;

  it('a fragment bomb is refused at once, before any subgraph is asked', async () => {
    for (const n of [20, 40]) {
      const requestId = `bomb-${randomUUID()}`;
      const t0 = performance.now();
      const r = await gql(token, bomb(n), undefined, { requestId });
      expect(performance.now() - t0).toBeLessThan(2000);
      expect(codes(r)).toEqual(['QUERY_TOO_COMPLEX']);
      expect(await subgraphCalls(requestId)).toBe(0);
    }
  });

  it('a fragment spread under a list costs as much as the same fields written inline', async () => {
    const fields = `successors { predecessors { successors { code name } } }`;
    const inline = await gql(token, `{ communes(first: 500) { nodes { ${fields} } } }`);
    const viaFragment = await gql(token, `{ communes(first: 500) { nodes { ...F } } } fragment F on Commune { ${fields} }`);
    expect(codes(inline)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(codes(viaFragment)).toEqual(['QUERY_TOO_COMPLEX']);
  });

  it('ordinary fragments still pass', async () => {
    const r = await gql(token, `{ communes(first: 50) { nodes { ...C } } } fragment C on Commune { code name district { ...D } } fragment D on District { code name }`);
    expect(r.errors).toBeUndefined();
    expect(r.data.communes.nodes.length).toBeGreaterThan(0);
  });
});
