import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { envPieces, loadEnv } from '@kn/platform/env';

const DEFAULT_SUPERGRAPH = fileURLToPath(new URL('../../schema/supergraph.graphql', import.meta.url));

export const gatewayEnvSchema = z.object({
  PORT: envPieces.port(4000),
  HOST: envPieces.host,
  LOG_LEVEL: envPieces.logLevel,
  SUPERGRAPH_FILE: z.string().default(DEFAULT_SUPERGRAPH),
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
});
export type GatewayEnv = z.infer<typeof gatewayEnvSchema>;

export const loadGatewayEnv = (source: Record<string, string | undefined> = process.env) =>
  loadEnv('gateway', gatewayEnvSchema, source);
