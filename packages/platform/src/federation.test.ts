import { parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { withRequirements } from './federation.js';

describe('requirements generated into the schema from FIELD_PERMISSIONS', () => {
  it('puts @authenticated and @requiresScopes on root fields (and @authenticated alone where any caller may ask)', () => {
    const out = print(withRequirements(parse('type Query { communes: [String] currentTenant: String scopeReach: [ID] @inaccessible } type Mutation { approveEvaluations: Int }')));
    expect(out).toContain('communes: [String] @authenticated @requiresScopes(scopes: [["communes.read"]])');
    expect(out).toContain('currentTenant: String @authenticated\n');
    expect(out).toContain('approveEvaluations: Int @authenticated @requiresScopes(scopes: [["evaluations.approve"]])');
    expect(out).toContain('scopeReach: [ID] @inaccessible\n');
  });

  it('refuses a public root field without an entry, and a requirement written by hand', () => {
    expect(() => withRequirements(parse('type Query { secretField: String }'))).toThrow(/Query.secretField has no entry in FIELD_PERMISSIONS/);
    expect(() => withRequirements(parse('directive @authenticated on FIELD_DEFINITION type Query { communes: [String] @authenticated }'))).toThrow(
      /Query.communes declares its requirement by hand/,
    );
  });
});
