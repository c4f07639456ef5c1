import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { gql, sqlStatements, tokenFor } from '../support/client.js';

/** An N+1 is a bug: a request's SQL statement count must not grow with its result size. */
describe('SQL statements per request', () => {
  // 30/6/2025: every unit of the page is one reform from its position. On an earlier day some are two
  // (a 2019 commune → its 2020 successor → the 2025 unit: issue #18 §3), and each step of the location
  // lookup is one more batched statement — a cost of the succession's depth, never of the page's size
  const query = `query($first: Int!) { communes(filter: { asOf: "2025-06-30" }, first: $first) {
      totalCount nodes { code name district { code name province { name } } province { code name }
      successors { code } classifications location { latitude inherited } } } }`;

  it('listing 200 communes with their district and province costs the same as listing 10', async () => {
    const token = await tokenFor('quang-nam', 'analyst');
    const counts: Record<number, number> = {};
    for (const first of [10, 200]) {
      const requestId = `n1-${first}-${randomUUID()}`;
      const r = await gql(token, query, { first }, { requestId });
      expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
      expect(r.data.communes.nodes).toHaveLength(first);
      counts[first] = await sqlStatements(requestId);
    }
    expect(counts[10]).toBeGreaterThan(0);
    expect(counts[200]).toBe(counts[10]);
    // BEGIN, set tenant, page+count, units by id (districts+provinces), successors, classifications, COMMIT
    expect(counts[10]).toBeLessThanOrEqual(9);
  });
});
