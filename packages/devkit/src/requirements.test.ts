import { describe, expect, it } from 'vitest';
import { requirementProblems } from './requirements.js';

const DIRECTIVES = `
directive @authenticated on FIELD_DEFINITION
directive @requiresScopes(scopes: [[String!]!]!) on FIELD_DEFINITION
directive @inaccessible on FIELD_DEFINITION
`;

describe('schema:check: requirements declared in the schema against the code', () => {
  const table = { 'Query.communes': 'communes.read', 'Query.currentTenant': null, 'Mutation.approveEvaluations': 'evaluations.approve' };

  it('passes when every public root field declares what FIELD_PERMISSIONS says', () => {
    const sdl = `${DIRECTIVES}
      type Query {
        communes: [String] @authenticated @requiresScopes(scopes: [["communes.read"]])
        currentTenant: String @authenticated
        scopeReach: [String] @inaccessible
      }
      type Mutation { approveEvaluations: Int @authenticated @requiresScopes(scopes: [["evaluations.approve"]]) }`;
    expect(requirementProblems(sdl, table)).toEqual([]);
  });

  it('fails on an undeclared root field, a scope that is no action, a scope other than the table’s, and a stale entry', () => {
    const sdl = `${DIRECTIVES}
      type Query {
        communes: [String] @authenticated @requiresScopes(scopes: [["communes.read"], ["communes.everything"]])
        currentTenant: String @authenticated
        secret: String
      }
      type Mutation { approveEvaluations: Int @authenticated @requiresScopes(scopes: [["evaluations.configure"]]) }`;
    const problems = requirementProblems(sdl, { ...table, 'Query.gone': 'communes.read' });
    expect(problems).toEqual([
      'Query.communes: declared scope "communes.everything" is not an action of PERMISSIONS',
      'Query.communes: declares scopes ["communes.read","communes.everything"], FIELD_PERMISSIONS says ["communes.read"]',
      'Query.secret: a root field with no declared requirement (@authenticated)',
      'Mutation.approveEvaluations: declares scopes ["evaluations.configure"], FIELD_PERMISSIONS says ["evaluations.approve"]',
      'Query.gone: in FIELD_PERMISSIONS, but the graph has no such field',
    ]);
  });
});
