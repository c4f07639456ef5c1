import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { ErrorCode } from '@kn/platform/errors';
import { REQUEST_ID_HEADER } from '@kn/platform/identity';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Logger } from 'pino';
import { requestInfo } from './auth.js';
import type { GatewayMetrics } from './metrics.js';

export interface RateLimitConfig {
  /** Requests per window for a token subject. */
  perToken: number;
  /** Requests per window for a partner API key. */
  perApiKey: number;
  windowSeconds: number;
  /** Count in this Redis, shared by every gateway process; in this process's memory when absent. */
  redisUrl?: string;
}

/** What a caller has left, sent back as headers (GitHub's names). */
const budgets = new WeakMap<Request, { limit: number; remaining: number; resetSeconds: number }>();

/**
 * Rate limits per token subject and per API key (rate-limiter-flexible). With `redisUrl` the
 * counters live in Redis, so the limit holds across every gateway process; should Redis fail, each
 * process goes on counting in its own memory (the library's insurance limiter) instead of refusing
 * or letting everything through. Over the limit → 429 `RATE_LIMITED` with Retry-After, before
 * anything is parsed. Every authenticated answer carries `x-ratelimit-limit`, `-remaining` and
 * `-reset` (seconds until the window restarts).
 */
export function useRateLimit(
  cfg: RateLimitConfig,
  metrics: GatewayMetrics,
  logger: Logger,
): GatewayPlugin & { close(): Promise<void>; ready(timeoutMs: number): Promise<void> } {
  let redis: Redis | undefined;
  const limiter = (points: number, prefix: string): RateLimiterAbstract => {
    const memory = new RateLimiterMemory({ points, duration: cfg.windowSeconds, keyPrefix: prefix });
    if (!redis) return memory;
    return new RateLimiterRedis({
      storeClient: redis,
      points,
      duration: cfg.windowSeconds,
      keyPrefix: `kn:rl:${prefix}`,
      insuranceLimiter: memory,
      rejectIfRedisNotReady: true,
    });
  };
  if (cfg.redisUrl) {
    redis = new Redis(cfg.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2000, lazyConnect: false });
    let up = false;
    redis.on('ready', () => {
      up = true;
      logger.info({ redis: new URL(cfg.redisUrl!).host }, 'rate limits shared through Redis');
    });
    redis.on('error', (err) => {
      if (up) logger.warn({ err: err.message }, 'Redis unavailable: rate limits counted in this process until it is back');
      up = false;
    });
  }
  const tokens = limiter(cfg.perToken, 'token');
  const keys = limiter(cfg.perApiKey, 'key');
  return {
    async close() {
      redis?.disconnect();
    },
    /** Waits (at most timeoutMs) for Redis, so that a process does not start by counting on its own. */
    async ready(timeoutMs: number) {
      const r = redis;
      if (!r || r.status === 'ready') return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          logger.warn({ timeoutMs }, 'Redis not ready at start: rate limits counted in this process until it is');
          resolve();
        }, timeoutMs);
        r.once('ready', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
    async onRequest({ request, endResponse }) {
      const info = requestInfo.get(request);
      const identity = info?.identity;
      if (!info || !identity) return;
      const apiKey = identity.via === 'apiKey';
      const key = apiKey ? `key:${identity.keyId ?? identity.claims.sub}` : `sub:${identity.claims.sub}`;
      const limit = apiKey ? cfg.perApiKey : cfg.perToken;
      try {
        const res = await (apiKey ? keys : tokens).consume(key);
        budgets.set(request, { limit, remaining: res.remainingPoints, resetSeconds: Math.ceil(res.msBeforeNext / 1000) });
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
              headers: {
                'content-type': 'application/json; charset=utf-8',
                'retry-after': String(retry),
                'x-ratelimit-limit': String(limit),
                'x-ratelimit-remaining': '0',
                'x-ratelimit-reset': String(retry),
                [REQUEST_ID_HEADER]: info.requestId,
              },
            },
          ),
        );
      }
    },
    onResponse({ request, response }) {
      const b = budgets.get(request);
      if (!b) return;
      response.headers.set('x-ratelimit-limit', String(b.limit));
      response.headers.set('x-ratelimit-remaining', String(b.remaining));
      response.headers.set('x-ratelimit-reset', String(b.resetSeconds));
    },
  };
}
