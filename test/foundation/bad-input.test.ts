import { beforeAll, describe, expect, it } from 'vitest';
import { codes, gql, platform, tokenFor } from '../support/client.js';

/** Bad input gets a clear error with a stable code — never a 500, never a stack trace. */
describe('bad input', () => {
  let ls: string;
  beforeAll(async () => {
    ls = await tokenFor('lang-son', 'analyst');
  });

  const cases: [string, string, Record<string, unknown> | undefined, string][] = [
    ['first above 500', `{ communes(first: 100000) { totalCount } }`, undefined, 'BAD_USER_INPUT'],
    ['negative first', `{ communes(first: -1) { totalCount } }`, undefined, 'BAD_USER_INPUT'],
    ['malformed date literal', `{ communes(filter: { asOf: "2019-13-45" }) { totalCount } }`, undefined, 'BAD_USER_INPUT'],
    ['malformed date variable', `query($d: Date) { communes(filter: { asOf: $d }) { totalCount } }`, { d: '01/06/2019' }, 'BAD_USER_INPUT'],
    ['date of the wrong type', `{ commune(code: "06148", asOf: 20190601) { id } }`, undefined, 'BAD_USER_INPUT'],
    ['unknown classification literal', `{ communes(filter: { classification: COASTAL }) { totalCount } }`, undefined, 'GRAPHQL_VALIDATION_FAILED'],
    ['unknown classification variable', `query($c: CommuneClassification) { communes(filter: { classification: $c }) { totalCount } }`, { c: 'COASTAL' }, 'BAD_USER_INPUT'],
    ['a cursor we did not make', `{ communes(after: "bm90LWEtY3Vyc29y") { totalCount } }`, undefined, 'BAD_USER_INPUT'],
    ['a code with letters', `{ commune(code: "06a48") { id } }`, undefined, 'BAD_USER_INPUT'],
    ['both id and code', `{ commune(id: "x", code: "06148") { id } }`, undefined, 'BAD_USER_INPUT'],
    ['neither id nor code', `{ commune { id } }`, undefined, 'BAD_USER_INPUT'],
    ['an empty search', `{ communes(filter: { search: "   " }) { totalCount } }`, undefined, 'BAD_USER_INPUT'],
    ['an unknown field', `{ communes { totalCount secret } }`, undefined, 'GRAPHQL_VALIDATION_FAILED'],
    ['broken syntax', `{ communes( { totalCount }`, undefined, 'GRAPHQL_PARSE_FAILED'],
  ];

  for (const [name, query, variables, code] of cases) {
    it(`${name} → ${code}`, async () => {
      const r = await gql(ls, query, variables);
      expect(r.status).toBeLessThan(500);
      expect(r.data?.communes ?? r.data?.commune ?? null).toBeNull();
      expect(codes(r)).toContain(code);
      expect(JSON.stringify(r.body)).not.toMatch(/stack|at .*\.js:\d+/);
    });
  }

  it('malformed and oversized ids are simply not found', async () => {
    for (const id of ['not-a-uuid', "1' or '1'='1", 'x'.repeat(10_000), '00000000-0000-0000-0000-000000000000']) {
      const r = await gql(ls, `query($id: ID!) { commune(id: $id) { id } district(id: $id) { id } province(id: $id) { id } }`, { id });
      expect(r.errors).toBeUndefined();
      expect(r.data).toEqual({ commune: null, district: null, province: null });
    }
  });

  it('a body that is not JSON is refused with a 4xx, not a 500', async () => {
    const res = await fetch(platform().gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ls}` },
      body: '{"query": ',
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });
});
