import { randomUUID } from 'node:crypto';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { ErrorCode } from '@kn/platform/errors';
import { parseApiKeySecret } from '@kn/platform/api-keys';
import {
  IDENTITY_HEADER,
  INTERNAL_AUDIENCE,
  INTERNAL_ISSUER,
  REQUEST_ID_HEADER,
  IdentityError,
  signIdentityToken,
  verifyIdentityToken,
  type IdentityClaims,
} from '@kn/platform/identity';
import { decodeJwt, type CryptoKey as JoseKey } from 'jose';
import type { Logger } from 'pino';
import { IdentityCache } from './identity-cache.js';
import type { GatewayMetrics } from './metrics.js';

export interface EdgeIdentity {
  claims: IdentityClaims;
  via: 'token' | 'apiKey' | 'service';
  /** For partner API keys: the key's id (rate limits, logs). */
  keyId?: string;
  /** The identity as the subgraphs receive it, signed by the gateway. */
  internalToken: string;
}

export interface RequestInfo {
  requestId: string;
  identity: EdgeIdentity | null;
}

/** Per-request facts established at the edge; keyed by the Request object, never by arguments. */
export const requestInfo = new WeakMap<Request, RequestInfo>();

const REQUEST_ID_RE = /^[A-Za-z0-9._:-]{1,100}$/;

export interface AuthOptions {
  tokenKey: JoseKey;
  tokenIssuer: string;
  tokenAudience: string;
  gatewayKey: JoseKey;
  internalTtl: number;
  logger: Logger;
  metrics: GatewayMetrics;
  /** Paths served without a token (health, IDE page and assets). */
  isPublic: (request: Request, url: URL) => boolean;
  /** The subgraph that knows partner API keys (sponsors); absent → API keys are not accepted. */
  apiKeyCheckUrl?: string;
}

const API_KEY_CHECK = 'query ApiKeyCheck($s: String!) { apiKeyCheck(secret: $s) { status keyId sponsorId } }';

function unavailable(message: string, requestId: string): Response {
  return new Response(
    JSON.stringify({ errors: [{ message, extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, requestId } }] }),
    { status: 503, headers: { 'content-type': 'application/json; charset=utf-8', [REQUEST_ID_HEADER]: requestId } },
  );
}

type KeyCheck = { status: 'VALID' | 'REVOKED' | 'UNKNOWN'; keyId: string | null; sponsorId: string | null };

function unauthenticated(message: string, requestId: string): Response {
  return new Response(
    JSON.stringify({ errors: [{ message, extensions: { code: ErrorCode.UNAUTHENTICATED, requestId } }] }),
    {
      status: 401,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'www-authenticate': 'Bearer',
        [REQUEST_ID_HEADER]: requestId,
      },
    },
  );
}

/**
 * Authenticates every GraphQL request before anything is parsed: a missing, bad or expired token
 * is answered 401 `UNAUTHENTICATED` at once. The verified claims are re-signed with the gateway's
 * key and handed to each subgraph, together with the request id.
 */
export function useEdgeAuth(opts: AuthOptions): GatewayPlugin {
  const verified = new IdentityCache<EdgeIdentity>();
  // signatures the API-key path reuses (the key check itself runs on every request: revocation is immediate)
  const signed = new IdentityCache<string>();
  const sign = async (cacheKey: string, claims: IdentityClaims & { via: EdgeIdentity['via'] }) => {
    const cached = signed.get(cacheKey);
    if (cached) return cached;
    const token = await signIdentityToken(opts.gatewayKey, claims, {
      issuer: INTERNAL_ISSUER,
      audience: INTERNAL_AUDIENCE,
      expiresInSeconds: opts.internalTtl,
    });
    signed.set(cacheKey, token, Math.floor(Date.now() / 1000) + opts.internalTtl, opts.internalTtl);
    return token;
  };
  return {
    async onRequest({ request, url, endResponse }) {
      const incoming = request.headers.get(REQUEST_ID_HEADER);
      const requestId = incoming && REQUEST_ID_RE.test(incoming) ? incoming : randomUUID();
      const info: RequestInfo = { requestId, identity: null };
      requestInfo.set(request, info);
      if (opts.isPublic(request, url)) return;

      const header = request.headers.get('authorization') ?? '';
      const [scheme, credential] = header.split(/\s+/, 2);
      const deny = (reason: string, metric: string, message: string) => {
        opts.metrics.denied.inc({ reason: metric });
        opts.logger.info({ requestId, reason }, 'request denied');
        return endResponse(unauthenticated(message, requestId));
      };
      if (scheme?.toLowerCase() === 'apikey' && credential) {
        // a partner: the key names its tenant; the sponsors subgraph says whose key it is, every time
        const parsed = parseApiKeySecret(credential);
        if (!parsed || !opts.apiKeyCheckUrl) return deny('malformed or unknown API key', 'bad_api_key', 'API key not accepted');
        let check: KeyCheck | undefined;
        try {
          const serviceToken = await sign(`service|${parsed.tenant}`, {
            sub: 'service:gateway',
            tenant: parsed.tenant,
            roles: ['analyst'],
            via: 'service',
          });
          const res = await fetch(opts.apiKeyCheckUrl, {
            method: 'POST',
            headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: serviceToken, [REQUEST_ID_HEADER]: requestId },
            body: JSON.stringify({ query: API_KEY_CHECK, variables: { s: credential } }),
            signal: AbortSignal.timeout(5000),
          });
          check = ((await res.json()) as { data?: { apiKeyCheck?: KeyCheck } }).data?.apiKeyCheck;
        } catch (e) {
          opts.logger.error({ requestId, err: e }, 'API key check failed');
        }
        if (!check) return endResponse(unavailable('Cannot check API keys right now; retry later', requestId));
        if (check.status === 'REVOKED') return deny('revoked API key', 'revoked_api_key', 'API key revoked');
        if (check.status !== 'VALID' || !check.keyId || !check.sponsorId) {
          return deny('malformed or unknown API key', 'bad_api_key', 'API key not accepted');
        }
        const claims: IdentityClaims = {
          sub: `apikey:${check.keyId}`,
          tenant: parsed.tenant,
          roles: ['sponsor'],
          scope: { sponsorId: check.sponsorId },
        };
        const internalToken = await sign(`apikey|${parsed.tenant}|${check.keyId}|${check.sponsorId}`, { ...claims, via: 'apiKey' });
        info.identity = { claims, via: 'apiKey', keyId: check.keyId, internalToken };
        return;
      }
      if (!scheme || !credential || scheme.toLowerCase() !== 'bearer') {
        const reason = header ? 'unsupported authorization scheme' : 'no credentials';
        opts.metrics.denied.inc({ reason: header ? 'bad_scheme' : 'no_credentials' });
        opts.logger.info({ requestId, reason }, 'request denied');
        return endResponse(unauthenticated('Send `Authorization: Bearer <token>`', requestId));
      }
      const known = verified.get(credential);
      if (known) {
        info.identity = known;
        return;
      }
      try {
        const { claims } = await verifyIdentityToken(opts.tokenKey, credential, {
          issuer: opts.tokenIssuer,
          audience: opts.tokenAudience,
        });
        const internalToken = await signIdentityToken(
          opts.gatewayKey,
          { ...claims, via: 'token' },
          { issuer: INTERNAL_ISSUER, audience: INTERNAL_AUDIENCE, expiresInSeconds: opts.internalTtl },
        );
        info.identity = { claims, via: 'token', internalToken };
        verified.set(credential, info.identity, decodeJwt(credential).exp, opts.internalTtl);
      } catch (e) {
        const reason = e instanceof IdentityError ? e.message : 'token rejected';
        opts.metrics.denied.inc({ reason: reason === 'token expired' ? 'token_expired' : 'bad_token' });
        opts.logger.info({ requestId, reason }, 'request denied');
        return endResponse(unauthenticated('Token not accepted', requestId));
      }
    },
    onFetch({ context, options, setOptions }) {
      const request = (context as { request?: Request } | undefined)?.request;
      const info = request ? requestInfo.get(request) : undefined;
      if (!info) return;
      const headers: Record<string, string> = { ...(options.headers as Record<string, string> | undefined) };
      headers[REQUEST_ID_HEADER] = info.requestId;
      if (info.identity) headers[IDENTITY_HEADER] = info.identity.internalToken;
      setOptions({ ...options, headers });
    },
    onResponse({ request, response }) {
      const info = requestInfo.get(request);
      if (info) response.headers.set(REQUEST_ID_HEADER, info.requestId);
    },
  };
}
