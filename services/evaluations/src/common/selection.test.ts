import { parse, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { selects } from './selection.js';

/** The info of the field `ntm` in `doc`, as graphql-js would give its resolver. */
function infoOf(doc: string) {
  const ast = parse(doc);
  const op = ast.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;
  const dashboard = op.selectionSet.selections[0] as FieldNode;
  const ntm = dashboard.selectionSet!.selections.filter((s): s is FieldNode => s.kind === 'Field' && s.name.value === 'ntm');
  const fragments = Object.fromEntries(
    ast.definitions.filter((d): d is FragmentDefinitionNode => d.kind === 'FragmentDefinition').map((f) => [f.name.value, f]),
  );
  return { fieldNodes: ntm, fragments };
}

describe('selects', () => {
  it('finds a field directly, in a nested path, through inline and named fragments, and across repeated field nodes', () => {
    expect(selects(infoOf(`{ d { ntm { communesMeasured bands { label } } } }`), ['bands'])).toBe(true);
    expect(selects(infoOf(`{ d { ntm { criteria { number target { met } } } } }`), ['criteria.target'])).toBe(true);
    expect(selects(infoOf(`{ d { ntm { ... on NtmDashboard { certifiedTarget { met } } } } }`), ['certifiedTarget'])).toBe(true);
    expect(selects(infoOf(`{ d { ntm { ...F } } } fragment F on NtmDashboard { averageTarget { met } }`), ['averageTarget'])).toBe(true);
    expect(selects(infoOf(`{ d { ntm { communesMeasured } ntm { bands { label } } } }`), ['bands'])).toBe(true);
  });

  it('is false when only other fields are selected, or the path stops short', () => {
    expect(selects(infoOf(`{ d { ntm { communesMeasured distribution { criteriaMet communes } } } }`), ['bands', 'criteria.target'])).toBe(false);
    expect(selects(infoOf(`{ d { ntm { criteria { number communesMet } } } }`), ['criteria.target'])).toBe(false);
  });
});
