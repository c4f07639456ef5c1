import {
  createLocalJWKSet,
  createRemoteJWKSet,
  customFetch,
  decodeJwt,
  errors as joseErrors,
  jwtVerify,
  type JSONWebKeySet,
  type JWTVerifyGetKey,
} from 'jose';
import { z } from 'zod';
import { identityClaimsSchema, type IdentityClaims } from '@kn/platform/identity';

/**
 * One identity provider per province. Each issuer (a Keycloak realm, VNeID, the dev issuer) has its
 * keys — a JWKS fetched from a URL and cached with `kid` rotation (jose's remote JWKS set), or
 * inline — and the tenants it may speak for; the national role only from the issuers allowed it.
 * A Lạng Sơn issuer therefore cannot mint a Quảng Nam token, whoever holds its keys.
 */
export const issuerConfigSchema = z
  .object({
    /** The token's `iss`, exactly. */
    issuer: z.string().min(1),
    /** Where its JSON Web Key Set is published (fetched, cached, refetched on an unknown `kid`). */
    jwksUrl: z.string().url().optional(),
    /** Or the key set itself. */
    jwks: z.object({ keys: z.array(z.record(z.string(), z.unknown())).min(1) }).optional(),
    /** Tenant slugs this issuer may speak for, or "*" for every tenant (a national IdP, the dev issuer). */
    tenants: z.union([z.literal('*'), z.array(z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/))]).default([]),
    /** Whether its tokens may carry the national role. */
    national: z.boolean().default(false),
    /** Expected `aud`; TOKEN_AUDIENCE when absent. */
    audience: z.string().min(1).optional(),
    /** Accepted signature algorithms. */
    algorithms: z.array(z.enum(['EdDSA', 'ES256', 'ES384', 'ES512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'])).min(1).optional(),
  })
  .strict()
  .refine((c) => (c.jwksUrl ? 1 : 0) + (c.jwks ? 1 : 0) === 1, 'give exactly one of jwksUrl and jwks')
  .refine((c) => c.national || c.tenants === '*' || c.tenants.length > 0, 'an issuer must speak for some tenant or for the national role');
export type IssuerConfig = z.infer<typeof issuerConfigSchema>;

export const issuersSchema = z
  .array(issuerConfigSchema)
  .refine((list) => new Set(list.map((i) => i.issuer)).size === list.length, 'two issuers share one `issuer`');

export interface JwksTiming {
  /** Keys older than this are refetched (in the background while the cached keys still serve). */
  refreshSeconds: number;
  /** Cached keys keep verifying at most this long after the last successful fetch while the JWKS cannot be reached. */
  maxStaleSeconds: number;
  /** No refetch for an unknown `kid` sooner than this after the last fetch (a flood of made-up kids costs one fetch). */
  cooldownSeconds: number;
  timeoutMs: number;
}

/** The issuer's keys cannot be had: its JWKS is down and the cached keys are older than allowed. */
export class IssuerUnavailableError extends Error {}
/** Token refused; `reason` is logged and counted, never shown to the client. */
export class TokenRefusedError extends Error {
  constructor(
    readonly reason: string,
    readonly metric: string,
  ) {
    super(reason);
  }
}

interface Issuer {
  config: IssuerConfig;
  keys: JWTVerifyGetKey;
  audience: string;
  algorithms: string[];
}

const DEFAULT_ALGORITHMS = ['EdDSA', 'ES256', 'RS256', 'PS256'];

/**
 * A remote JWKS: jose's cache with `kid` rotation, refreshed every `refreshSeconds` without waiting
 * for it (a request never waits on the IdP while the keys are fresh enough), and usable at most
 * `maxStaleSeconds` after the last fetch that succeeded; after that, an IssuerUnavailableError.
 */
function remoteKeys(url: string, timing: JwksTiming, onError: (err: unknown) => void): JWTVerifyGetKey {
  let lastOk = Number.NEGATIVE_INFINITY;
  let lastTry = Number.NEGATIVE_INFINITY;
  let lastFailed = false;
  const fetchImpl = async (input: string | URL | Request, init?: RequestInit) => {
    lastTry = Date.now();
    lastFailed = true;
    const res = await fetch(input, init);
    if (res.status === 200) {
      lastOk = Date.now();
      lastFailed = false;
    }
    return res;
  };
  const remote = createRemoteJWKSet(new URL(url), {
    cacheMaxAge: timing.maxStaleSeconds * 1000,
    cooldownDuration: timing.cooldownSeconds * 1000,
    timeoutDuration: timing.timeoutMs,
    [customFetch]: fetchImpl,
  });
  return async (header, token) => {
    const now = Date.now();
    // past the bound and the last attempt failed: do not make every request wait on a dead IdP
    if (!remote.fresh && lastFailed && now - lastTry < timing.cooldownSeconds * 1000) {
      throw new IssuerUnavailableError(`the keys of ${url} cannot be fetched`);
    }
    if (remote.fresh && !remote.reloading && now - lastOk > timing.refreshSeconds * 1000 && now - lastTry > timing.cooldownSeconds * 1000) {
      remote.reload().catch(onError);
    }
    try {
      return await remote(header, token);
    } catch (e) {
      if (e instanceof joseErrors.JWKSNoMatchingKey || e instanceof joseErrors.JWKSMultipleMatchingKeys) throw e;
      onError(e);
      throw new IssuerUnavailableError(`the keys of ${url} cannot be fetched`);
    }
  };
}

export interface VerifiedToken {
  claims: IdentityClaims;
  issuer: string;
  expiresAt?: number;
}

/**
 * Verifies user tokens against the configured issuers: the token's `iss` picks the issuer (an
 * unknown one is refused), its keys verify the signature, audience and expiry, the claims must be
 * well-formed, and the issuer must be allowed to speak for the tenant (or the national role) the
 * token claims.
 */
export function createTokenVerifier(
  configs: IssuerConfig[],
  opts: { defaultAudience: string; timing: JwksTiming; onJwksError: (issuer: string, err: unknown) => void },
): (token: string) => Promise<VerifiedToken> {
  const issuers = new Map<string, Issuer>();
  for (const config of configs) {
    issuers.set(config.issuer, {
      config,
      keys: config.jwksUrl
        ? remoteKeys(config.jwksUrl, opts.timing, (err) => opts.onJwksError(config.issuer, err))
        : createLocalJWKSet(config.jwks as JSONWebKeySet),
      audience: config.audience ?? opts.defaultAudience,
      algorithms: config.algorithms ?? DEFAULT_ALGORITHMS,
    });
  }
  return async (token) => {
    let iss: unknown;
    try {
      iss = decodeJwt(token).iss;
    } catch {
      throw new TokenRefusedError('token malformed', 'bad_token');
    }
    const issuer = typeof iss === 'string' ? issuers.get(iss) : undefined;
    if (!issuer) throw new TokenRefusedError('unknown issuer', 'unknown_issuer');
    let payload;
    try {
      ({ payload } = await jwtVerify(token, issuer.keys, {
        issuer: issuer.config.issuer,
        audience: issuer.audience,
        algorithms: issuer.algorithms,
        clockTolerance: 5,
      }));
    } catch (e) {
      if (e instanceof IssuerUnavailableError) throw e;
      if (e instanceof joseErrors.JWTExpired) throw new TokenRefusedError('token expired', 'token_expired');
      if (e instanceof joseErrors.JWKSNoMatchingKey) throw new TokenRefusedError('no key of the issuer matches the token (kid)', 'unknown_kid');
      if (e instanceof joseErrors.JOSEError) throw new TokenRefusedError(`token rejected (${e.code})`, 'bad_token');
      throw new TokenRefusedError('token malformed', 'bad_token');
    }
    const parsed = identityClaimsSchema.safeParse(payload);
    if (!parsed.success) throw new TokenRefusedError(`invalid claims: ${parsed.error.issues[0]?.message ?? 'unknown'}`, 'bad_token');
    const claims = parsed.data;
    if (claims.roles.includes('national')) {
      if (!issuer.config.national) throw new TokenRefusedError('issuer may not grant the national role', 'issuer_not_allowed');
    } else {
      const allowed = issuer.config.tenants;
      if (allowed !== '*' && !allowed.includes(claims.tenant ?? '')) {
        throw new TokenRefusedError('issuer may not speak for this tenant', 'issuer_not_allowed');
      }
    }
    return { claims, issuer: issuer.config.issuer, expiresAt: typeof payload.exp === 'number' ? payload.exp : undefined };
  };
}

/**
 * Whether a tenant exists, and what the subgraph that knows the provinces (communes) says of it
 * (its lineage), asked once and remembered: a known tenant for `knownTtlMs`, an unknown one for
 * `unknownTtlMs` (short, so that a province added to the platform is usable within seconds).
 * Concurrent questions share one call. `ask` answers the tenant's details, or null for a tenant that
 * does not exist. When the question cannot be asked (the subgraph is down), the tenant is let
 * through as `'unverified'` for `unknownTtlMs`.
 */
export function createTenantDirectory<T>(
  ask: (tenant: string) => Promise<T | null>,
  onError: (tenant: string, err: unknown) => void,
  opts: { knownTtlMs: number; unknownTtlMs: number; maxEntries?: number },
) {
  type Answer = T | null | 'unverified';
  const entries = new Map<string, { answer: Answer; until: number }>();
  const pending = new Map<string, Promise<Answer>>();
  const maxEntries = opts.maxEntries ?? 10_000;
  return async (tenant: string): Promise<Answer> => {
    const hit = entries.get(tenant);
    if (hit && hit.until > Date.now()) return hit.answer;
    let p = pending.get(tenant);
    if (!p) {
      p = ask(tenant)
        // cannot be asked: let it through, and ask again only after unknownTtlMs (not on every request)
        .catch((err: unknown): Answer => {
          onError(tenant, err);
          return 'unverified';
        })
        .then((answer) => {
          if (entries.size >= maxEntries) {
            const oldest = entries.keys().next().value;
            if (oldest !== undefined) entries.delete(oldest);
          }
          entries.delete(tenant);
          const known = answer !== null && answer !== 'unverified';
          entries.set(tenant, { answer, until: Date.now() + (known ? opts.knownTtlMs : opts.unknownTtlMs) });
          return answer;
        })
        .finally(() => pending.delete(tenant));
      pending.set(tenant, p);
    }
    return p;
  };
}
