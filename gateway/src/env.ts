import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { envPieces, loadEnv } from '@kn/platform/env';
import { issuersSchema } from './issuers.js';

const DEFAULT_SUPERGRAPH = fileURLToPath(new URL('../../schema/supergraph.graphql', import.meta.url));
const DEFAULT_WEB_APP_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url));
const DEFAULT_TRUSTED_DOCUMENTS = fileURLToPath(new URL('../../operations/manifest.json', import.meta.url));

export const gatewayEnvSchema = z.object({
  PORT: envPieces.port(4000),
  HOST: envPieces.host,
  LOG_LEVEL: envPieces.logLevel,
  SUPERGRAPH_FILE: z.string().default(DEFAULT_SUPERGRAPH),
  /**
   * Seconds between looks at SUPERGRAPH_FILE (0: never): a changed, valid file is swapped in without
   * dropping requests in flight; an invalid one is refused and logged, the old one keeps serving.
   */
  SUPERGRAPH_POLL_SECONDS: z.coerce.number().min(0).max(3600).default(10),
  /** Shared rate limits: when set, every gateway process counts in this Redis (else in its own memory). */
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL').optional(),
  /** Registered operations (Apollo persisted-query manifest or a hash → document map). */
  TRUSTED_DOCUMENTS_FILE: z.string().default(DEFAULT_TRUSTED_DOCUMENTS),
  /** Overrides of the subgraph URLs baked into the supergraph: `communes=http://10.0.0.5:4001/graphql,…`. */
  SUBGRAPH_URLS: z
    .string()
    .default('')
    .transform((v, ctx) => {
      const out: Record<string, string> = {};
      for (const part of v.split(',').map((s) => s.trim()).filter(Boolean)) {
        const [name, url] = part.split('=');
        if (!name || !url || !/^https?:\/\//.test(url)) {
          ctx.addIssue({ code: 'custom', message: `expected name=http://host:port/graphql, got "${part}"` });
          continue;
        }
        out[name] = url;
      }
      return out;
    }),
  /**
   * The provinces' identity providers, as JSON: `[{"issuer", "jwksUrl" | "jwks", "tenants": [...] | "*",
   * "national"?, "audience"?, "algorithms"?}]` (see issuers.ts and docs/SECURITY.md). A token is
   * accepted only from an issuer allowed for its tenant claim, the national role only from an issuer
   * with `"national": true`.
   */
  TOKEN_ISSUERS: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v?.trim()) return [];
      let json: unknown;
      try {
        json = JSON.parse(v);
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be a JSON array of issuers' });
        return z.NEVER;
      }
      const parsed = issuersSchema.safeParse(json);
      if (!parsed.success) {
        for (const i of parsed.error.issues) ctx.addIssue({ code: 'custom', message: `${i.path.join('.') || '(list)'}: ${i.message}` });
        return z.NEVER;
      }
      return parsed.data;
    }),
  /**
   * The dev issuer (`pnpm -s run token`, `pnpm start`): one Ed25519 public key that may speak for
   * every tenant and the national role. Leave it unset in production and list the provinces'
   * issuers in TOKEN_ISSUERS instead.
   */
  TOKEN_PUBLIC_KEY: z.preprocess((v) => (v === '' ? undefined : v), envPieces.jwk.optional()),
  TOKEN_ISSUER: z.string().min(1).default('kn-dev-issuer'),
  TOKEN_AUDIENCE: z.string().min(1).default('kn-graph'),
  /** Remote JWKS: refetched in the background after this many seconds. */
  JWKS_REFRESH_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  /** While an issuer's JWKS cannot be reached, its cached keys keep verifying this long after the last good fetch. */
  JWKS_MAX_STALE_SECONDS: z.coerce.number().int().min(1).max(7 * 86_400).default(3600),
  /** No refetch for an unknown `kid` sooner than this after the previous fetch. */
  JWKS_COOLDOWN_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
  JWKS_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  /** Seconds a tenant the communes subgraph did not know is remembered as unknown. */
  UNKNOWN_TENANT_TTL_SECONDS: z.coerce.number().int().min(0).max(3600).default(5),
  /** Private key with which the gateway signs the identity it hands to subgraphs. */
  GATEWAY_PRIVATE_KEY: envPieces.jwk,
  /** Seconds an internal identity stays valid (one request needs a few milliseconds). */
  INTERNAL_TOKEN_TTL: z.coerce.number().int().min(5).max(600).default(60),

  // limits, checked before execution; their values are never revealed to clients
  LIMIT_MAX_DEPTH: z.coerce.number().int().min(2).max(100).default(12),
  LIMIT_MAX_ALIASES: z.coerce.number().int().min(1).max(1000).default(30),
  LIMIT_MAX_TOKENS: z.coerce.number().int().min(100).max(1_000_000).default(4000),
  LIMIT_MAX_DIRECTIVES: z.coerce.number().int().min(1).max(1000).default(20),
  LIMIT_MAX_QUERY_BYTES: z.coerce.number().int().min(1000).max(10_000_000).default(32_768),
  /** Largest request body (document and variables), by its Content-Length; the subgraphs take 2 MiB. */
  LIMIT_MAX_BODY_BYTES: z.coerce.number().int().min(10_000).max(100_000_000).default(2 * 1024 * 1024),
  LIMIT_MAX_COST: z.coerce.number().int().min(10).max(100_000_000).default(500_000),
  LIMIT_MAX_FIRST: z.coerce.number().int().min(1).max(100_000).default(500),
  LIMIT_DEFAULT_LIST_SIZE: z.coerce.number().int().min(1).max(10_000).default(10),

  /**
   * Longest wait for one subgraph request: a hung subgraph (stopped, deadlocked, a network black
   * hole) then costs the client this long, answered SERVICE_UNAVAILABLE (reason TIMEOUT) for that
   * part, instead of holding the request and its socket open for ever. Imports of thousands of rows
   * take seconds; a minute is far above any legitimate request.
   */
  UPSTREAM_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(60_000),
  /**
   * Read replicas: how long (ms) a caller's last write steers its reads to a replica that has
   * replayed it, or to the primary (docs/SCALING.md §2). Past it, a replica that far behind is stale.
   */
  READ_YOUR_WRITES_WINDOW_MS: z.coerce.number().int().min(1000).max(86_400_000).default(300_000),

  // rate limits per token subject and per API key, per window
  RATE_LIMIT_PER_TOKEN: z.coerce.number().int().min(1).default(1200),
  RATE_LIMIT_PER_API_KEY: z.coerce.number().int().min(1).default(300),
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),

  /** The province dashboard's built files (the `web/` package), served under /app/. */
  WEB_APP_DIR: z.string().default(DEFAULT_WEB_APP_DIR),
  /**
   * DEVELOPMENT ONLY: the devkit's demo token endpoint, relayed at /dev/token (the web page's and the
   * IDE's demo sign-in). The devkit sets it; a deployment never does, and then /dev/token is 404.
   */
  DEV_TOKEN_URL: z.string().url().optional(),
  /**
   * Export and report jobs' files (kept EXPORT_TTL_HOURS, then swept). One gateway's directory: with
   * several gateway replicas it must be a shared volume (or jobs pinned to the replica that ran them).
   */
  EXPORT_DIR: z.string().min(1).default(join(tmpdir(), 'kn-exports')),
  EXPORT_TTL_HOURS: z.coerce.number().positive().max(24 * 30).default(24),
  /** Rows per page an export asks (at most LIMIT_MAX_FIRST; each page passes the cost limit like any request). */
  EXPORT_PAGE_SIZE: z.coerce.number().int().min(1).max(100_000).default(500),

  /**
   * Largest evidence file `POST /files` takes, bytes (docs/FILES.md); counted as it streams, whatever
   * the Content-Length says. The sponsors subgraph has its own FILES_MAX_BYTES too: the smaller wins.
   */
  FILES_MAX_BYTES: z.coerce.number().int().min(1024).max(1024 * 1024 * 1024).default(20 * 1024 * 1024),

  /** GET /debug/memory[?gc] (tests and benchmarks only, like the subgraphs' EXPOSE_SQL_COUNTS). */
  EXPOSE_DEBUG: envPieces.bool(false),
  /** If set, GET /metrics needs `Authorization: Bearer <this>`; else it is open (bind to a private address). */
  METRICS_TOKEN: z.string().min(16).optional(),
  /** Traces (gateway → subgraphs → SQL) go to this OTLP/HTTP collector when set; off by default. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
}).superRefine((env, ctx) => {
  if (!env.TOKEN_PUBLIC_KEY && env.TOKEN_ISSUERS.length === 0) {
    ctx.addIssue({ code: 'custom', path: ['TOKEN_ISSUERS'], message: 'set TOKEN_ISSUERS (or, for development, TOKEN_PUBLIC_KEY)' });
  }
  if (env.TOKEN_PUBLIC_KEY && env.TOKEN_ISSUERS.some((i) => i.issuer === env.TOKEN_ISSUER)) {
    ctx.addIssue({ code: 'custom', path: ['TOKEN_ISSUER'], message: 'the dev issuer shares its name with an issuer of TOKEN_ISSUERS' });
  }
});
export type GatewayEnv = z.infer<typeof gatewayEnvSchema>;

export const loadGatewayEnv = (source: Record<string, string | undefined> = process.env) =>
  loadEnv('gateway', gatewayEnvSchema, source);
