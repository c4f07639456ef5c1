import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { TOO_COMPLEX } from './limits.js';
import type { GatewayMetrics } from './metrics.js';

/** Classifies an error the GraphQL engine (or graphql-armor) produced without our code. */
export function codeFor(message: string, current: unknown): string {
  if (message.includes(TOO_COMPLEX)) return 'QUERY_TOO_COMPLEX';
  if (typeof current === 'string') return current;
  if (/^Variable "\$[^"]+" /.test(message)) return 'BAD_USER_INPUT';
  if (/^Syntax Error/.test(message)) return 'GRAPHQL_PARSE_FAILED';
  if (/^Schema is not configured to execute \w+ operation/.test(message)) return 'BAD_REQUEST';
  return 'INTERNAL_SERVER_ERROR';
}

const STATUS: Record<string, number> = { BAD_USER_INPUT: 400, QUERY_TOO_COMPLEX: 400, BAD_REQUEST: 400 };

/**
 * Every error a client sees carries `extensions.code`: graphql-js leaves variable-coercion errors
 * uncoded (→ BAD_USER_INPUT) and graphql-armor's limits come out as syntax or validation errors
 * (→ QUERY_TOO_COMPLEX). Errors are counted by code for /metrics.
 */
export function useErrorCodes(logger: Logger, metrics: GatewayMetrics): GatewayPlugin {
  const withCode = (e: GraphQLError): GraphQLError => {
    const code = codeFor(e.message, e.extensions?.code);
    if (code === e.extensions?.code) return e;
    if (code === 'INTERNAL_SERVER_ERROR') logger.warn({ message: e.message }, 'uncoded error reached the edge');
    const status = STATUS[code];
    return new GraphQLError(code === 'QUERY_TOO_COMPLEX' ? TOO_COMPLEX : e.message, {
      source: e.source,
      positions: e.positions,
      path: e.path,
      originalError: e.originalError,
      extensions: { ...e.extensions, code, ...(status ? { http: { status } } : {}) },
    });
  };
  return {
    onResultProcess({ result, setResult }) {
      if (Array.isArray(result) || !result || typeof result !== 'object' || !('errors' in result)) return;
      const r = result as { errors?: readonly GraphQLError[] };
      if (!r.errors?.length) return;
      const errors = r.errors.map((e) => (e instanceof GraphQLError ? withCode(e) : e));
      for (const e of errors) metrics.errors.inc({ code: String(e.extensions?.code ?? 'UNKNOWN') });
      setResult({ ...r, errors } as never);
    },
  };
}
