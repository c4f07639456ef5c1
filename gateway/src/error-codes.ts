import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';

/** Classifies an error the GraphQL engine produced without a code. */
export function codeFor(message: string): string {
  if (/^Variable "\$[^"]+" /.test(message)) return 'BAD_USER_INPUT';
  if (/^Syntax Error/.test(message)) return 'GRAPHQL_PARSE_FAILED';
  return 'INTERNAL_SERVER_ERROR';
}

/**
 * Every error a client sees carries `extensions.code`. graphql-js leaves variable-coercion errors
 * uncoded; this gives them BAD_USER_INPUT and HTTP 400 (and logs anything else that arrives uncoded).
 */
export function useErrorCodes(logger: Logger): GatewayPlugin {
  const withCode = (e: GraphQLError): GraphQLError => {
    if (typeof e.extensions?.code === 'string') return e;
    const code = codeFor(e.message);
    if (code === 'INTERNAL_SERVER_ERROR') logger.warn({ message: e.message }, 'uncoded error reached the edge');
    return new GraphQLError(e.message, {
      source: e.source,
      positions: e.positions,
      path: e.path,
      originalError: e.originalError,
      extensions: { ...e.extensions, code, ...(code === 'BAD_USER_INPUT' ? { http: { status: 400 } } : {}) },
    });
  };
  return {
    onResultProcess({ result, setResult }) {
      if (Array.isArray(result) || !result || typeof result !== 'object' || !('errors' in result)) return;
      const r = result as { errors?: readonly GraphQLError[] };
      if (!r.errors?.some((e) => typeof e.extensions?.code !== 'string')) return;
      setResult({ ...r, errors: r.errors.map((e) => (e instanceof GraphQLError ? withCode(e) : e)) } as never);
    },
  };
}
