import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { MikroORM } from '@mikro-orm/postgresql';
import { visit, type DocumentNode, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import type { CryptoKey as JoseKey } from 'jose';
import { RequestContext } from './context.js';
import { AppError, ErrorCode, badInput, isDatabaseUnavailable, isExpectedError } from './errors.js';
import {
  IDENTITY_HEADER,
  INTERNAL_AUDIENCE,
  INTERNAL_ISSUER,
  REQUEST_ID_HEADER,
  IdentityError,
  identityFromClaims,
  createIdentityVerifier,
} from './identity.js';
import type { Logger } from './logger.js';
import { requestScope, type SqlCounter } from './sql-counter.js';
import type { SubgraphClient } from './subgraph-client.js';
import { withServerSpan } from './tracing.js';

export interface SubgraphServerOptions<L> {
  name: string;
  schema: GraphQLSchema;
  orm: MikroORM;
  /** The subgraph's PostgreSQL schema (its audit table lives there). */
  dbSchema: string;
  port: number;
  host: string;
  logger: Logger;
  /** Public key of the gateway: only identities it signed are accepted. */
  gatewayKey: JoseKey;
  createLoaders: (ctx: RequestContext<L>) => L;
  counter: SqlCounter;
  /** Serve `GET /debug/sql/:requestId` (statement counts per request) for tests and benchmarks. */
  exposeSqlCounts: boolean;
  maxBodyBytes?: number;
  peers?: Readonly<Record<string, SubgraphClient>>;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * `GET /debug/memory[?gc]` (with the debug endpoints only): the process's memory, after a full
 * garbage collection when asked and possible (node --expose-gc) — what a soak compares.
 */
export function debugMemory(collect: boolean): Record<string, number | boolean> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (collect && gc) gc();
  const m = process.memoryUsage();
  return { collected: collect && !!gc, rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers };
}

/**
 * True when a value (variables: any depth) holds text PostgreSQL cannot store as it is: a NUL
 * character (U+0000), which fails the statement, or a lone surrogate (not Unicode), which the driver
 * would silently turn into U+FFFD.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function holdsUnstorableText(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000') || LONE_SURROGATE.test(value);
  if (depth > 50 || value === null || typeof value !== 'object') return false;
  for (const v of Array.isArray(value) ? value : Object.values(value)) if (holdsUnstorableText(v, depth + 1)) return true;
  return false;
}

function documentHoldsUnstorableText(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    StringValue(node) {
      if (holdsUnstorableText(node.value)) found = true;
    },
  });
  return found;
}

/**
 * Text with a NUL character or a lone surrogate can never be stored faithfully by PostgreSQL:
 * refuse it up front as BAD_USER_INPUT, for every argument of every subgraph, instead of an
 * INTERNAL_SERVER_ERROR (NUL) or silently altered text (surrogates).
 */
const refuseUnstorableText: ApolloServerPlugin<any> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ request, document }) {
        if (holdsUnstorableText(request.variables) || documentHoldsUnstorableText(document)) {
          throw badInput('Text must be valid Unicode without NUL characters (U+0000)', { http: { status: 400 } });
        }
      },
    };
  },
};

const requestStore = new AsyncLocalStorage<{ requestId: string; logger: Logger }>();
const REQUEST_ID_RE = /^[A-Za-z0-9._:-]{1,100}$/;

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(text);
}

function graphqlError(code: string, message: string, requestId: string) {
  return { errors: [{ message, extensions: { code, requestId } }] };
}

async function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Serves one subgraph over HTTP: `POST /graphql` (identity from the gateway required),
 * `GET /healthcheck`, `GET /readiness` (database reachable) and, when enabled, SQL counts.
 */
export async function startSubgraphServer<L>(opts: SubgraphServerOptions<L>): Promise<RunningServer> {
  const { logger } = opts;
  const operationKind: ApolloServerPlugin<RequestContext<L>> = {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation }) {
          contextValue.operation = operation?.operation ?? 'query';
        },
      };
    },
  };

  const apollo = new ApolloServer<RequestContext<L>>({
    schema: opts.schema,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    // no cache-control plugin: nothing reads cache hints from a subgraph, and its per-field hook made
    // Apollo wrap every resolver of the schema — ≈ 40 % of GraphQL execution time for a list of
    // ≈ 200 totals (docs/BENCHMARKS.md)
    plugins: [refuseUnstorableText, operationKind, ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginCacheControlDisabled()],
    formatError: (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
      // a value our own scalars or inputs refused keeps its own code, even inside a validation error
      const cause = (error as { originalError?: unknown } | null)?.originalError;
      if (cause instanceof AppError) return { ...formatted, extensions: { ...formatted.extensions, code: cause.code } };
      if (isExpectedError(error)) return formatted;
      const store = requestStore.getStore();
      const requestId = store?.requestId ?? 'unknown';
      if (isDatabaseUnavailable(error)) {
        // PostgreSQL restarting or unreachable: the pool reconnects by itself; the client retries
        (store?.logger ?? logger).warn({ requestId, reason: formatted.message, path: formatted.path }, 'database unavailable');
        return {
          message: 'The database is unavailable; retry shortly',
          path: formatted.path,
          locations: formatted.locations,
          extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, requestId },
        };
      }
      (store?.logger ?? logger).error({ err: error, requestId, path: formatted.path }, 'unexpected error');
      return {
        message: `Unexpected error; quote request id ${requestId} to the operators`,
        path: formatted.path,
        locations: formatted.locations,
        extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, requestId },
      };
    },
  });
  await apollo.start();

  const maxBody = opts.maxBodyBytes ?? 2 * 1024 * 1024;
  const verifyIdentity = createIdentityVerifier(opts.gatewayKey, { issuer: INTERNAL_ISSUER, audience: INTERNAL_AUDIENCE });

  async function handleGraphql(req: IncomingMessage, res: ServerResponse, requestId: string) {
    const token = req.headers[IDENTITY_HEADER];
    if (typeof token !== 'string' || token.length === 0) {
      return send(res, 401, graphqlError(ErrorCode.UNAUTHENTICATED, 'This service only answers the gateway', requestId));
    }
    let ctx: RequestContext<L>;
    try {
      const { claims, via } = await verifyIdentity(token);
      ctx = new RequestContext<L>(opts.orm, opts.dbSchema, identityFromClaims(claims, via), requestId, token, opts.peers);
      ctx.loaders = opts.createLoaders(ctx);
    } catch (e) {
      const reason = e instanceof IdentityError ? e.message : 'invalid identity';
      logger.warn({ requestId, reason }, 'identity refused');
      return send(res, 401, graphqlError(ErrorCode.UNAUTHENTICATED, 'Identity not accepted', requestId));
    }

    const raw = await readBody(req, maxBody);
    if (raw === null) {
      // the rest of the body is left unread: close the connection, or the next request a keep-alive
      // client (the gateway) sends on it would wait behind those bytes forever
      return send(res, 413, graphqlError(ErrorCode.BAD_USER_INPUT, 'Request body too large', requestId), { connection: 'close' });
    }
    let body: unknown;
    if (req.method === 'POST') {
      try {
        body = raw.length ? JSON.parse(raw) : {};
      } catch {
        return send(res, 400, graphqlError(ErrorCode.BAD_USER_INPUT, 'Request body is not valid JSON', requestId));
      }
    }
    const headers = new HeaderMap();
    for (const [k, v] of Object.entries(req.headers)) {
      if (typeof v === 'string') headers.set(k, v);
      else if (Array.isArray(v)) headers.set(k, v.join(', '));
    }
    const url = new URL(req.url ?? '/', 'http://subgraph');
    let committed = false;
    try {
      const response = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method ?? 'POST', headers, search: url.search, body },
        context: async () => ctx,
      });
      await ctx.finish(true);
      committed = true;
      const out: Record<string, string> = { [REQUEST_ID_HEADER]: requestId };
      for (const [k, v] of response.headers) out[k] = v;
      res.writeHead(response.status ?? 200, out);
      if (response.body.kind === 'complete') {
        res.end(response.body.string);
      } else {
        for await (const chunk of response.body.asyncIterator) res.write(chunk);
        res.end();
      }
    } finally {
      if (!committed) await ctx.finish(false).catch((e: unknown) => logger.error({ err: e, requestId }, 'rollback failed'));
    }
  }

  const server: Server = createServer((req, res) => {
    const incoming = req.headers[REQUEST_ID_HEADER];
    const requestId = typeof incoming === 'string' && REQUEST_ID_RE.test(incoming) ? incoming : randomUUID();
    const reqLogger = logger.child({ requestId });
    requestStore.run({ requestId, logger: reqLogger }, () => requestScope.run({ requestId }, async () => {
      const path = (req.url ?? '/').split('?')[0];
      try {
        if (path === '/graphql' && (req.method === 'POST' || req.method === 'GET')) {
          const started = performance.now();
          opts.counter.recordRequest(requestId);
          await withServerSpan(`${opts.name} POST /graphql`, req.headers, async (span) => {
            span.setAttribute('kn.request_id', requestId);
            await handleGraphql(req, res, requestId);
            span.setAttribute('http.response.status_code', res.statusCode);
          });
          reqLogger.info({ status: res.statusCode, ms: Math.round((performance.now() - started) * 10) / 10 }, 'request');
        } else if (path === '/healthcheck' && req.method === 'GET') {
          send(res, 200, { status: 'ok', service: opts.name });
        } else if (path === '/readiness' && req.method === 'GET') {
          const ok = await opts.orm
            .isConnected()
            .then(async (c) => c && (await opts.orm.em.getConnection().execute('select 1'), true))
            .catch(() => false);
          send(res, ok ? 200 : 503, { status: ok ? 'ready' : 'database unreachable', service: opts.name });
        } else if (opts.exposeSqlCounts && path === '/debug/memory' && req.method === 'GET') {
          send(res, 200, debugMemory(new URL(req.url ?? '/', 'http://subgraph').searchParams.has('gc')));
        } else if (opts.exposeSqlCounts && path?.startsWith('/debug/sql/') && req.method === 'GET') {
          const id = decodeURIComponent(path.slice('/debug/sql/'.length));
          send(res, 200, { requestId: id, ...opts.counter.forRequest(id) });
        } else {
          send(res, 404, graphqlError(ErrorCode.NOT_FOUND, 'No such route', requestId));
        }
      } catch (e) {
        reqLogger.error({ err: e }, 'request failed');
        if (!res.headersSent) {
          send(res, 500, graphqlError(ErrorCode.INTERNAL_SERVER_ERROR, `Unexpected error; request id ${requestId}`, requestId));
        } else {
          res.end();
        }
      }
    }));
  });
  server.keepAliveTimeout = 65_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${opts.host}:${port}/graphql`;
  logger.info({ url }, `${opts.name} subgraph listening`);

  return {
    url,
    port,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await apollo.stop();
    },
  };
}
