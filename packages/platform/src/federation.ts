import 'reflect-metadata';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, type GraphQLScalarType, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, type NonEmptyArray } from 'type-graphql';
import { DateScalar, VndScalar } from './scalars.js';

export const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible"])';

type ReferenceResolver = (reference: Record<string, unknown>, context: any, info: any) => unknown;

export interface SubgraphSchemaOptions {
  resolvers: NonEmptyArray<Function>;
  /** Types not reachable from Query (e.g. stubs of other subgraphs' entities). */
  orphanedTypes?: Function[];
  /** `__resolveReference` per entity type name. */
  references?: Record<string, ReferenceResolver>;
  scalarsMap?: { type: Function; scalar: GraphQLScalarType }[];
}

/**
 * The one seam between type-graphql and Apollo Federation: build the type-graphql schema, print it
 * with its directives (`@key`, `@shareable`…), and rebuild it as a subgraph schema with the same
 * resolvers plus the entities' reference resolvers.
 */
export async function buildFederatedSchema(opts: SubgraphSchemaOptions): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: opts.resolvers,
    orphanedTypes: opts.orphanedTypes,
    scalarsMap: opts.scalarsMap,
    validate: false,
    skipCheck: true,
  });
  const resolvers = createResolversMap(schema) as Record<string, any>;
  resolvers.Date = DateScalar;
  resolvers.Vnd = VndScalar;
  for (const [typeName, resolveReference] of Object.entries(opts.references ?? {})) {
    resolvers[typeName] = { ...(resolvers[typeName] ?? {}), __resolveReference: resolveReference };
  }
  return buildSubgraphSchema([
    { typeDefs: parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`), resolvers },
  ]);
}

export { DateScalar, VndScalar };
