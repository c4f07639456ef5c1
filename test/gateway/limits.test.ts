import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { codes, gql, platform, subgraphCalls, tokenFor } from '../support/client.js';

/** Abusive queries are refused at the gateway before they cost anything, with a code, without the limit's value. */
describe('limits before execution', () => {
  let token: string;
  beforeAll(async () => {
    token = await tokenFor('lang-son', 'analyst');
  });

  const nest = (n: number) => {
    // communes → nodes → successors → predecessors → successors … deeper and deeper
    let inner = 'code';
    for (let i = 0; i < n; i++) inner = `${i % 2 ? 'predecessors' : 'successors'} { ${inner} }`;
    return `{ communes(first: 1) { nodes { ${inner} } } }`;
  };

  const cases: [string, () => string, string][] = [
    ['a depth-20 query', () => nest(20), 'QUERY_TOO_COMPLEX'],
    ['a 1,000-alias query', () => `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: currentTenant { slug }`).join(' ')} }`, 'QUERY_TOO_COMPLEX'],
    ['a 100 kB query', () => `{ currentTenant { slug } } # ${'x'.repeat(100_000)}`, 'QUERY_TOO_COMPLEX'],
    ['a query of too many tokens', () => `{ currentTenant { ${'slug '.repeat(5000)} } }`, 'QUERY_TOO_COMPLEX'],
    ['too many directives', () => `{ currentTenant { slug ${'@include(if: true) '.repeat(50)} } }`, 'QUERY_TOO_COMPLEX'],
    ['first: 1000000', () => `{ communes(first: 1000000) { totalCount } }`, 'BAD_USER_INPUT'],
    ['an estimated cost too high', () => `{ communes(first: 500) { nodes { successors { predecessors { successors { predecessors { code name } } } } } } }`, 'QUERY_TOO_COMPLEX'],
  ];

  for (const [name, make, code] of cases) {
    it(`${name} → ${code}, and no subgraph is called`, async () => {
      const requestId = `limit-${randomUUID()}`;
      const r = await gql(token, make(), undefined, { requestId });
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
      expect(codes(r)).toEqual([code]);
      expect(r.data ?? null).toBeNull();
      // the message does not tell the limit's value
      expect(r.errors![0]!.message).not.toMatch(/\d{2,}/);
      expect(await subgraphCalls(requestId)).toBe(0);
    });
  }

  it('the estimate reads @listSize from the supergraph and comes back in extensions.cost', async () => {
    // communes 1 + totalCount 1 + nodes (1 + 3 × code 1)
    const sliced = await gql(token, '{ communes(first: 3) { totalCount nodes { code } } }');
    expect(sliced.errors).toBeUndefined();
    expect(sliced.body.extensions.cost).toEqual({ requestedQueryCost: 6, maximumAvailable: 500_000 });
    // without first: the connection's declared assumedSize (50, the default page), not LIMIT_DEFAULT_LIST_SIZE (10)
    const unsliced = await gql(token, '{ communes { nodes { code } } }');
    expect(unsliced.body.extensions.cost.requestedQueryCost).toBe(1 + 1 + 50);
  });

  it('first given in a variable is checked too', async () => {
    const r = await gql(token, `query($n: Int!) { communes(first: $n) { totalCount } }`, { n: 100_000 });
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
  });

  it('an ordinary analyst query passes the same limits', async () => {
    const requestId = `ok-${randomUUID()}`;
    const r = await gql(token, `{ communes(first: 500, filter: { asOf: "2020-01-01" }) { totalCount nodes { code district { name } successors { code } } } }`, undefined, { requestId });
    expect(r.errors).toBeUndefined();
    expect(await subgraphCalls(requestId)).toBeGreaterThan(0);
  });

  it('field suggestions are not offered', async () => {
    const r = await gql(token, `{ communez { totalCount } }`);
    expect(codes(r)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(r.errors![0]!.message).not.toMatch(/Did you mean/);
  });

  it('introspection needs a token', async () => {
    const q = `{ __schema { queryType { name } } }`;
    expect((await gql(null, q)).status).toBe(401);
    expect((await gql(token, q)).data.__schema.queryType.name).toBe('Query');
  });

  it('batched operations are refused with a code', async () => {
    const res = await fetch(platform().gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify([{ query: '{ currentTenant { slug } }' }, { query: '{ currentTenant { slug } }' }]),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).errors[0].extensions.code).toBeTruthy();
  });
});
