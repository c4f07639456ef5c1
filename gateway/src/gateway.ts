import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphQLError } from 'graphql';
import { maskError as yogaMaskError } from 'graphql-yoga';
import { createGatewayRuntime, type GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import httpTransport from '@graphql-mesh/transport-http';
import { Logger as HiveLogger } from '@graphql-hive/logger';
import { PinoLogWriter } from '@graphql-hive/logger/writers/pino';
import usePrometheus from '@graphql-mesh/plugin-prometheus';
import { useOpenTelemetry } from '@graphql-hive/plugin-opentelemetry';
import { openTelemetrySetup } from '@graphql-hive/plugin-opentelemetry/setup';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { createLogger, flushLogs, type Logger } from '@kn/platform/logger';
import { debugMemory } from '@kn/platform/server';
import { importKey, parseJwk } from '@kn/platform/identity';
import { createTokenVerifier, type IssuerConfig } from './issuers.js';
import { useAccessLog } from './access-log.js';
import { useReadYourWrites } from './read-your-writes.js';
import { useEdgeAuth } from './auth.js';
import { useErrorCodes } from './error-codes.js';
import { useCodedHttpErrors } from './http-errors.js';
import { armor, costDirectivesOf, useCostLimits, type LimitsConfig } from './limits.js';
import { createMetrics } from './metrics.js';
import { useRateLimit } from './rate-limit.js';
import { loadManifest, useTrustedDocuments } from './trusted-documents.js';
import type { GatewayEnv } from './env.js';
import { ASSETS_PREFIX, renderIde, serveAsset } from './ide.js';
import { subgraphsOf, watchedSupergraph } from './supergraph.js';
import { APP_PREFIX, DEV_TOKEN_PATH, useDevTokens, useWebApp } from './web-app.js';
import { JobStore } from './export/jobs.js';
import { useExport } from './export/plugin.js';
import { useFiles } from './files.js';

export interface RunningGateway {
  url: string;
  port: number;
  logger: Logger;
  close(): Promise<void>;
}

const GRAPHQL_PATH = '/graphql';

/** `GET /readiness`: every subgraph answers its own readiness (which checks its database). */
function useReadiness(subgraphUrls: string[]): GatewayPlugin {
  return {
    async onRequest({ url, endResponse }) {
      if (url.pathname !== '/readiness') return;
      const checks = await Promise.all(
        subgraphUrls.map(async (u) => {
          const target = u.replace(/\/graphql$/, '/readiness');
          try {
            const res = await fetch(target, { signal: AbortSignal.timeout(2000) });
            return { subgraph: u, ok: res.ok };
          } catch {
            return { subgraph: u, ok: false };
          }
        }),
      );
      const ok = checks.every((c) => c.ok);
      endResponse(
        new Response(JSON.stringify({ status: ok ? 'ready' : 'not ready', checks }), {
          status: ok ? 200 : 503,
          headers: { 'content-type': 'application/json' },
        }),
      );
    },
  };
}

/** `GET /metrics` for operators; with METRICS_TOKEN set, only with that bearer token. */
function useMetricsAccess(token: string | undefined): GatewayPlugin {
  return {
    onRequest({ request, url, endResponse }) {
      if (url.pathname !== '/metrics' || !token) return;
      if (request.headers.get('authorization') !== `Bearer ${token}`) endResponse(new Response('forbidden', { status: 403 }));
    },
  };
}

/** `GET /debug/memory[?gc]` when EXPOSE_DEBUG is on (tests and benchmarks): memory after a full GC. */
function useDebugMemory(enabled: boolean): GatewayPlugin {
  return {
    onRequest({ request, url, endResponse }) {
      if (!enabled || url.pathname !== '/debug/memory' || request.method !== 'GET') return;
      endResponse(new Response(JSON.stringify(debugMemory(url.searchParams.has('gc'))), { headers: { 'content-type': 'application/json' } }));
    },
  };
}

/** Static IDE assets, served without a token. */
function useIdeAssets(): GatewayPlugin {
  return {
    async onRequest({ url, endResponse }) {
      if (url.pathname.startsWith(ASSETS_PREFIX)) endResponse(await serveAsset(url.pathname));
    },
  };
}

/**
 * A subgraph that cannot be reached (down, restarting, refusing connections) is SERVICE_UNAVAILABLE
 * for the part of the answer it owns — with its name, without its address — while the other
 * subgraphs' fields are answered as usual. Anything else unexpected stays masked.
 */
function unreachableSubgraph(error: unknown): GraphQLError | null {
  const candidates = [error, (error as { originalError?: unknown } | null)?.originalError];
  for (const e of candidates) {
    const ext = (e as { extensions?: Record<string, unknown> } | null)?.extensions;
    if (ext?.code !== 'SUBREQUEST_HTTP_ERROR') continue;
    const service = typeof ext.serviceName === 'string' ? ext.serviceName : 'a';
    const path = (error as { path?: readonly (string | number)[] }).path;
    // an aborted subgraph request: the timeout above, or the client hung up (and reads no answer)
    if (/operation was aborted/i.test((e as Error).message ?? '')) {
      return new GraphQLError(`The ${service} service did not answer in time; retry shortly`, {
        path,
        extensions: { code: 'SERVICE_UNAVAILABLE', service, reason: 'TIMEOUT' },
      });
    }
    return new GraphQLError(`The ${service} service is unavailable; retry shortly`, {
      path,
      extensions: { code: 'SERVICE_UNAVAILABLE', service },
    });
  }
  return null;
}

/**
 * Aborts a subgraph request after `ms` (through its fetch's signal): the executor then reports it like
 * an unreachable subgraph, on the fields it was to answer (with their paths), and `maskError` names it
 * a timeout. (Hive's `upstreamTimeout` races the whole executor instead; its error has no path.)
 */
function useSubgraphTimeout(ms: number): GatewayPlugin {
  return {
    onFetch({ options, setOptions }) {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), ms);
      const signal = options.signal ? AbortSignal.any([options.signal, controller.signal]) : controller.signal;
      setOptions({ ...options, signal });
      return () => clearTimeout(timer);
    },
  };
}

const isPublic = (request: Request, url: URL) =>
  url.pathname === '/healthcheck' ||
  url.pathname === '/debug/memory' ||
  url.pathname === '/readiness' ||
  url.pathname === '/metrics' ||
  url.pathname.startsWith(ASSETS_PREFIX) ||
  url.pathname === '/app' ||
  url.pathname.startsWith(APP_PREFIX) ||
  url.pathname === DEV_TOKEN_PATH ||
  (request.method === 'GET' && url.pathname === GRAPHQL_PATH && (request.headers.get('accept') ?? '').includes('text/html'));

type Runtime = ReturnType<typeof createGatewayRuntime>;

/** The document limits (armor and cost analysis) from the environment. */
function limitsOf(env: GatewayEnv): LimitsConfig {
  return {
    maxDepth: env.LIMIT_MAX_DEPTH,
    maxAliases: env.LIMIT_MAX_ALIASES,
    maxTokens: env.LIMIT_MAX_TOKENS,
    maxDirectives: env.LIMIT_MAX_DIRECTIVES,
    maxQueryBytes: env.LIMIT_MAX_QUERY_BYTES,
    maxCost: env.LIMIT_MAX_COST,
    maxFirst: env.LIMIT_MAX_FIRST,
    defaultListSize: env.LIMIT_DEFAULT_LIST_SIZE,
  };
}

/** The runtime's logger and, when an OTLP endpoint is configured, trace export. */
function setupObservability(env: GatewayEnv, logger: Logger): HiveLogger {
  // the runtime's own logs go through the same pino logger, as JSON
  const hiveLog = new HiveLogger({
    level: env.LOG_LEVEL === 'silent' ? false : env.LOG_LEVEL === 'fatal' ? 'error' : env.LOG_LEVEL,
    writers: [new PinoLogWriter(logger.child({ component: 'hive' }))],
  });
  if (env.OTEL_EXPORTER_OTLP_ENDPOINT) {
    openTelemetrySetup({
      contextManager: new AsyncLocalStorageContextManager(),
      resource: { serviceName: 'gateway' },
      traces: {
        exporter: new OTLPTraceExporter({ url: `${env.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/$/, '')}/v1/traces` }),
        batching: { scheduledDelayMillis: 200 },
      },
      log: hiveLog,
    });
  }
  return hiveLog;
}

/**
 * The edge authentication (auth.ts): the token issuers (configured ones and the dev issuer), the
 * tenant check and unit scopes (communes subgraph), partner API keys (sponsors subgraph).
 */
async function createAuth(env: GatewayEnv, supergraph: string, logger: Logger, metrics: ReturnType<typeof createMetrics>) {
  const issuers: IssuerConfig[] = [
    ...env.TOKEN_ISSUERS,
    // the dev issuer (pnpm start, pnpm -s run token): every tenant and the national role
    ...(env.TOKEN_PUBLIC_KEY
      ? [{ issuer: env.TOKEN_ISSUER, jwks: { keys: [parseJwk(env.TOKEN_PUBLIC_KEY) as Record<string, unknown>] }, tenants: '*' as const, national: true, algorithms: ['EdDSA' as const] }]
      : []),
  ];
  const verifyToken = createTokenVerifier(issuers, {
    defaultAudience: env.TOKEN_AUDIENCE,
    timing: {
      refreshSeconds: env.JWKS_REFRESH_SECONDS,
      maxStaleSeconds: env.JWKS_MAX_STALE_SECONDS,
      cooldownSeconds: env.JWKS_COOLDOWN_SECONDS,
      timeoutMs: env.JWKS_TIMEOUT_MS,
    },
    onJwksError: (issuer, err) => logger.warn({ issuer, err: (err as Error)?.message ?? String(err) }, 'cannot fetch the JWKS of a token issuer'),
  });
  const communesUrl = subgraphsOf(supergraph).find((s) => s.name === 'communes')?.url;
  if (!communesUrl) throw new Error('the supergraph has no communes subgraph: tenants cannot be checked');
  const auth = useEdgeAuth({
    verifyToken,
    tenantCheckUrl: communesUrl,
    tenantCheckTimeoutMs: Math.min(2000, Math.floor(env.UPSTREAM_TIMEOUT_MS / 2)),
    tenantCache: { knownTtlMs: 10 * 60_000, unknownTtlMs: env.UNKNOWN_TENANT_TTL_SECONDS * 1000 },
    gatewayKey: await importKey(parseJwk(env.GATEWAY_PRIVATE_KEY)),
    internalTtl: env.INTERNAL_TOKEN_TTL,
    logger,
    metrics,
    isPublic,
    apiKeyCheckUrl: subgraphsOf(supergraph).find((s) => s.name === 'sponsors')?.url,
    scopeReachUrl: subgraphsOf(supergraph).find((s) => s.name === 'communes')?.url,
  });
  return { auth, issuers };
}

/** The supergraph's @cost/@listSize, read again when a new supergraph is swapped in. */
function costDeclarationsOf(watched: ReturnType<typeof watchedSupergraph>, supergraph: string) {
  let declaredFor = supergraph;
  let declared = costDirectivesOf(supergraph);
  return () => {
    const sdl = watched.latest();
    if (sdl !== declaredFor) {
      declared = costDirectivesOf(sdl);
      declaredFor = sdl;
    }
    return declared;
  };
}

/** `/metrics` (Prometheus), with the metrics that cost more than they tell switched off. */
function prometheus(hiveLog: HiveLogger, metrics: ReturnType<typeof createMetrics>) {
  return usePrometheus({
    log: hiveLog,
    registry: metrics.registry,
    endpoint: '/metrics',
    // the plugin merges this list into its defaults: what is not wanted must be switched off.
    // Off: the deprecated-field counter (walks every document with type information on every
    // request, ~0.18 ms in the benchmark's profile; the schema deprecates nothing) and the
    // request-time summary (a t-digest per request, the same figure as the duration histogram).
    metrics: {
      graphql_envelop_deprecated_field: false,
      graphql_envelop_request_time_summary: false,
      graphql_yoga_http_duration: true,
      graphql_envelop_request: true,
      graphql_envelop_request_duration: true,
      graphql_envelop_phase_validate: true,
      graphql_envelop_phase_execute: true,
      graphql_envelop_error_result: true,
      graphql_gateway_subgraph_execute_duration: true,
      graphql_gateway_subgraph_execute_errors: true,
      graphql_gateway_fetch_duration: true,
    },
    labels: { subgraphName: true },
  });
}

/** What the gateway's plugins are made of (built once at start). */
interface PluginParts {
  env: GatewayEnv;
  logger: Logger;
  metrics: ReturnType<typeof createMetrics>;
  hiveLog: HiveLogger;
  subgraphUrls: string[];
  auth: GatewayPlugin;
  rateLimit: ReturnType<typeof useRateLimit>;
  runtime: () => Runtime | null;
  trustedDocuments: ReturnType<typeof loadManifest>;
  jobs: JobStore;
  sponsorsUrl: string;
  limits: LimitsConfig;
  costDeclarations: ReturnType<typeof costDeclarationsOf>;
}

/** The gateway's plugins, in the order they run (the order matters: see the comments). */
function gatewayPlugins(p: PluginParts) {
  const { env, logger, metrics, hiveLog, limits } = p;
  return [
    useSubgraphTimeout(env.UPSTREAM_TIMEOUT_MS),
    useIdeAssets(),
    useWebApp(env.WEB_APP_DIR),
    useDevTokens(env.DEV_TOKEN_URL),
    useDebugMemory(env.EXPOSE_DEBUG),
    useReadiness(p.subgraphUrls),
    useMetricsAccess(env.METRICS_TOKEN),
    prometheus(hiveLog, metrics),
    ...(env.OTEL_EXPORTER_OTLP_ENDPOINT ? [useOpenTelemetry({ traces: true, log: hiveLog }) as GatewayPlugin] : []),
    // before authentication: an oversized body is refused without verifying anything
    useCodedHttpErrors({ maxBodyBytes: env.LIMIT_MAX_BODY_BYTES, metrics }),
    p.auth,
    useReadYourWrites({ windowMs: env.READ_YOUR_WRITES_WINDOW_MS }),
    p.rateLimit,
    useAccessLog(logger),
    // after authentication and the rate limit (an export costs one request, plus one per page it asks)
    useExport({
      runtime: p.runtime,
      trustedDocuments: p.trustedDocuments,
      pageSize: Math.min(env.EXPORT_PAGE_SIZE, env.LIMIT_MAX_FIRST),
      jobs: p.jobs,
      logger,
    }),
    // evidence files: forwarded, streamed, to the routes the sponsors subgraph declares
    useFiles({
      baseUrl: p.sponsorsUrl.replace(/\/graphql$/, ''),
      maxBytes: env.FILES_MAX_BYTES,
      timeoutMs: env.UPSTREAM_TIMEOUT_MS,
      logger,
    }),
    useTrustedDocuments(p.trustedDocuments, metrics, logger),
    armor(limits, metrics, logger),
    useCostLimits(limits, metrics, logger, p.costDeclarations),
    useErrorCodes(logger, metrics),
  ];
}

/** The Hive gateway runtime: the supergraph (polled), transports, IDE, error masking, the plugins. */
function createRuntime(
  env: GatewayEnv,
  watched: ReturnType<typeof watchedSupergraph>,
  hiveLog: HiveLogger,
  logger: Logger,
  plugins: () => ReturnType<typeof gatewayPlugins>,
): Runtime {
  const supergraph = watched.initial;
  return createGatewayRuntime({
    // polled (SUPERGRAPH_POLL_SECONDS): a changed file is swapped in, a bad one refused (supergraph.ts)
    supergraph: env.SUPERGRAPH_POLL_SECONDS > 0 ? () => watched.current() : supergraph,
    ...(env.SUPERGRAPH_POLL_SECONDS > 0 ? { pollingInterval: env.SUPERGRAPH_POLL_SECONDS * 1000 } : {}),
    // requests running when a new supergraph comes in finish on the old one (its subgraph
    // executors are kept until they are done, at most as long as a subgraph may take)
    gracefulSchemaReload: { drainTimeout: env.UPSTREAM_TIMEOUT_MS + 5_000, maxConcurrentGenerations: 3 },
    unifiedGraphHandler,
    // transports are imported here, not resolved at run time, so pnpm's strict layout finds them
    transports: { http: httpTransport },
    // NEVER share a subgraph answer between requests: the executor's in-flight deduplication keys on
    // URL and body only (the caller's identity header is added later, in onFetch), so two tenants
    // sending the same query at the same moment would both get the first one's rows
    transportEntries: { '*.http': { options: { deduplicateInflightRequests: false } } },
    graphqlEndpoint: GRAPHQL_PATH,
    landingPage: false,
    graphiql: { title: 'Kết nghĩa — GraphQL' },
    renderGraphiQL: () => renderIde(GRAPHQL_PATH, { devTokens: Boolean(env.DEV_TOKEN_URL) }),
    healthCheckEndpoint: '/healthcheck',
    readinessCheckEndpoint: '/supergraph-readiness',
    logging: hiveLog,
    maskedErrors: {
      // errors the subgraphs and GraphQL itself produced pass as they are; anything else is logged
      // in full and reaches the client as a coded, masked message
      maskError(error: unknown, message: string) {
        const down = unreachableSubgraph(error);
        if (down) return down;
        const masked = yogaMaskError(error, message, false);
        if (masked !== error) {
          const original = (error as { originalError?: unknown }).originalError ?? error;
          logger.error({ err: original }, 'unexpected gateway error');
        }
        return masked;
      },
    },
    plugins: () => plugins(),
  });
}

/** The HTTP server in front of the runtime, listening on HOST:PORT. */
async function listen(env: GatewayEnv, gateway: Runtime): Promise<{ server: Server; port: number }> {
  const server: Server = createServer(gateway);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(env.PORT, env.HOST, () => resolve());
  });
  return { server, port: (server.address() as AddressInfo).port };
}

export async function startGateway(env: GatewayEnv): Promise<RunningGateway> {
  const logger = createLogger('gateway', env.LOG_LEVEL);
  const metrics = createMetrics();
  const limits = limitsOf(env);
  const hiveLog = setupObservability(env, logger);
  const watched = watchedSupergraph(env.SUPERGRAPH_FILE, env.SUBGRAPH_URLS, logger, env.SUPERGRAPH_POLL_SECONDS * 1000);
  const supergraph = watched.initial;
  const trustedDocuments = loadManifest(env.TRUSTED_DOCUMENTS_FILE);
  const subgraphUrls = subgraphsOf(supergraph).map((s) => s.url);
  const { auth, issuers } = await createAuth(env, supergraph, logger, metrics);

  const costDeclarations = costDeclarationsOf(watched, supergraph);
  const rateLimit = useRateLimit(
    {
      perToken: env.RATE_LIMIT_PER_TOKEN,
      perApiKey: env.RATE_LIMIT_PER_API_KEY,
      windowSeconds: env.RATE_LIMIT_WINDOW_SECONDS,
      redisUrl: env.REDIS_URL,
    },
    metrics,
    logger,
  );

  const sponsorsUrl = subgraphsOf(supergraph).find((s) => s.name === 'sponsors')?.url;
  if (!sponsorsUrl) throw new Error('the supergraph has no sponsors subgraph: files cannot be stored');
  const jobs = new JobStore(env.EXPORT_DIR, env.EXPORT_TTL_HOURS * 3600_000);
  await jobs.init();
  let runtime: Runtime | null = null;
  const parts: PluginParts = {
    env, logger, metrics, hiveLog, subgraphUrls, auth, rateLimit, runtime: () => runtime, trustedDocuments, jobs, sponsorsUrl, limits, costDeclarations,
  };
  const gateway = createRuntime(env, watched, hiveLog, logger, () => gatewayPlugins(parts));

  await rateLimit.ready(5000);
  runtime = gateway;
  const { server, port } = await listen(env, gateway);
  const url = `http://${env.HOST === '127.0.0.1' ? 'localhost' : env.HOST}:${port}${GRAPHQL_PATH}`;
  logger.info(
    { url, subgraphs: subgraphUrls, trustedDocuments: trustedDocuments.size, tokenIssuers: issuers.map((i) => ({ issuer: i.issuer, tenants: i.tenants, national: i.national })) },
    'gateway listening',
  );
  flushLogs(logger); // the launcher waits for this line
  return {
    url,
    port,
    logger,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      jobs.close();
      await gateway.dispose();
      await rateLimit.close();
      watched.stop();
    },
  };
}
