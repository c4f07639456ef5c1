import { beforeAll, describe, expect, it } from 'vitest';
import { platform, tokenFor } from '../support/client.js';

/**
 * Found by the security suite: some refusals at the HTTP level had no GraphQL error body (404, 406,
 * 415 — no code), a GET with `variables` that are not JSON and a subscription were unexpected errors
 * (500 / INTERNAL_SERVER_ERROR), and the gateway read request bodies of any size (20 MB accepted).
 */
describe('HTTP-level refusals at the gateway', () => {
  let auth: Record<string, string>;
  beforeAll(async () => {
    auth = { authorization: `Bearer ${await tokenFor('lang-son', 'analyst')}` };
  });

  const call = async (init: RequestInit & { url?: string }) => {
    const res = await fetch(init.url ?? platform().gatewayUrl, init);
    const text = await res.text();
    return { status: res.status, body: JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] } };
  };
  const q = JSON.stringify({ query: '{ currentTenant { slug } }' });

  const cases: [string, () => RequestInit & { url?: string }, number, string][] = [
    ['a text/plain body', () => ({ method: 'POST', headers: { ...auth, 'content-type': 'text/plain' }, body: q }), 415, 'BAD_REQUEST'],
    ['an unknown route', () => ({ method: 'GET', headers: auth, url: platform().gatewayUrl.replace(/\/graphql$/, '/nope') }), 404, 'NOT_FOUND'],
    ['Accept: application/xml', () => ({ method: 'POST', headers: { ...auth, 'content-type': 'application/json', accept: 'application/xml' }, body: q }), 406, 'BAD_REQUEST'],
    ['GET with variables that are not JSON', () => ({ method: 'GET', headers: { ...auth, accept: 'application/json' }, url: `${platform().gatewayUrl}?query=%7B__typename%7D&variables=%7Bx` }), 400, 'BAD_REQUEST'],
    ['a subscription (the graph has none)', () => ({ method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ query: 'subscription { __typename }' }) }), 400, 'BAD_REQUEST'],
    ['a 3 MB body', () => ({ method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }', variables: { x: 'x'.repeat(3 * 1024 * 1024) } }) }), 413, 'BAD_USER_INPUT'],
  ];

  for (const [name, init, status, code] of cases) {
    it(`${name} → ${status} ${code}`, async () => {
      const r = await call(init());
      expect(r.status).toBe(status);
      expect(r.body.errors?.map((e) => e.extensions?.code)).toEqual([code]);
    });
  }

  it('after a refused oversized body, the gateway still answers', async () => {
    const r = await call({ method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: q });
    expect(r.status).toBe(200);
  });
});
