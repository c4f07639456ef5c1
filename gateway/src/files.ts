import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { Logger } from 'pino';
import { IDENTITY_HEADER, REQUEST_ID_HEADER } from '@kn/platform/identity';
import { requestInfo } from './auth.js';

export interface FilesOptions {
  /** The subgraph that declares the file routes (sponsors): its base URL, without `/graphql`. */
  baseUrl: string;
  /** Largest upload, bytes (FILES_MAX_BYTES). */
  maxBytes: number;
  /** Longest wait for the subgraph (an upload of the largest file included). */
  timeoutMs: number;
  logger: Logger;
}

/** Headers of the forwarded upload (the subgraph's `files/service.ts` reads them). */
const UPLOAD_LENGTH_HEADER = 'x-kn-upload-length';
const UPLOAD_MAX_HEADER = 'x-kn-file-max-bytes';

/** What the gateway passes back of the subgraph's answer. */
const PASSED_HEADERS = ['content-type', 'content-length', 'content-disposition', 'etag', 'x-file-sha256', 'x-content-type-options', 'cache-control', 'location'];

function refusal(status: number, code: string, message: string, requestId: string, extensions: Record<string, unknown> = {}): Response {
  return new Response(JSON.stringify({ errors: [{ message, extensions: { code, ...extensions, requestId } }] }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', [REQUEST_ID_HEADER]: requestId, ...(status === 413 ? { connection: 'close' } : {}) },
  });
}

class TooLarge extends Error {}

/**
 * `POST /files` and `GET /files/:id` (docs/FILES.md): authenticated like /graphql (the same bearer
 * token or API key, verified by the edge authentication before this plugin), then forwarded as a
 * stream to the routes the sponsors subgraph declares, with the gateway-signed identity — the
 * subgraph sets the caller's tenant for row-level security and stores or reads the bytes. The
 * upload is counted as it passes: past FILES_MAX_BYTES it is cut and refused FILE_TOO_LARGE, and the
 * subgraph, whose transaction then fails, stores nothing.
 */
export function useFiles(opts: FilesOptions): GatewayPlugin {
  const tooLarge = (requestId: string) =>
    refusal(413, 'BAD_USER_INPUT', `The file is larger than ${opts.maxBytes} bytes`, requestId, { reason: 'FILE_TOO_LARGE', field: 'file', maxBytes: opts.maxBytes });

  async function forward(request: Request, url: URL, requestId: string, internalToken: string): Promise<Response> {
    const headers: Record<string, string> = { [IDENTITY_HEADER]: internalToken, [REQUEST_ID_HEADER]: requestId };
    let body: ReadableStream<Uint8Array> | undefined;
    let overflowed = false;
    if (request.method === 'POST') {
      const declared = request.headers.get('content-length');
      if (declared !== null && Number(declared) > opts.maxBytes) return tooLarge(requestId);
      if (declared !== null) headers[UPLOAD_LENGTH_HEADER] = declared;
      headers[UPLOAD_MAX_HEADER] = String(opts.maxBytes);
      headers['content-type'] = 'application/octet-stream';
      let seen = 0;
      const counter = new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          seen += chunk.byteLength;
          if (seen > opts.maxBytes) {
            overflowed = true;
            controller.error(new TooLarge());
            return;
          }
          controller.enqueue(chunk);
        },
      });
      body = (request.body ?? new ReadableStream({ start: (c) => c.close() })).pipeThrough(counter);
    }
    let res: Response;
    try {
      res = await fetch(`${opts.baseUrl}${url.pathname}${url.search}`, {
        method: request.method,
        headers,
        ...(body ? { body, duplex: 'half' } : {}),
        signal: AbortSignal.timeout(opts.timeoutMs),
      } as RequestInit);
    } catch (e) {
      if (overflowed) return tooLarge(requestId);
      if (body) {
        // the client's body ended early or broke off: the subgraph saw a cut-short body and stored nothing
        opts.logger.info({ requestId, err: (e as Error).message }, 'upload cut short');
        return refusal(400, 'BAD_USER_INPUT', 'The upload was cut short', requestId, { reason: 'UPLOAD_TRUNCATED', field: 'file' });
      }
      opts.logger.warn({ requestId, err: (e as Error).message }, 'the files service did not answer');
      return refusal(503, 'SERVICE_UNAVAILABLE', 'The sponsors service is unavailable; retry shortly', requestId, { service: 'sponsors' });
    }
    if (overflowed) {
      await res.body?.cancel().catch(() => undefined);
      return tooLarge(requestId);
    }
    const out = new Headers({ [REQUEST_ID_HEADER]: requestId });
    for (const h of PASSED_HEADERS) {
      const v = res.headers.get(h);
      if (v !== null) out.set(h, v);
    }
    return new Response(res.body, { status: res.status, headers: out });
  }

  return {
    async onRequest({ request, url, endResponse }) {
      if (url.pathname !== '/files' && !url.pathname.startsWith('/files/')) return;
      const info = requestInfo.get(request);
      const requestId = info?.requestId ?? 'unknown';
      const identity = info?.identity;
      if (!identity) return; // authentication answered already
      const isUpload = url.pathname === '/files' && request.method === 'POST';
      const isDownload = /^\/files\/[^/]+$/.test(url.pathname) && request.method === 'GET';
      if (!isUpload && !isDownload) {
        const status = url.pathname === '/files' || /^\/files\/[^/]+$/.test(url.pathname) ? 405 : 404;
        return endResponse(refusal(status, status === 405 ? 'BAD_REQUEST' : 'NOT_FOUND', 'Use POST /files to upload, GET /files/:id to download', requestId));
      }
      return endResponse(await forward(request, url, requestId, identity.internalToken));
    },
  };
}
