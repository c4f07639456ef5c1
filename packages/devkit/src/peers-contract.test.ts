import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildASTSchema, parse, type GraphQLSchema } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { peerDocument } from '@kn/platform';
import { repoRoot } from './paths.js';
import { peerContractErrors } from './schema.js';
import { SUBGRAPHS } from './subgraphs.js';

describe('documents sent between subgraphs are a checked contract', () => {
  const built = new Map<string, GraphQLSchema>();
  // the committed subgraph SDLs (schema:check keeps them equal to the code; `schema:check` itself checks the built ones)
  beforeAll(() => {
    for (const sg of SUBGRAPHS) {
      const sdl = readFileSync(join(repoRoot(), 'schema', `${sg.name}.graphql`), 'utf8');
      built.set(sg.name, buildASTSchema(parse(sdl), { assumeValidSDL: true })); // federation's directives are not declared in it
    }
  });

  it('every declared document validates against its peer’s schema', () => {
    expect(SUBGRAPHS.flatMap((s) => s.peerDocuments).length).toBeGreaterThan(10);
    expect(peerContractErrors(built)).toEqual([]);
  });

  it('a renamed field, an undeclared peer and a repeated operation name fail the check', () => {
    const renamed = peerDocument('communes', 'query SponsorDistrict($id: ID!) { district(id: $id) { id ten } }');
    const undeclared = peerDocument('evaluations', 'query SponsorsAskEvaluations { __typename }');
    const again = peerDocument('communes', 'query SponsorDistrict($id: ID!) { district(id: $id) { id } }');
    const errors = peerContractErrors(built, [{ name: 'sponsors', peers: ['communes'], peerDocuments: [renamed, undeclared, again] }]);
    expect(errors).toEqual([
      expect.stringMatching(/^sponsors → communes: SponsorDistrict: Cannot query field "ten" on type "District"/),
      'sponsors → evaluations: SponsorsAskEvaluations: evaluations is not a declared peer of sponsors (SubgraphDefinition.peers)',
      'sponsors → communes: SponsorDistrict: another document of sponsors has this operation name',
    ]);
  });

  it('a document must be named: its name is how logs and the check refer to it', () => {
    expect(() => peerDocument('communes', '{ tenants { slug } }')).toThrow(/operation name/);
  });
});
