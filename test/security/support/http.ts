import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { importJWK, SignJWT, type JWK } from 'jose';
import type { Role } from '@kn/platform/identity';
import { platform, tokenFor } from '../../support/client.js';

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON body, or undefined when the body is not JSON. */
  body: any;
  requestId: string;
  ms: number;
}

export interface GqlError {
  message: string;
  path?: (string | number)[];
  extensions?: Record<string, unknown>;
}

/** One raw HTTP request; never throws for an HTTP status, only for a network failure. */
export async function send(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string | Buffer | null; timeoutMs?: number } = {},
): Promise<Reply> {
  const requestId = init.headers?.['x-request-id'] ?? `sec-${randomUUID()}`;
  const t0 = performance.now();
  const res = await fetch(url, {
    method: init.method ?? 'POST',
    headers: { 'x-request-id': requestId, ...init.headers },
    body: (init.body ?? undefined) as BodyInit | undefined,
    signal: AbortSignal.timeout(init.timeoutMs ?? 60_000),
  });
  const text = await res.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, text, body, requestId, ms: performance.now() - t0 };
}

/** A GraphQL request through the gateway (or to `url`) with a bearer token. */
export function gqlRaw(
  token: string | null,
  query: string,
  variables?: Record<string, unknown>,
  opts: { url?: string; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<Reply> {
  return send(opts.url ?? platform().gatewayUrl, {
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...opts.headers,
    },
    body: JSON.stringify({ query, variables }),
    timeoutMs: opts.timeoutMs,
  });
}

/** `POST /files` with a bearer token: the stored file's id (throws unless the gateway stored it). */
export async function uploadFile(token: string, bytes: Buffer, name: string): Promise<string> {
  const r = await send(`${platform().gatewayUrl.replace(/\/graphql$/, '')}/files?name=${encodeURIComponent(name)}`, {
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    body: bytes,
  });
  if (r.status !== 201 || typeof r.body?.id !== 'string') throw new Error(`upload failed: ${r.status} ${r.text.slice(0, 300)}`);
  return r.body.id;
}

export const errorsOf = (r: Reply): GqlError[] => (Array.isArray(r.body?.errors) ? (r.body.errors as GqlError[]) : []);
export const codesOf = (r: Reply) => errorsOf(r).map((e) => e.extensions?.code);

export interface Who {
  tenant: string | null;
  role: Role;
  sponsorId?: string;
}

export const whoName = (w: Who) => `${w.tenant ?? 'national'}/${w.role}`;

/**
 * User tokens for (tenant, role), cached; the subject changes every `rotateEvery` uses so that a
 * long attack or load run from one "user" does not trip the gateway's per-subject rate limit.
 */
export class TokenPool {
  private readonly cache = new Map<string, { token: string; uses: number; k: number }>();
  constructor(private readonly rotateEvery = 600) {}

  async get(who: Who): Promise<string> {
    const key = `${who.tenant}|${who.role}|${who.sponsorId ?? ''}`;
    let e = this.cache.get(key);
    if (!e || e.uses >= this.rotateEvery) {
      const k = (e?.k ?? 0) + 1;
      const token = await tokenFor(who.tenant, who.role, {
        sub: `sec:${who.tenant ?? 'national'}:${who.role}:${k}`,
        ...(who.sponsorId ? { scope: { sponsorId: who.sponsorId } } : {}),
      });
      e = { token, uses: 0, k };
      this.cache.set(key, e);
    }
    e.uses++;
    return e.token;
  }
}

/** An identity as the gateway hands it to subgraphs (x-kn-identity), signed with `key` (default: the gateway's). */
export async function internalIdentity(
  claims: Record<string, unknown>,
  opts: { key?: JWK; issuer?: string; audience?: string; expiresAt?: number; alg?: string } = {},
): Promise<string> {
  const key = await importJWK(opts.key ?? (platform().gatewayPrivateJwk as JWK), 'EdDSA');
  const { sub, ...rest } = claims;
  return new SignJWT({ via: 'token', ...rest })
    .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT' })
    .setSubject(String(sub ?? 'security-suite'))
    .setIssuer(opts.issuer ?? 'kn-gateway')
    .setAudience(opts.audience ?? 'kn-subgraphs')
    .setIssuedAt()
    .setExpirationTime(opts.expiresAt ?? Math.floor(Date.now() / 1000) + 60)
    .sign(key);
}

export function identityClaims(who: Who): Record<string, unknown> {
  return {
    sub: `sec:${whoName(who)}`,
    tenant: who.tenant,
    roles: [who.role],
    ...(who.sponsorId ? { scope: { sponsorId: who.sponsorId } } : {}),
  };
}

/** A GraphQL request straight to a subgraph with a gateway-signed identity. */
export async function subgraphGql(url: string, who: Who, query: string, variables?: Record<string, unknown>): Promise<Reply> {
  const identity = await internalIdentity(identityClaims(who));
  return send(url, {
    headers: { 'content-type': 'application/json', 'x-kn-identity': identity },
    body: JSON.stringify({ query, variables }),
  });
}

/** Runs `fn` over `items` with at most `n` in flight. */
export async function pool<T, R>(items: readonly T[], n: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
  return out;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A raw HTTP/1.1 request (node:http): any method, any bytes, any header — what fetch refuses to send
 * (TRACE, invalid UTF-8, a body on GET…). Never throws for a status; a reset connection is status 0.
 */
export function rawHttp(
  url: string,
  opts: {
    method?: string;
    headers?: Record<string, string>;
    body?: Buffer | string;
    timeoutMs?: number;
    /**
     * Announce this Content-Length but send only `body` and wait for the answer: how an oversized
     * upload meets a server that refuses it early (sending it all would race the server's close).
     */
    declaredLength?: number;
  } = {},
): Promise<Reply> {
  const u = new URL(url);
  const requestId = opts.headers?.['x-request-id'] ?? `sec-${randomUUID()}`;
  const t0 = performance.now();
  return new Promise((resolve) => {
    const body = opts.body === undefined ? undefined : Buffer.isBuffer(opts.body) ? opts.body : Buffer.from(opts.body, 'utf8');
    const req = httpRequest(
      {
        host: u.hostname === 'localhost' ? '127.0.0.1' : u.hostname,
        port: u.port,
        path: `${u.pathname}${u.search}`,
        method: opts.method ?? 'POST',
        headers: { 'x-request-id': requestId, ...(body ? { 'content-length': String(opts.declaredLength ?? body.length) } : {}), ...opts.headers },
        timeout: opts.timeoutMs ?? 60_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: any;
          try {
            parsed = JSON.parse(text);
          } catch {
            parsed = undefined;
          }
          const headers = new Headers();
          for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') headers.set(k, v);
          resolve({ status: res.statusCode ?? 0, headers, text, body: parsed, requestId, ms: performance.now() - t0 });
          if (opts.declaredLength !== undefined) req.destroy();
        });
        res.on('error', () => resolve({ status: 0, headers: new Headers(), text: '', body: undefined, requestId, ms: performance.now() - t0 }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => resolve({ status: 0, headers: new Headers(), text: String(e), body: undefined, requestId, ms: performance.now() - t0 }));
    if (body) req.write(body);
    if (opts.declaredLength === undefined) req.end();
  });
}
