import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { Logger } from 'pino';
import { requestInfo } from './auth.js';

/** One JSON line per request: request id, who, tenant, operation, status, duration. No secrets. */
export function useAccessLog(logger: Logger): GatewayPlugin {
  const started = new WeakMap<Request, { t: number; operationName?: string }>();
  return {
    onRequest({ request }) {
      started.set(request, { t: performance.now() });
    },
    onParams({ params, request }) {
      const s = started.get(request);
      if (s) s.operationName = params.operationName ?? undefined;
    },
    onResponse({ request, response }) {
      const s = started.get(request);
      const info = requestInfo.get(request);
      if (!s || !info) return;
      const url = new URL(request.url);
      if (url.pathname !== '/graphql' || request.method === 'GET') return;
      logger.info(
        {
          requestId: info.requestId,
          operationName: s.operationName,
          status: response.status,
          ms: Math.round((performance.now() - s.t) * 10) / 10,
          subject: info.identity?.claims.sub,
          tenant: info.identity?.claims.tenant ?? (info.identity ? 'national' : undefined),
          via: info.identity?.via,
        },
        'request',
      );
    },
  };
}
