import { beforeAll, describe, expect, it } from 'vitest';
import { codes, gql, tokenFor } from '../support/client.js';

/**
 * Found by the security suite: a NUL character (U+0000) in any text argument reached PostgreSQL,
 * which cannot store or compare it, and came back as INTERNAL_SERVER_ERROR.
 */
describe('text with a NUL character', () => {
  let token: string;
  beforeAll(async () => {
    token = await tokenFor('lang-son', 'admin');
  });

  it('is BAD_USER_INPUT, as a variable or written inline, in queries and mutations', async () => {
    const asVariable = await gql(token, `query($s: String) { communes(filter: { search: $s }) { totalCount } }`, { s: 'a\u0000b' });
    const inline = await gql(token, `{ communes(filter: { search: "a\\u0000b" }) { totalCount } }`);
    const code = await gql(token, `query($c: String) { commune(code: $c) { id } }`, { c: '06\u0000148' });
    const mutation = await gql(token, `mutation($id: ID!) { setCommuneClassifications(communeId: $id, classifications: []) { id } }`, { id: 'x\u0000' });
    for (const r of [asVariable, inline, code, mutation]) {
      expect(r.status).toBeLessThan(500);
      expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    }
  });

  it('a lone surrogate (not Unicode) is BAD_USER_INPUT too, not silently replaced', async () => {
    const r = await gql(token, `query($s: String) { communes(filter: { search: $s }) { totalCount } }`, { s: 'a\ud800b' });
    expect(r.status).toBeLessThan(500);
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
  });

  it('other unusual text still works', async () => {
    const r = await gql(token, `query($s: String) { communes(filter: { search: $s }) { totalCount } }`, { s: 'Thụy\u0301 𝕏 \u202e' });
    expect(r.errors).toBeUndefined();
  });
});
