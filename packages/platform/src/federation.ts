import 'reflect-metadata';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import {
  Kind,
  parse,
  visit,
  type ConstDirectiveNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type GraphQLScalarType,
  type GraphQLSchema,
  type ObjectTypeDefinitionNode,
  type ObjectTypeExtensionNode,
  type TypeNode,
} from 'graphql';
import { DEFAULT_PAGE_SIZE } from './pagination.js';
import { FIELD_PERMISSIONS, ROOT_TYPES } from './permissions.js';
import { buildSchema, createResolversMap, type NonEmptyArray } from 'type-graphql';
import { DateScalar, VndScalar } from './scalars.js';

export const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@cost", "@listSize", "@authenticated", "@requiresScopes"])';

/** Items a list field without a slicing argument is assumed to return (its `@listSize(assumedSize:)`). */
export const ASSUMED_LIST_SIZE = 10;

const unwrap = (t: TypeNode): { list: boolean; name: string } => {
  let list = false;
  let cur = t;
  while (cur.kind !== Kind.NAMED_TYPE) {
    if (cur.kind === Kind.LIST_TYPE) list = true;
    cur = cur.type;
  }
  return { list, name: cur.name.value };
};

const directive = (sdl: string): ConstDirectiveNode => {
  const doc = parse(`type X { x: Int ${sdl} }`);
  return ((doc.definitions[0] as ObjectTypeDefinitionNode).fields![0]!.directives![0]!);
};

const SIZED_BY_PARENT = directive('@sizedByParent');

/**
 * Declares the size of every list in the schema (IBM's cost specification, Federation 2.9), so the
 * gateway's cost estimate reads it from the supergraph: a connection (a `…Connection` field with
 * `first`) is sliced by `first` (or `last`) and sized on `nodes`/`edges`, at most DEFAULT_PAGE_SIZE when `first`
 * is absent; any other list field is assumed to hold ASSUMED_LIST_SIZE items. A field that declares
 * its own `@listSize` (`@Directive('@listSize(assumedSize: 34)')`) keeps it.
 */
export function withListSizes(doc: DocumentNode): DocumentNode {
  return visit(doc, {
    ObjectTypeDefinition(type: ObjectTypeDefinitionNode) {
      // a connection's nodes and edges are sized by the field that returns the connection
      if (!type.name.value.endsWith('Connection')) return undefined;
      return { ...type, fields: type.fields?.map((f) => (f.name.value === 'nodes' || f.name.value === 'edges' ? { ...f, directives: [...(f.directives ?? []), SIZED_BY_PARENT] } : f)) };
    },
    FieldDefinition(node: FieldDefinitionNode) {
      if (node.directives?.includes(SIZED_BY_PARENT)) return { ...node, directives: node.directives.filter((d) => d !== SIZED_BY_PARENT) };
      if (node.directives?.some((d) => d.name.value === 'listSize')) return undefined;
      const { list, name } = unwrap(node.type);
      const sliced = name.endsWith('Connection') && node.arguments?.some((a) => a.name.value === 'first');
      if (sliced) {
        const slicing = node.arguments?.some((a) => a.name.value === 'last') ? '["first", "last"]' : '["first"]';
        const d = directive(`@listSize(slicingArguments: ${slicing}, sizedFields: ["nodes", "edges"], requireOneSlicingArgument: false, assumedSize: ${DEFAULT_PAGE_SIZE})`);
        return { ...node, directives: [...(node.directives ?? []), d] };
      }
      if (list) return { ...node, directives: [...(node.directives ?? []), directive(`@listSize(assumedSize: ${ASSUMED_LIST_SIZE})`)] };
      return undefined;
    },
    // input fields and arguments are not results
    InputObjectTypeDefinition: () => false,
  });
}

const isRoot = (type: string) => (ROOT_TYPES as readonly string[]).includes(type);
const REQUIREMENT_DIRECTIVES = ['authenticated', 'requiresScopes', 'policy'];

/**
 * Declares in the schema what each field requires, from the one table (FIELD_PERMISSIONS in
 * permissions.ts): `@authenticated`, and `@requiresScopes(scopes: [["<action>"]])` when the field
 * needs an action of PERMISSIONS (a scope is an action's name; its roles are the table's). Throws
 * when a public root field (not `@inaccessible`) has no entry, or when a field writes such a
 * directive by hand (`@Directive`): the table is their one home.
 */
export function withRequirements(doc: DocumentNode): DocumentNode {
  const table = FIELD_PERMISSIONS as Record<string, string | null>;
  const problems: string[] = [];
  const declare = (typeName: string) => (node: FieldDefinitionNode): FieldDefinitionNode => {
    const key = `${typeName}.${node.name.value}`;
    if (node.directives?.some((d) => REQUIREMENT_DIRECTIVES.includes(d.name.value))) {
      problems.push(`${key} declares its requirement by hand: put it in FIELD_PERMISSIONS (packages/platform/src/permissions.ts)`);
    }
    if (!(key in table)) {
      if (isRoot(typeName) && !node.directives?.some((d) => d.name.value === 'inaccessible')) {
        problems.push(`${key} has no entry in FIELD_PERMISSIONS (packages/platform/src/permissions.ts): name the action its service authorizes, or null`);
      }
      return node;
    }
    const action = table[key];
    const added = [directive('@authenticated'), ...(action ? [directive(`@requiresScopes(scopes: [[${JSON.stringify(action)}]])`)] : [])];
    return { ...node, directives: [...(node.directives ?? []), ...added] };
  };
  const onType = <T extends ObjectTypeDefinitionNode | ObjectTypeExtensionNode>(type: T): T => ({ ...type, fields: type.fields?.map(declare(type.name.value)) });
  const out = visit(doc, { ObjectTypeDefinition: onType, ObjectTypeExtension: onType });
  if (problems.length) throw new Error(`schema requirements:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return out;
}

export type ReferenceResolver = (reference: Record<string, unknown>, context: any, info: any) => unknown;
/** A module's `__resolveReference` per entity type (its `references.ts`). */
export type References = Record<string, ReferenceResolver>;

/** An entity of another subgraph that this one only extends: its key is all this one needs. */
export const keyOnly: ReferenceResolver = (ref) => ({ id: String(ref.id) });

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
    { typeDefs: withRequirements(withListSizes(parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`))), resolvers },
  ]);
}

export { DateScalar, VndScalar };
