import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import {
  GraphQLError,
  Kind,
  TypeInfo,
  getNamedType,
  getNullableType,
  isListType,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
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
 */
export function estimateCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  limits: LimitsConfig,
): { cost: number; firstTooLarge: boolean } {
  const typeInfo = new TypeInfo(schema);
  // per enclosing field: how many times its selections run, and whether it is a connection (whose
  // `first` already sized the `nodes`/`edges` lists directly under it)
  const stack: { mult: number; connection: boolean }[] = [{ mult: 1, connection: false }];
  let cost = 0;
  let firstTooLarge = false;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field: {
        enter(node) {
          const parent = stack[stack.length - 1]!;
          cost += parent.mult;
          const firstArg = node.arguments?.find((a) => a.name.value === 'first');
          const first = intValue(firstArg?.value, variables);
          if (first !== null && first > limits.maxFirst) firstTooLarge = true;
          const type = typeInfo.getType();
          const isList = type ? isListType(getNullableType(type)) : false;
          const named = type ? getNamedType(type) : null;
          const connection = !!named && /Connection$/.test(named.name);
          let size = 1;
          if (connection) size = first ?? limits.defaultListSize;
          else if (first !== null) size = first;
          else if (isList && !parent.connection) size = limits.defaultListSize;
          stack.push({ mult: parent.mult * Math.max(size, 1), connection });
        },
        leave() {
          stack.pop();
        },
      },
    }),
  );
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
  return (schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined): CostEstimate => {
    let entry = byDocument.get(document);
    if (!entry || entry.schema !== schema) {
      entry = { schema, vars: listSizingVariables(document), results: new Map() };
      byDocument.set(document, entry);
    }
    const key = JSON.stringify(entry.vars.map((v) => variables?.[v] ?? null));
    let result = entry.results.get(key);
    if (!result) {
      result = estimateCost(schema, document, variables, limits);
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
      const { cost, firstTooLarge } = estimate(args.schema, args.document, args.variableValues ?? undefined);
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
