import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import {
  GraphQLError,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  getNamedType,
  visit,
  parse,
  getNullableType,
  isInterfaceType,
  isListType,
  isObjectType,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import type { Logger } from 'pino';
import type { GatewayMetrics } from './metrics.js';

export interface LimitsConfig {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  maxQueryBytes: number;
  maxCost: number;
  maxFirst: number;
  /** Items assumed for a list field without `first` when estimating cost. */
  defaultListSize: number;
}

/** The one message of every limit error: the limits' values are not revealed. */
export const TOO_COMPLEX = 'Query too complex';

export function tooComplex(reason: string): GraphQLError {
  return new GraphQLError(`${TOO_COMPLEX} (${reason})`, {
    extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400 } },
  });
}

/**
 * graphql-armor's limits (depth, aliases, tokens, directives), run at parse/validation time, before
 * any subgraph is asked; their messages do not reveal the limits' values.
 */
export function armor(limits: LimitsConfig, metrics: GatewayMetrics, logger: Logger): GatewayPlugin {
  const onReject = (reason: string) => [
    () => {
      metrics.denied.inc({ reason: `limit:${reason}` });
      logger.info({ reason: `limit:${reason}` }, 'request denied');
    },
  ];
  return EnvelopArmorPlugin({
    maxDepth: { n: limits.maxDepth, exposeLimits: false, errorMessage: `${TOO_COMPLEX} (depth)`, onReject: onReject('depth'), flattenFragments: true },
    maxAliases: { n: limits.maxAliases, exposeLimits: false, errorMessage: `${TOO_COMPLEX} (aliases)`, onReject: onReject('aliases') },
    maxTokens: { n: limits.maxTokens, exposeLimits: false, errorMessage: `${TOO_COMPLEX} (tokens)`, onReject: onReject('tokens') },
    maxDirectives: { n: limits.maxDirectives, exposeLimits: false, errorMessage: `${TOO_COMPLEX} (directives)`, onReject: onReject('directives') },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: true },
  }) as GatewayPlugin;
}

function intValue(node: ValueNode | undefined, variables: Record<string, unknown> | undefined): number | null {
  if (!node) return null;
  if (node.kind === Kind.INT) return Number(node.value);
  if (node.kind === Kind.VARIABLE) {
    const v = variables?.[node.name.value];
    return typeof v === 'number' ? v : null;
  }
  return null;
}

/** What the schema declares of a field's cost (IBM cost spec, Federation 2.9: `@cost`, `@listSize`). */
export interface FieldCost {
  weight?: number;
  assumedSize?: number;
  slicingArguments?: string[];
  sizedFields?: string[];
}
/** `Type.field` → its declaration. */
export type CostDirectives = Map<string, FieldCost>;

const stringList = (v: ValueNode | undefined) => (v?.kind === Kind.LIST ? v.values.flatMap((x) => (x.kind === Kind.STRING ? [x.value] : [])) : undefined);

/** Reads `@cost(weight:)` and `@listSize(…)` from an SDL (the supergraph, where composition keeps them). */
export function costDirectivesOf(sdl: string): CostDirectives {
  const out: CostDirectives = new Map();
  for (const def of parse(sdl, { noLocation: true }).definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.OBJECT_TYPE_EXTENSION && def.kind !== Kind.INTERFACE_TYPE_DEFINITION) continue;
    for (const f of def.fields ?? []) {
      const c: FieldCost = {};
      for (const d of f.directives ?? []) {
        const arg = (n: string) => d.arguments?.find((a) => a.name.value === n)?.value;
        if (d.name.value === 'cost') {
          const w = arg('weight');
          if (w?.kind === Kind.INT) c.weight = Number(w.value);
        } else if (d.name.value === 'listSize') {
          const size = arg('assumedSize');
          if (size?.kind === Kind.INT) c.assumedSize = Number(size.value);
          c.slicingArguments = stringList(arg('slicingArguments'));
          c.sizedFields = stringList(arg('sizedFields'));
        }
      }
      if (Object.keys(c).length) out.set(`${def.name.value}.${f.name.value}`, c);
    }
  }
  return out;
}

/**
 * Estimated cost of an operation, from what the schema declares (`@cost`, `@listSize`, generated
 * for every list by the platform: see withListSizes): a field costs its `@cost` weight (else 1),
 * times the items its enclosing lists may return — a list's slicing argument (`first`) where given,
 * else its `assumedSize`; a connection's size applies to its `sizedFields` (nodes, edges), not to
 * its totalCount or pageInfo. A list the schema says nothing of is assumed `defaultListSize` items
 * (and a `…Connection` with `first` is sliced by it), as before the declarations existed. A
 * request for `first` above the maximum is refused outright.
 *
 * Fragments are costed where they are spread, as many times as they are spread (a fragment used
 * under a list of 500 costs 500 times) — memoised per fragment, so a "fragment bomb" (F1 spreads
 * F0 twice, F2 spreads F1 twice… 2^40 fields in a few hundred bytes) is costed in linear time and
 * refused here, before the query planner would try to expand it.
 */
export function estimateCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  limits: LimitsConfig,
  operationName?: string | null,
  declared: CostDirectives = new Map(),
): { cost: number; firstTooLarge: boolean } {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  let firstTooLarge = false;
  const memo = new Map<string, number>();

  const fieldType = (parent: GraphQLNamedType | null | undefined, name: string): GraphQLOutputType | null => {
    if (name === '__typename') return null;
    if (name === '__schema') return SchemaMetaFieldDef.type;
    if (name === '__type') return TypeMetaFieldDef.type;
    if (!parent || !(isObjectType(parent) || isInterfaceType(parent))) return null;
    return parent.getFields()[name]?.type ?? null;
  };

  // a parent's sizing of some of this set's fields (a connection: nodes and edges × its page size)
  interface Sizing {
    fields: string[];
    size: number;
  }
  // cost of a selection set run once: Σ over fields of weight + (items of the field) × cost of its selections
  const unit = (set: SelectionSetNode, parent: GraphQLNamedType | null | undefined, sizing: Sizing | null, spreading: Set<string>): number => {
    let total = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        const name = sel.name.value;
        const decl = parent ? declared.get(`${parent.name}.${name}`) : undefined;
        total += decl?.weight ?? 1;
        const type = fieldType(parent, name);
        const firstArg = sel.arguments?.find((a) => a.name.value === 'first');
        const first = intValue(firstArg?.value, variables);
        if (first !== null && first > limits.maxFirst) firstTooLarge = true;
        if (!sel.selectionSet) continue;
        const isList = type ? isListType(getNullableType(type)) : false;
        const named = type ? getNamedType(type) : null;
        let size = 1;
        let childSizing: Sizing | null = null;
        const sliced = decl?.slicingArguments
          ?.map((arg) => intValue(sel.arguments?.find((a) => a.name.value === arg)?.value, variables))
          .find((v) => v !== null);
        if (decl?.sizedFields?.length) {
          childSizing = { fields: decl.sizedFields, size: sliced ?? decl.assumedSize ?? limits.defaultListSize };
        } else if (sliced != null) size = sliced;
        else if (decl?.assumedSize !== undefined) size = decl.assumedSize;
        else if (sizing?.fields.includes(name)) size = sizing.size;
        else if (!decl && named && /Connection$/.test(named.name)) childSizing = { fields: ['nodes', 'edges'], size: first ?? limits.defaultListSize };
        else if (first !== null) size = first;
        else if (isList && !sizing) size = limits.defaultListSize;
        total += Math.max(size, 1) * unit(sel.selectionSet, named, childSizing, spreading);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        const cond = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : parent;
        total += unit(sel.selectionSet, cond, sizing, spreading);
      } else {
        const name = sel.name.value;
        const fragment = fragments.get(name);
        if (!fragment || spreading.has(name)) continue; // unknown or cyclic: validation refuses those
        const key = `${name}|${sizing ? `${sizing.fields.join(',')}:${sizing.size}` : ''}`;
        let cost = memo.get(key);
        if (cost === undefined) {
          spreading.add(name);
          cost = unit(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value), sizing, spreading);
          spreading.delete(name);
          memo.set(key, cost);
        }
        total += cost;
      }
    }
    return total;
  };

  let cost = 0;
  for (const d of document.definitions) {
    if (d.kind !== Kind.OPERATION_DEFINITION) continue;
    if (operationName && d.name?.value !== operationName) continue;
    const root = d.operation === 'mutation' ? schema.getMutationType() : d.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
    cost += unit(d.selectionSet, root, null, new Set());
  }
  return { cost, firstTooLarge };
}

export type CostEstimate = ReturnType<typeof estimateCost>;

/** Names of the variables that size lists (`first: $n`): the only variables the cost depends on. */
export function listSizingVariables(document: DocumentNode): string[] {
  const names = new Set<string>();
  visit(document, {
    Argument(node) {
      if (node.name.value === 'first' && node.value.kind === Kind.VARIABLE) names.add(node.value.name.value);
    },
  });
  return [...names].sort();
}

/**
 * `estimateCost`, remembered per schema and parsed document (both objects the runtime caches and
 * reuses for the same query text) and per value of the list-sizing variables: a client repeating
 * an operation with other ids costs a map lookup instead of a walk of the document with type
 * information (~0.1 ms per request in the benchmark's profile).
 */
const NO_DECLARATIONS: CostDirectives = new Map();

export function costEstimator(limits: LimitsConfig, declarations: () => CostDirectives = () => NO_DECLARATIONS) {
  const byDocument = new WeakMap<DocumentNode, { schema: GraphQLSchema; declared: CostDirectives; vars: string[]; results: Map<string, CostEstimate> }>();
  return (
    schema: GraphQLSchema,
    document: DocumentNode,
    variables: Record<string, unknown> | undefined,
    operationName?: string | null,
  ): CostEstimate => {
    let entry = byDocument.get(document);
    const declared = declarations();
    if (!entry || entry.schema !== schema || entry.declared !== declared) {
      entry = { schema, declared, vars: listSizingVariables(document), results: new Map() };
      byDocument.set(document, entry);
    }
    const key = JSON.stringify([operationName ?? null, ...entry.vars.map((v) => variables?.[v] ?? null)]);
    let result = entry.results.get(key);
    if (!result) {
      result = estimateCost(schema, document, variables, limits, operationName, declared);
      if (entry.results.size >= 64) entry.results.clear();
      entry.results.set(key, result);
    }
    return result;
  };
}

/**
 * Limits checked once the variables are known and before execution (so before any subgraph call):
 * the document's size, the maximum `first` and the estimated cost.
 */
export function useCostLimits(
  limits: LimitsConfig,
  metrics: GatewayMetrics,
  logger: Logger,
  declarations: () => CostDirectives = () => NO_DECLARATIONS,
): GatewayPlugin {
  const deny = (reason: string, error: GraphQLError) => {
    metrics.denied.inc({ reason });
    logger.info({ reason }, 'request denied');
    return error;
  };
  const estimate = costEstimator(limits, declarations);
  return {
    onParams({ params, setResult }) {
      if (typeof params.query === 'string' && Buffer.byteLength(params.query) > limits.maxQueryBytes) {
        setResult({ errors: [deny('limit:size', tooComplex('size'))] });
      }
    },
    onExecute({ args, setResultAndStopExecution }) {
      const { cost, firstTooLarge } = estimate(args.schema, args.document, args.variableValues ?? undefined, args.operationName);
      if (firstTooLarge) {
        setResultAndStopExecution({
          errors: [
            deny(
              'limit:first',
              new GraphQLError('`first` is above the largest page size allowed', {
                extensions: { code: 'BAD_USER_INPUT', field: 'first', http: { status: 400 } },
              }),
            ),
          ],
        });
      } else if (cost > limits.maxCost) {
        setResultAndStopExecution({ errors: [deny('limit:cost', tooComplex('cost'))] });
      } else {
        // what the request was estimated to cost, back to the caller (Shopify's extensions.cost):
        // every request here is authenticated (the edge refused the others before parsing)
        return {
          onExecuteDone({ result, setResult }) {
            if (Symbol.asyncIterator in result) return;
            setResult({ ...result, extensions: { ...result.extensions, cost: { requestedQueryCost: cost, maximumAvailable: limits.maxCost } } });
          },
        };
      }
      return undefined;
    },
  };
}
