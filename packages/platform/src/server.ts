import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap, type ApolloServerPlugin, type HTTPGraphQLRequest } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { MikroORM } from '@mikro-orm/postgresql';
import { visit, type DocumentNode, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import type { CryptoKey as JoseKey } from 'jose';
import { RequestContext, drainCommits } from './context.js';
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
import { flushLogs, type Logger } from './logger.js';
import { COMMIT_LSN_HEADER, MIN_LSN_HEADER, parseLsn, type ReadRouter } from './read-routing.js';
import { matchRoute, routeError, type SubgraphRoute } from './routes.js';
import { requestScope, type SqlCounter } from './sql-counter.js';
import type { SubgraphClient } from './subgraph-client.js';
import { withServerSpan } from './tracing.js';

export interface SubgraphServerOptions<L> {
  name: string;
  schema: GraphQLSchema;
  orm: MikroORM;
  /** The subgraph's PostgreSQL schema (its audit table lives there). */
  dbSchema: string;
  /** False: a tenant's predecessors are not read here (see `SubgraphDefinition.readsPredecessors`). */
  readsPredecessors?: boolean;
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
  /** Read replicas (queries) and read-your-writes; absent or empty: everything on the primary. */
  reads?: ReadRouter;
  /** HTTP routes beside /graphql (`SubgraphDefinition.routes`), with the same identity and context. */
  routes?: readonly SubgraphRoute<L>[];
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

/** What the request handlers of one subgraph server share. */
interface ServerDeps<L> {
  opts: SubgraphServerOptions<L>;
  apollo: ApolloServer<RequestContext<L>>;
  verifyIdentity: ReturnType<typeof createIdentityVerifier>;
  maxBody: number;
}

/**
 * The subgraph's errors as clients see them: our own codes kept, an unavailable database answered
 * SERVICE_UNAVAILABLE, anything unexpected logged and answered INTERNAL_SERVER_ERROR with the request id.
 */
function subgraphErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
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
  };
}

/** The Apollo server of one subgraph (not started): its plugins and error formatting. */
function createSubgraphApollo<L>(schema: GraphQLSchema, logger: Logger): ApolloServer<RequestContext<L>> {
  const operationKind: ApolloServerPlugin<RequestContext<L>> = {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation }) {
          contextValue.operation = operation?.operation ?? 'query';
        },
      };
    },
  };
  return new ApolloServer<RequestContext<L>>({
    schema,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    // no cache-control plugin: nothing reads cache hints from a subgraph, and its per-field hook made
    // Apollo wrap every resolver of the schema — ≈ 40 % of GraphQL execution time for a list of
    // ≈ 200 totals (docs/BENCHMARKS.md)
    plugins: [refuseUnstorableText, operationKind, ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginCacheControlDisabled()],
    formatError: subgraphErrorFormatter(logger),
  });
}

/**
 * The gateway's identity on a request: without one, or with one that does not verify, the request
 * is answered 401 here and null returned; otherwise `build` makes what the handler needs from it
 * (a failure inside `build` is refused like a bad identity).
 */
async function acceptCaller<L, T>(
  deps: ServerDeps<L>,
  req: IncomingMessage,
  res: ServerResponse,
  requestId: string,
  build: (identity: ReturnType<typeof identityFromClaims>, token: string) => T,
): Promise<T | null> {
  const token = req.headers[IDENTITY_HEADER];
  if (typeof token !== 'string' || token.length === 0) {
    send(res, 401, graphqlError(ErrorCode.UNAUTHENTICATED, 'This service only answers the gateway', requestId));
    return null;
  }
  try {
    const { claims, via } = await deps.verifyIdentity(token);
    const identity = identityFromClaims(claims, via);
    // a subgraph whose own rows already cover its predecessors' (communes: the successor's
    // geography holds their units, under the same ids) reads its tenant only
    return build(deps.opts.readsPredecessors === false ? { ...identity, predecessors: [] } : identity, token);
  } catch (e) {
    const reason = e instanceof IdentityError ? e.message : 'invalid identity';
    deps.opts.logger.warn({ requestId, reason }, 'identity refused');
    send(res, 401, graphqlError(ErrorCode.UNAUTHENTICATED, 'Identity not accepted', requestId));
    return null;
  }
}

/**
 * The GraphQL request as Apollo takes it: the body read (at most `maxBody` bytes) and parsed, the
 * headers copied. A body too large or not JSON is answered here and null returned.
 */
async function readGraphqlRequest(req: IncomingMessage, res: ServerResponse, requestId: string, maxBody: number): Promise<HTTPGraphQLRequest | null> {
  const raw = await readBody(req, maxBody);
  if (raw === null) {
    // the rest of the body is left unread: close the connection, or the next request a keep-alive
    // client (the gateway) sends on it would wait behind those bytes forever
    send(res, 413, graphqlError(ErrorCode.BAD_USER_INPUT, 'Request body too large', requestId), { connection: 'close' });
    return null;
  }
  let body: unknown;
  if (req.method === 'POST') {
    try {
      body = raw.length ? JSON.parse(raw) : {};
    } catch {
      send(res, 400, graphqlError(ErrorCode.BAD_USER_INPUT, 'Request body is not valid JSON', requestId));
      return null;
    }
  }
  const headers = new HeaderMap();
  for (const [k, v] of Object.entries(req.headers)) {
    if (typeof v === 'string') headers.set(k, v);
    else if (Array.isArray(v)) headers.set(k, v.join(', '));
  }
  const url = new URL(req.url ?? '/', 'http://subgraph');
  return { method: req.method ?? 'POST', headers, search: url.search, body };
}

/**
 * Runs the operation in the request's transaction and sends the answer after COMMIT (rolled back
 * when anything fails). A read that failed on a replica, or that a resolver found the replica
 * behind for (`readAgainOnPrimary`), is run again, once, on the primary.
 */
async function executeInTransaction<L>(
  deps: ServerDeps<L>,
  res: ServerResponse,
  requestId: string,
  httpGraphQLRequest: HTTPGraphQLRequest,
  newContext: (replicas: boolean) => RequestContext<L>,
  first: RequestContext<L>,
) {
  const { opts, apollo } = deps;
  let ctx = first;
  let committed = false;
  const execute = () => apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest: { ...httpGraphQLRequest }, context: async () => ctx });
  try {
    let response = await execute();
    const replica = ctx.replica;
    const failed = replica && opts.reads && response.body.kind === 'complete' ? response.body.string : '';
    const down = failed.includes(`"${ErrorCode.SERVICE_UNAVAILABLE}"`);
    const behind = replica !== null && ctx.primaryWanted;
    if (replica && opts.reads && (behind || down || failed.includes(`"${ErrorCode.INTERNAL_SERVER_ERROR}"`))) {
      // the replica went away under this read (or cancelled it: a conflict with recovery), or a
      // resolver found it behind: the read again on the primary, and a replica that is gone out
      // of the rotation
      await ctx.finish(false).catch(() => {});
      if (down) opts.reads.markDown(replica, 'a read on it failed');
      if (behind) opts.reads.noteBehind();
      else opts.reads.noteRetry();
      ctx = newContext(false);
      response = await execute();
    }
    await ctx.finish(true);
    committed = true;
    const out: Record<string, string> = { [REQUEST_ID_HEADER]: requestId };
    if (ctx.commitLsn) out[COMMIT_LSN_HEADER] = ctx.commitLsn;
    for (const [k, v] of response.headers) out[k] = v;
    res.writeHead(response.status ?? 200, out);
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
    } else {
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
    }
  } finally {
    if (!committed) await ctx.finish(false).catch((e: unknown) => opts.logger.error({ err: e, requestId }, 'rollback failed'));
  }
}

/** `POST|GET /graphql`: the gateway's identity, then the request's context, body and execution. */
async function handleGraphql<L>(deps: ServerDeps<L>, req: IncomingMessage, res: ServerResponse, requestId: string) {
  const { opts } = deps;
  const minLsnHeader = req.headers[MIN_LSN_HEADER];
  const minLsn = typeof minLsnHeader === 'string' ? parseLsn(minLsnHeader) : null;
  const newContext = await acceptCaller(deps, req, res, requestId, (identity, token) => (replicas: boolean) => {
    const reads = opts.reads ? { router: opts.reads, minLsn, replicas } : undefined;
    const c = new RequestContext<L>(opts.orm, opts.dbSchema, identity, requestId, token, opts.peers, reads);
    c.loaders = opts.createLoaders(c);
    return c;
  });
  if (!newContext) return;
  const ctx = newContext(true);
  const httpGraphQLRequest = await readGraphqlRequest(req, res, requestId, deps.maxBody);
  if (!httpGraphQLRequest) return;
  await executeInTransaction(deps, res, requestId, httpGraphQLRequest, newContext, ctx);
}

/**
 * A declared route: the gateway's identity verified like /graphql, a context of its own (primary
 * database), the route's answer sent after COMMIT (JSON) or streamed inside the transaction.
 */
async function handleRoute<L>(deps: ServerDeps<L>, req: IncomingMessage, res: ServerResponse, requestId: string, route: SubgraphRoute<L>, params: Record<string, string>) {
  const { opts } = deps;
  const ctx = await acceptCaller(deps, req, res, requestId, (identity, token) => {
    const c = new RequestContext<L>(opts.orm, opts.dbSchema, identity, requestId, token, opts.peers);
    c.loaders = opts.createLoaders(c);
    c.operation = route.kind;
    return c;
  });
  if (!ctx) return;
  let committed = false;
  try {
    const answer = await route.handle(req, ctx, params);
    if ('json' in answer) {
      await ctx.finish(true);
      committed = true;
      return send(res, answer.status, answer.json, { [REQUEST_ID_HEADER]: requestId, ...answer.headers });
    }
    res.writeHead(answer.status, { [REQUEST_ID_HEADER]: requestId, ...answer.headers });
    for await (const chunk of answer.body) {
      if (!res.write(chunk)) await new Promise<void>((resolve) => res.once('drain', resolve));
    }
    await ctx.finish(true);
    committed = true;
    res.end();
  } catch (e) {
    if (!(e instanceof AppError) || res.headersSent) throw e;
    const { status, body } = routeError(e, requestId);
    // an unread request body (a refused upload) would hold a keep-alive connection: close it
    send(res, status, body, { [REQUEST_ID_HEADER]: requestId, ...(req.complete ? {} : { connection: 'close' }) });
  } finally {
    if (!committed) await ctx.finish(false).catch((e: unknown) => opts.logger.error({ err: e, requestId }, 'rollback failed'));
  }
}

/**
 * The endpoints that need no identity: `/healthcheck`, `/readiness` and, when enabled, the debug
 * endpoints. False when the request is for none of them.
 */
async function serveBuiltin<L>(opts: SubgraphServerOptions<L>, req: IncomingMessage, res: ServerResponse, path: string | undefined): Promise<boolean> {
  if (path === '/healthcheck' && req.method === 'GET') {
    send(res, 200, { status: 'ok', service: opts.name });
  } else if (path === '/readiness' && req.method === 'GET') {
    const ok = await opts.orm
      .isConnected()
      .then(async (c) => c && (await opts.orm.em.getConnection().execute('select 1'), true))
      .catch(() => false);
    send(res, ok ? 200 : 503, { status: ok ? 'ready' : 'database unreachable', service: opts.name });
  } else if (opts.exposeSqlCounts && path === '/debug/replicas' && req.method === 'GET') {
    send(res, 200, opts.reads?.stats() ?? { replicas: [], primaryReads: 0, heldForOwnWrites: 0, retried: 0, behind: 0 });
  } else if (opts.exposeSqlCounts && path === '/debug/memory' && req.method === 'GET') {
    send(res, 200, debugMemory(new URL(req.url ?? '/', 'http://subgraph').searchParams.has('gc')));
  } else if (opts.exposeSqlCounts && path?.startsWith('/debug/sql/') && req.method === 'GET') {
    const id = decodeURIComponent(path.slice('/debug/sql/'.length));
    await drainCommits(); // a read-only request's COMMIT may still be in flight: count it
    send(res, 200, { requestId: id, ...opts.counter.forRequest(id) });
  } else {
    return false;
  }
  return true;
}

/**
 * One HTTP request: its request id (the caller's when well-formed) and logger, then routed to
 * /graphql, a built-in endpoint or a declared route (404 otherwise); a failure is logged and
 * answered 500 when nothing was sent yet.
 */
async function serveRequest<L>(deps: ServerDeps<L>, req: IncomingMessage, res: ServerResponse) {
  const { opts } = deps;
  const incoming = req.headers[REQUEST_ID_HEADER];
  const requestId = typeof incoming === 'string' && REQUEST_ID_RE.test(incoming) ? incoming : randomUUID();
  const reqLogger = opts.logger.child({ requestId });
  return requestStore.run({ requestId, logger: reqLogger }, () => requestScope.run({ requestId }, async () => {
    const path = (req.url ?? '/').split('?')[0];
    try {
      if (path === '/graphql' && (req.method === 'POST' || req.method === 'GET')) {
        const started = performance.now();
        opts.counter.recordRequest(requestId);
        await withServerSpan(`${opts.name} POST /graphql`, req.headers, async (span) => {
          span.setAttribute('kn.request_id', requestId);
          await handleGraphql(deps, req, res, requestId);
          span.setAttribute('http.response.status_code', res.statusCode);
        });
        reqLogger.info({ status: res.statusCode, ms: Math.round((performance.now() - started) * 10) / 10 }, 'request');
      } else if (!(await serveBuiltin(opts, req, res, path))) {
        const found = opts.routes?.length ? matchRoute(opts.routes, req.method ?? 'GET', path ?? '/') : null;
        if (!found) return send(res, 404, graphqlError(ErrorCode.NOT_FOUND, 'No such route', requestId));
        const started = performance.now();
        opts.counter.recordRequest(requestId);
        await handleRoute(deps, req, res, requestId, found.route, found.params);
        reqLogger.info({ status: res.statusCode, route: `${found.route.method} ${found.route.path}`, ms: Math.round((performance.now() - started) * 10) / 10 }, 'request');
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
}

/**
 * Serves one subgraph over HTTP: `POST /graphql` (identity from the gateway required),
 * `GET /healthcheck`, `GET /readiness` (database reachable) and, when enabled, SQL counts.
 */
export async function startSubgraphServer<L>(opts: SubgraphServerOptions<L>): Promise<RunningServer> {
  const { logger } = opts;
  const apollo = createSubgraphApollo<L>(opts.schema, logger);
  await apollo.start();

  const deps: ServerDeps<L> = {
    opts,
    apollo,
    verifyIdentity: createIdentityVerifier(opts.gatewayKey, { issuer: INTERNAL_ISSUER, audience: INTERNAL_AUDIENCE }),
    maxBody: opts.maxBodyBytes ?? 2 * 1024 * 1024,
  };
  const server: Server = createServer((req, res) => {
    void serveRequest(deps, req, res);
  });
  server.keepAliveTimeout = 65_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${opts.host}:${port}/graphql`;
  logger.info({ url }, `${opts.name} subgraph listening`);
  flushLogs(logger); // the launcher waits for this line

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
