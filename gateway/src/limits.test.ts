import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { costDirectivesOf, costEstimator, estimateCost, listSizingVariables, type LimitsConfig } from './limits.js';

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

describe('cost declared in the schema (@cost, @listSize)', () => {
  const sdl = `
    type Query {
      communes(first: Int): CommuneConnection! @listSize(slicingArguments: ["first"], sizedFields: ["nodes", "edges"], requireOneSlicingArgument: false, assumedSize: 50)
      dashboard: Int @cost(weight: 40)
      provinces: [Province!]! @listSize(assumedSize: 34)
    }
    type CommuneConnection { totalCount: Int! nodes: [Commune!]! edges: [Edge!]! }
    type Edge { cursor: String! node: Commune! }
    type Commune { code: String! successors: [Commune!]! @listSize(assumedSize: 3) }
    type Province { code: String! }
  `;
  const s = buildSchema(`directive @listSize(assumedSize: Int, slicingArguments: [String!], sizedFields: [String!], requireOneSlicingArgument: Boolean) on FIELD_DEFINITION
    directive @cost(weight: Int!) on FIELD_DEFINITION
    ${sdl}`);
  const declared = costDirectivesOf(sdl);
  const cost = (q: string, vars?: Record<string, unknown>) => estimateCost(s, parse(q), vars, limits, null, declared).cost;

  it('reads the declarations', () => {
    expect(declared.get('Query.communes')).toEqual({ assumedSize: 50, slicingArguments: ['first'], sizedFields: ['nodes', 'edges'] });
    expect(declared.get('Query.dashboard')).toEqual({ weight: 40 });
  });

  it('a connection is sized by first on its nodes and edges only; without first, by its assumedSize', () => {
    // communes 1 + totalCount 1 + nodes (1 + 5 × code 1)
    expect(cost('{ communes(first: 5) { totalCount nodes { code } } }')).toBe(8);
    expect(cost('query($n: Int) { communes(first: $n) { edges { node { code } } } }', { n: 7 })).toBe(1 + 1 + 7 * (1 + 1));
    expect(cost('{ communes { nodes { code } } }')).toBe(1 + 1 + 50);
  });

  it('weights and assumed sizes of plain lists come from the schema, not the default list size', () => {
    expect(cost('{ dashboard }')).toBe(40);
    expect(cost('{ provinces { code } }')).toBe(1 + 34);
    // successors: 3 each (declared), not the default 20
    expect(cost('{ communes(first: 2) { nodes { successors { code } } } }')).toBe(1 + 1 + 2 * (1 + 3 * 1));
  });

  it('without declarations, the old estimate', () => {
    expect(estimateCost(s, parse('{ provinces { code } }'), undefined, limits).cost).toBe(1 + 20);
  });
});
