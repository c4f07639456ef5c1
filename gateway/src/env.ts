import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { envPieces, loadEnv } from '@kn/platform/env';

const DEFAULT_SUPERGRAPH = fileURLToPath(new URL('../../schema/supergraph.graphql', import.meta.url));
const DEFAULT_TRUSTED_DOCUMENTS = fileURLToPath(new URL('../../operations/manifest.json', import.meta.url));

export const gatewayEnvSchema = z.object({
  PORT: envPieces.port(4000),
  HOST: envPieces.host,
  LOG_LEVEL: envPieces.logLevel,
  SUPERGRAPH_FILE: z.string().default(DEFAULT_SUPERGRAPH),
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
  /** Public key that verifies user tokens (the provinces' identity provider; the dev issuer locally). */
  TOKEN_PUBLIC_KEY: envPieces.jwk,
  TOKEN_ISSUER: z.string().min(1).default('kn-dev-issuer'),
  TOKEN_AUDIENCE: z.string().min(1).default('kn-graph'),
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

  // rate limits per token subject and per API key, per window
  RATE_LIMIT_PER_TOKEN: z.coerce.number().int().min(1).default(1200),
  RATE_LIMIT_PER_API_KEY: z.coerce.number().int().min(1).default(300),
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),

  /** GET /debug/memory[?gc] (tests and benchmarks only, like the subgraphs' EXPOSE_SQL_COUNTS). */
  EXPOSE_DEBUG: envPieces.bool(false),
  /** If set, GET /metrics needs `Authorization: Bearer <this>`; else it is open (bind to a private address). */
  METRICS_TOKEN: z.string().min(16).optional(),
  /** Traces (gateway → subgraphs → SQL) go to this OTLP/HTTP collector when set; off by default. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
});
export type GatewayEnv = z.infer<typeof gatewayEnvSchema>;

export const loadGatewayEnv = (source: Record<string, string | undefined> = process.env) =>
  loadEnv('gateway', gatewayEnvSchema, source);
