import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { REQUEST_ID_HEADER } from '@kn/platform/identity';
import { requestInfo } from './auth.js';
import type { GatewayMetrics } from './metrics.js';

/** The code an HTTP-level refusal carries when the engine answered it without a GraphQL error body. */
const CODE_BY_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'BAD_REQUEST',
  406: 'BAD_REQUEST',
  411: 'BAD_REQUEST',
  413: 'BAD_USER_INPUT',
  415: 'BAD_REQUEST',
  429: 'RATE_LIMITED',
};

const MESSAGE_BY_STATUS: Record<number, string> = {
  404: 'No such route',
  405: 'Use GET or POST',
  406: 'This endpoint answers application/json or application/graphql-response+json',
  413: 'Request body too large',
  415: 'Send the request as application/json',
};

function coded(status: number, message: string, requestId: string | undefined, extra: Record<string, string> = {}): Response {
  const code = CODE_BY_STATUS[status] ?? (status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST');
  return new Response(JSON.stringify({ errors: [{ message, extensions: { code, ...(requestId ? { requestId } : {}) } }] }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...(requestId ? { [REQUEST_ID_HEADER]: requestId } : {}), ...extra },
  });
}

const isJson = (s: string) => {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
};

/**
 * Every refusal at the HTTP level is a GraphQL error document with a code, like every other error:
 * - a body larger than `maxBodyBytes` (by its Content-Length) is refused before it is read (413);
 * - GET parameters `variables`/`extensions` that are not JSON are a 400, not an unexpected error;
 * - answers the engine gives with an empty body (404 unknown route, 406, 415 wrong content type…)
 *   get a coded error body.
 */
export function useCodedHttpErrors(opts: { maxBodyBytes: number; metrics: GatewayMetrics }): GatewayPlugin {
  return {
    onRequest({ request, url, endResponse }) {
      const requestId = requestInfo.get(request)?.requestId;
      const length = Number(request.headers.get('content-length') ?? 0);
      // an upload (POST /files) has its own limit, FILES_MAX_BYTES, applied by files.ts after authentication
      if (length > opts.maxBodyBytes && url.pathname !== '/files') {
        opts.metrics.denied.inc({ reason: 'limit:body' });
        return endResponse(coded(413, MESSAGE_BY_STATUS[413]!, requestId, { connection: 'close' }));
      }
      if (request.method === 'GET') {
        for (const param of ['variables', 'extensions']) {
          const value = url.searchParams.get(param);
          if (value !== null && value !== '' && !isJson(value)) {
            return endResponse(coded(400, `\`${param}\` must be JSON`, requestId));
          }
        }
      }
    },
    async onResponse({ request, response, setResponse }) {
      if (response.status < 400) return;
      const url = new URL(request.url);
      if (url.pathname === '/metrics') return;
      const type = response.headers.get('content-type') ?? '';
      if (type.includes('json')) return;
      const requestId = requestInfo.get(request)?.requestId ?? response.headers.get(REQUEST_ID_HEADER) ?? undefined;
      const extra: Record<string, string> = {};
      const allow = response.headers.get('allow');
      if (allow) extra.allow = allow;
      setResponse(coded(response.status, MESSAGE_BY_STATUS[response.status] ?? (response.statusText || 'Request refused'), requestId, extra));
    },
  };
}
