import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { costEstimator, estimateCost, listSizingVariables, type LimitsConfig } from './limits.js';

const limits: LimitsConfig = {
  maxDepth: 12, maxAliases: 30, maxTokens: 4000, maxDirectives: 20, maxQueryBytes: 32_768, maxCost: 50_000, maxFirst: 500, defaultListSize: 20,
};
const schema = buildSchema(`
  type Query { items(first: Int): [Item!]! item(id: ID!): Item }
  type Item { id: ID! name: String! children(first: Int): [Item!]! }
`);

describe('cost estimates, remembered per document and list sizes', () => {
  const doc = parse(`query($id: ID!, $n: Int, $m: Int) { item(id: $id) { id } items(first: $n) { name children(first: $m) { id } } }`);

  it('finds the variables that size lists', () => {
    expect(listSizingVariables(doc)).toEqual(['m', 'n']);
    expect(listSizingVariables(parse('{ items(first: 5) { id } }'))).toEqual([]);
  });

  it('gives what estimateCost gives, for every combination of sizes', () => {
    const estimate = costEstimator(limits);
    for (const vars of [{ id: '1', n: 10, m: 2 }, { id: '2', n: 10, m: 2 }, { id: '1', n: 500, m: 20 }, { id: '1', n: 501, m: 1 }, { id: '1' }]) {
      expect(estimate(schema, doc, vars)).toEqual(estimateCost(schema, doc, vars, limits));
    }
  });

  it('reuses the estimate when only other variables change, not when a size does', () => {
    const estimate = costEstimator(limits);
    const a = estimate(schema, doc, { id: '1', n: 10, m: 2 });
    expect(estimate(schema, doc, { id: '2', n: 10, m: 2 })).toBe(a);
    const b = estimate(schema, doc, { id: '1', n: 11, m: 2 });
    expect(b).not.toBe(a);
    expect(b.cost).toBeGreaterThan(a.cost);
    expect(estimate(schema, doc, { id: '1', n: 501, m: 2 }).firstTooLarge).toBe(true);
  });
});
