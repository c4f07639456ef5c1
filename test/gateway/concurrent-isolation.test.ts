import { describe, expect, it } from 'vitest';
import { gql, tokenFor } from '../support/client.js';

/**
 * Found by the security suite: the gateway's HTTP executor deduplicated identical in-flight
 * subgraph queries by URL and body only — the identity header is added later, in `onFetch` — so two
 * provinces sending the same query at the same moment could both get the first one's answer.
 */
describe('identical queries from different tenants at the same moment', () => {
  it('each answer belongs to its own tenant', async () => {
    const tokens = { 'lang-son': await tokenFor('lang-son', 'analyst'), 'quang-nam': await tokenFor('quang-nam', 'analyst') };
    const query = `{ currentTenant { slug } communes(first: 20) { nodes { id province { code } } } }`;
    const tenants = Array.from({ length: 60 }, (_, i) => (i % 2 ? 'lang-son' : 'quang-nam') as keyof typeof tokens);
    const answers = await Promise.all(tenants.map((t) => gql(tokens[t], query)));
    const wrong = answers.filter((r, i) => r.data?.currentTenant?.slug !== tenants[i]).length;
    expect(wrong).toBe(0);
    const provinces = answers.map((r) => new Set(r.data.communes.nodes.map((n: { province: { code: string } }) => n.province.code)));
    const expected = { 'lang-son': '20', 'quang-nam': '48' };
    answers.forEach((_, i) => expect([...provinces[i]!]).toEqual([expected[tenants[i]!]]));
  });
});
