import { randomUUID } from 'node:crypto';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { ErrorCode } from '@kn/platform/errors';
import { parseApiKeySecret } from '@kn/platform/api-keys';
import {
  IDENTITY_HEADER,
  INTERNAL_AUDIENCE,
  INTERNAL_ISSUER,
  REQUEST_ID_HEADER,
  signIdentityToken,
  type IdentityClaims,
} from '@kn/platform/identity';
import type { CryptoKey as JoseKey } from 'jose';
import type { Logger } from 'pino';
import { IdentityCache } from './identity-cache.js';
import type { GatewayMetrics } from './metrics.js';
import { createTenantDirectory, IssuerUnavailableError, TokenRefusedError, type VerifiedToken } from './issuers.js';

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
  /** Verifies a user token against the configured issuers (see issuers.ts). */
  verifyToken: (token: string) => Promise<VerifiedToken>;
  /**
   * The subgraph that knows the platform's tenants (communes): a token for a tenant it does not
   * know is refused. Asked once per tenant, then remembered (see createTenantDirectory).
   */
  tenantCheckUrl: string;
  /** Longest wait for the tenant check (the communes subgraph may be down or hung). */
  tenantCheckTimeoutMs?: number;
  /** How long a known / an unknown tenant is remembered (ms). */
  tenantCache?: { knownTtlMs: number; unknownTtlMs: number };
  gatewayKey: JoseKey;
  internalTtl: number;
  logger: Logger;
  metrics: GatewayMetrics;
  /** Paths served without a token (health, IDE page and assets). */
  isPublic: (request: Request, url: URL) => boolean;
  /** The subgraph that knows partner API keys (sponsors); absent → API keys are not accepted. */
  apiKeyCheckUrl?: string;
  /** The subgraph that owns the administrative geography (communes): expands unit scopes. */
  scopeReachUrl?: string;
  /** How long an expanded scope is reused per tenant and scope (seconds). */
  scopeReachTtl?: number;
}

const TENANT_CHECK = '{ currentTenant { slug } tenantLineage { predecessors succeededOn } }';

/** What the edge knows of a tenant: its lineage (docs/SECURITY.md "Tenant succession"). */
export interface TenantInfo {
  lineage: NonNullable<IdentityClaims['lineage']>;
}
const SCOPE_REACH = 'query ScopeReach { scopeReach }';

const API_KEY_CHECK = 'query ApiKeyCheck($s: String!) { apiKeyCheck(secret: $s) { status keyId sponsorId } }';

function unavailable(message: string, requestId: string, reason?: string): Response {
  return new Response(
    JSON.stringify({ errors: [{ message, extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, ...(reason ? { reason } : {}), requestId } }] }),
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

/** Signs a service or API-key identity for the subgraphs, reusing a signature while it is valid. */
type ServiceSigner = (cacheKey: string, claims: IdentityClaims & { via: EdgeIdentity['via'] }) => Promise<string>;

/** What the steps of the edge authentication share (one set per gateway). */
interface EdgeAuthSteps {
  opts: AuthOptions;
  sign: ServiceSigner;
  /** The tenant's lineage; null when it does not exist; 'unverified' when it cannot be asked now. */
  tenantInfo: (tenant: string) => Promise<TenantInfo | null | 'unverified'>;
  expandScope: (claims: IdentityClaims, requestId: string) => Promise<IdentityClaims>;
  /** Verified user tokens, until they expire. */
  verified: IdentityCache<EdgeIdentity>;
}

function createServiceSigner(opts: AuthOptions): ServiceSigner {
  // signatures the API-key path reuses (the key check itself runs on every request: revocation is immediate)
  const signed = new IdentityCache<string>();
  return async (cacheKey, claims) => {
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
}

/** Whether a tenant exists and its lineage, asked of the communes subgraph once per tenant (see createTenantDirectory). */
function createTenantCheck(opts: AuthOptions, sign: ServiceSigner) {
  // the tenant's own row is visible to an identity of that tenant only (row-level security): a
  // tenant that does not exist answers null
  return createTenantDirectory<TenantInfo>(
    async (tenant) => {
      const serviceToken = await sign(`service|${tenant}`, { sub: 'service:gateway', tenant, roles: ['analyst'], via: 'service' });
      const res = await fetch(opts.tenantCheckUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: serviceToken },
        body: JSON.stringify({ query: TENANT_CHECK }),
        signal: AbortSignal.timeout(opts.tenantCheckTimeoutMs ?? 2000),
      });
      const body = (await res.json()) as {
        data?: { currentTenant?: { slug: string } | null; tenantLineage?: { predecessors: string[]; succeededOn: string | null } | null };
        errors?: unknown[];
      };
      if (!body.data || body.errors?.length) throw new Error(`tenant check answered ${res.status} ${JSON.stringify(body.errors ?? null).slice(0, 200)}`);
      if (body.data.currentTenant?.slug !== tenant) return null;
      const l = body.data.tenantLineage;
      return {
        lineage: { predecessors: l?.predecessors ?? [], ...(l?.succeededOn ? { succeededOn: l.succeededOn } : {}) },
      } satisfies TenantInfo;
    },
    (tenant, err) => opts.logger.warn({ tenant, err: (err as Error)?.message ?? String(err) }, 'cannot check whether a tenant exists (communes subgraph); letting its token through'),
    opts.tenantCache ?? { knownTtlMs: 10 * 60_000, unknownTtlMs: 5_000 },
  );
}

/** The claims with their unit scope's reach: a client's own reach is always dropped. */
function createScopeExpander(opts: AuthOptions) {
  // unit scopes expanded through the geography, per tenant and scope (docs/SECURITY.md "Unit scopes")
  const reaches = new IdentityCache<string[]>();
  const reachTtl = opts.scopeReachTtl ?? 60;
  return async (claims: IdentityClaims, requestId: string): Promise<IdentityClaims> => {
    const units = claims.scope?.units;
    const { reach: _ignored, ...rest } = claims.scope ?? {};
    if (!units?.length) return claims.scope ? { ...claims, scope: rest } : claims; // never trust a client's reach
    const key = `${claims.tenant}|${[...units].sort().join(',')}`;
    let reach = reaches.get(key);
    if (!reach) {
      if (!opts.scopeReachUrl) throw new Error('no communes subgraph to expand unit scopes');
      // asked AS THE CALLER (its tenant, its scope, no reach yet): the communes subgraph's RLS decides
      const asCaller = await signIdentityToken(
        opts.gatewayKey,
        { ...claims, scope: rest, via: 'token' },
        { issuer: INTERNAL_ISSUER, audience: INTERNAL_AUDIENCE, expiresInSeconds: opts.internalTtl },
      );
      const res = await fetch(opts.scopeReachUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: asCaller, [REQUEST_ID_HEADER]: requestId },
        body: JSON.stringify({ query: SCOPE_REACH }),
        signal: AbortSignal.timeout(5000),
      });
      const got = ((await res.json()) as { data?: { scopeReach?: string[] } }).data?.scopeReach;
      if (!Array.isArray(got)) throw new Error(`scope expansion answered ${res.status}`);
      reach = got;
      reaches.set(key, reach, Math.floor(Date.now() / 1000) + reachTtl, reachTtl * 2);
    }
    return { ...claims, scope: { ...rest, reach } };
  };
}

/** A refusal: counted, logged, answered 401. */
function deny(opts: AuthOptions, requestId: string, reason: string, metric: string, message: string): Response {
  opts.metrics.denied.inc({ reason: metric });
  opts.logger.info({ requestId, reason }, 'request denied');
  return unauthenticated(message, requestId);
}

/** The sponsors subgraph's word on a partner key; undefined when it cannot be asked. */
async function checkApiKey(steps: EdgeAuthSteps, tenant: string, credential: string, requestId: string): Promise<KeyCheck | undefined> {
  const { opts, sign } = steps;
  try {
    const serviceToken = await sign(`service|${tenant}`, {
      sub: 'service:gateway',
      tenant,
      roles: ['analyst'],
      via: 'service',
    });
    const res = await fetch(opts.apiKeyCheckUrl as string, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: serviceToken, [REQUEST_ID_HEADER]: requestId },
      body: JSON.stringify({ query: API_KEY_CHECK, variables: { s: credential } }),
      signal: AbortSignal.timeout(5000),
    });
    return ((await res.json()) as { data?: { apiKeyCheck?: KeyCheck } }).data?.apiKeyCheck;
  } catch (e) {
    opts.logger.error({ requestId, err: e }, 'API key check failed');
    return undefined;
  }
}

/** `Authorization: ApiKey …`: sets the request's identity, or returns the response that refuses it. */
async function acceptApiKey(steps: EdgeAuthSteps, info: RequestInfo, credential: string): Promise<Response | undefined> {
  const { opts, sign } = steps;
  const { requestId } = info;
  // a partner: the key names its tenant; the sponsors subgraph says whose key it is, every time
  const parsed = parseApiKeySecret(credential);
  if (!parsed || !opts.apiKeyCheckUrl) return deny(opts, requestId, 'malformed or unknown API key', 'bad_api_key', 'API key not accepted');
  const check = await checkApiKey(steps, parsed.tenant, credential, requestId);
  if (!check) return unavailable('Cannot check API keys right now; retry later', requestId);
  if (check.status === 'REVOKED') return deny(opts, requestId, 'revoked API key', 'revoked_api_key', 'API key revoked');
  if (check.status !== 'VALID' || !check.keyId || !check.sponsorId) {
    return deny(opts, requestId, 'malformed or unknown API key', 'bad_api_key', 'API key not accepted');
  }
  const tenant = await steps.tenantInfo(parsed.tenant);
  if (tenant === null) return deny(opts, requestId, 'malformed or unknown API key', 'bad_api_key', 'API key not accepted');
  const claims = withLineage({ sub: `apikey:${check.keyId}`, tenant: parsed.tenant, roles: ['sponsor'], scope: { sponsorId: check.sponsorId } }, tenant);
  const lineageKey = claims.lineage ? `${claims.lineage.predecessors.join(',')}|${claims.lineage.succeededOn ?? ''}` : '';
  const internalToken = await sign(`apikey|${parsed.tenant}|${check.keyId}|${check.sponsorId}|${lineageKey}`, { ...claims, via: 'apiKey' });
  info.identity = { claims, via: 'apiKey', keyId: check.keyId, internalToken };
  return undefined;
}

/**
 * The claims with the tenant's lineage as the communes subgraph recorded it: a client's own
 * `lineage` is always dropped. A tenant that cannot be asked right now gets none (it reads its own
 * rows only; docs/SECURITY.md "Tenant succession" says what that costs).
 */
function withLineage(claims: IdentityClaims, tenant: TenantInfo | 'unverified'): IdentityClaims {
  const { lineage: _ignored, ...rest } = claims;
  if (tenant === 'unverified') return rest;
  const { predecessors, succeededOn } = tenant.lineage;
  if (predecessors.length === 0 && !succeededOn) return rest;
  return { ...rest, lineage: tenant.lineage };
}

/** `Authorization: Bearer <token>`: sets the request's identity, or returns the response that refuses it. */
async function acceptBearer(steps: EdgeAuthSteps, info: RequestInfo, credential: string): Promise<Response | undefined> {
  const { opts, verified } = steps;
  const { requestId } = info;
  const known = verified.get(credential);
  if (known) {
    info.identity = known;
    return undefined;
  }
  try {
    const { claims: verifiedClaims, issuer, expiresAt } = await opts.verifyToken(credential);
    // a tenant the communes subgraph cannot be asked about right now (down, hung) is let through:
    // the token's issuer is allowed for it, and a tenant that does not exist owns no rows
    // anywhere (row-level security), so the rest of the graph answers as it would
    const tenant = verifiedClaims.tenant && !verifiedClaims.roles.includes('national') ? await steps.tenantInfo(verifiedClaims.tenant) : 'unverified';
    if (tenant === null) throw new TokenRefusedError(`unknown tenant (issuer ${issuer})`, 'unknown_tenant');
    let claims: IdentityClaims;
    try {
      claims = await steps.expandScope(withLineage(verifiedClaims, tenant), requestId);
    } catch (e) {
      opts.logger.error({ requestId, err: e }, 'unit scope expansion failed');
      return unavailable('Cannot resolve your unit scope right now; retry later', requestId);
    }
    const internalToken = await signIdentityToken(
      opts.gatewayKey,
      { ...claims, via: 'token' },
      { issuer: INTERNAL_ISSUER, audience: INTERNAL_AUDIENCE, expiresInSeconds: opts.internalTtl },
    );
    info.identity = { claims, via: 'token', internalToken };
    verified.set(credential, info.identity, expiresAt, opts.internalTtl);
    return undefined;
  } catch (e) {
    if (e instanceof IssuerUnavailableError) {
      opts.metrics.denied.inc({ reason: 'issuer_unavailable' });
      opts.logger.warn({ requestId, reason: e.message }, 'request denied: the token issuer\'s keys cannot be had');
      return unavailable("The token's issuer cannot be reached to check its keys; retry later", requestId, 'ISSUER_UNAVAILABLE');
    }
    const reason = e instanceof TokenRefusedError ? e.reason : 'token rejected';
    return deny(opts, requestId, reason, e instanceof TokenRefusedError ? e.metric : 'bad_token', 'Token not accepted');
  }
}

/**
 * Authenticates every GraphQL request before anything is parsed: a missing, bad or expired token
 * is answered 401 `UNAUTHENTICATED` at once. The verified claims are re-signed with the gateway's
 * key and handed to each subgraph, together with the request id.
 */
export function useEdgeAuth(opts: AuthOptions): GatewayPlugin {
  const sign = createServiceSigner(opts);
  const steps: EdgeAuthSteps = {
    opts,
    sign,
    tenantInfo: createTenantCheck(opts, sign),
    expandScope: createScopeExpander(opts),
    verified: new IdentityCache<EdgeIdentity>(),
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
      let refusal: Response | undefined;
      if (scheme?.toLowerCase() === 'apikey' && credential) {
        refusal = await acceptApiKey(steps, info, credential);
      } else if (!scheme || !credential || scheme.toLowerCase() !== 'bearer') {
        const reason = header ? 'unsupported authorization scheme' : 'no credentials';
        refusal = deny(opts, requestId, reason, header ? 'bad_scheme' : 'no_credentials', 'Send `Authorization: Bearer <token>`');
      } else {
        refusal = await acceptBearer(steps, info, credential);
      }
      if (refusal) endResponse(refusal);
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
