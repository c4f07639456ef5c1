import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import {
  GraphQLError,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  getNamedType,
  visit,
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

/**
 * Estimated cost of an operation: every field costs 1, times the number of items its enclosing
 * lists may return — `first` where given, else `defaultListSize` for a list field. A request for
 * `first` above the maximum is refused outright.
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

  // cost of a selection set run once: Σ over fields of 1 + (items of the field) × cost of its selections
  const unit = (set: SelectionSetNode, parent: GraphQLNamedType | null | undefined, underConnection: boolean, spreading: Set<string>): number => {
    let total = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        total += 1;
        const type = fieldType(parent, sel.name.value);
        const firstArg = sel.arguments?.find((a) => a.name.value === 'first');
        const first = intValue(firstArg?.value, variables);
        if (first !== null && first > limits.maxFirst) firstTooLarge = true;
        if (!sel.selectionSet) continue;
        const isList = type ? isListType(getNullableType(type)) : false;
        const named = type ? getNamedType(type) : null;
        const connection = !!named && /Connection$/.test(named.name);
        let size = 1;
        if (connection) size = first ?? limits.defaultListSize;
        else if (first !== null) size = first;
        else if (isList && !underConnection) size = limits.defaultListSize;
        total += Math.max(size, 1) * unit(sel.selectionSet, named, connection, spreading);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        const cond = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : parent;
        total += unit(sel.selectionSet, cond, underConnection, spreading);
      } else {
        const name = sel.name.value;
        const fragment = fragments.get(name);
        if (!fragment || spreading.has(name)) continue; // unknown or cyclic: validation refuses those
        const key = `${name}|${underConnection}`;
        let cost = memo.get(key);
        if (cost === undefined) {
          spreading.add(name);
          cost = unit(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value), underConnection, spreading);
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
    cost += unit(d.selectionSet, root, false, new Set());
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
export function costEstimator(limits: LimitsConfig) {
  const byDocument = new WeakMap<DocumentNode, { schema: GraphQLSchema; vars: string[]; results: Map<string, CostEstimate> }>();
  return (
    schema: GraphQLSchema,
    document: DocumentNode,
    variables: Record<string, unknown> | undefined,
    operationName?: string | null,
  ): CostEstimate => {
    let entry = byDocument.get(document);
    if (!entry || entry.schema !== schema) {
      entry = { schema, vars: listSizingVariables(document), results: new Map() };
      byDocument.set(document, entry);
    }
    const key = JSON.stringify([operationName ?? null, ...entry.vars.map((v) => variables?.[v] ?? null)]);
    let result = entry.results.get(key);
    if (!result) {
      result = estimateCost(schema, document, variables, limits, operationName);
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
export function useCostLimits(limits: LimitsConfig, metrics: GatewayMetrics, logger: Logger): GatewayPlugin {
  const deny = (reason: string, error: GraphQLError) => {
    metrics.denied.inc({ reason });
    logger.info({ reason }, 'request denied');
    return error;
  };
  const estimate = costEstimator(limits);
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
      }
    },
  };
}
