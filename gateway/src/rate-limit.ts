import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { ErrorCode } from '@kn/platform/errors';
import { REQUEST_ID_HEADER } from '@kn/platform/identity';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Logger } from 'pino';
import { requestInfo } from './auth.js';
import type { GatewayMetrics } from './metrics.js';

export interface RateLimitConfig {
  /** Requests per window for a token subject. */
  perToken: number;
  /** Requests per window for a partner API key. */
  perApiKey: number;
  windowSeconds: number;
}

/**
 * Rate limits per token subject and per API key (rate-limiter-flexible, in memory: one gateway
 * process; with several, put them behind a shared store such as Redis). Over the limit → 429
 * `RATE_LIMITED` with Retry-After, before anything is parsed.
 */
export function useRateLimit(cfg: RateLimitConfig, metrics: GatewayMetrics, logger: Logger): GatewayPlugin {
  const tokens = new RateLimiterMemory({ points: cfg.perToken, duration: cfg.windowSeconds });
  const keys = new RateLimiterMemory({ points: cfg.perApiKey, duration: cfg.windowSeconds });
  return {
    async onRequest({ request, endResponse }) {
      const info = requestInfo.get(request);
      const identity = info?.identity;
      if (!info || !identity) return;
      const apiKey = identity.via === 'apiKey';
      const key = apiKey ? `key:${identity.keyId ?? identity.claims.sub}` : `sub:${identity.claims.sub}`;
      try {
        await (apiKey ? keys : tokens).consume(key);
      } catch (e) {
        if (!(e instanceof RateLimiterRes)) throw e;
        const retry = Math.max(1, Math.ceil(e.msBeforeNext / 1000));
        metrics.denied.inc({ reason: 'rate_limited' });
        logger.info({ requestId: info.requestId, reason: 'rate_limited', subject: key }, 'request denied');
        endResponse(
          new Response(
            JSON.stringify({
              errors: [{ message: 'Too many requests; retry later', extensions: { code: ErrorCode.RATE_LIMITED, retryAfterSeconds: retry, requestId: info.requestId } }],
            }),
            {
              status: 429,
              headers: { 'content-type': 'application/json; charset=utf-8', 'retry-after': String(retry), [REQUEST_ID_HEADER]: info.requestId },
            },
          ),
        );
      }
    },
  };
}
