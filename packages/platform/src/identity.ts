import { SignJWT, importJWK, jwtVerify, type JWK, type CryptoKey as JoseKey, errors as joseErrors } from 'jose';
import { z } from 'zod';
import { TtlCache } from './ttl-cache.js';

/** The five roles of the platform. See docs/SECURITY.md for what each may do. */
export const Role = {
  admin: 'admin',
  officer: 'officer',
  analyst: 'analyst',
  sponsor: 'sponsor',
  national: 'national',
} as const;
export type Role = (typeof Role)[keyof typeof Role];
export const ROLES = Object.values(Role) as [Role, ...Role[]];

const TENANT_RE = /^[a-z0-9][a-z0-9-]{0,62}$/;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UNIT_RE = /^(commune|district|agency):[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const MAX_SCOPE_UNITS = 20;
export const MAX_SCOPE_REACH = 5000;
export const MAX_PREDECESSORS = 20;

/** A unit of a scope: a commune, a district (of the administrative geography) or an agency (a sponsor). */
export type ScopeUnitKind = 'commune' | 'district' | 'agency';
export interface ScopeUnit {
  kind: ScopeUnitKind;
  id: string;
}

/** Parses `kind:id` (as in tokens and `--scope`). Null when malformed. */
export function parseScopeUnit(text: string): ScopeUnit | null {
  const t = text.trim().toLowerCase();
  if (!UNIT_RE.test(t)) return null;
  const i = t.indexOf(':');
  return { kind: t.slice(0, i) as ScopeUnitKind, id: t.slice(i + 1) };
}

/** Claims a caller proves. Same shape in user tokens (verified at the gateway) and internal tokens. */
export const identityClaimsSchema = z
  .object({
    sub: z.string().min(1).max(200),
    tenant: z.string().regex(TENANT_RE).nullable().optional(),
    roles: z.array(z.enum(ROLES)).min(1).max(5),
    scope: z
      .object({
        sponsorId: z.string().max(100).optional(),
        /** Unit scope: `commune:<id>`, `district:<id>`, `agency:<sponsor id>` (narrows a role below the province). */
        units: z.array(z.string().regex(UNIT_RE, 'a unit is commune:<uuid>, district:<uuid> or agency:<uuid>')).min(1).max(MAX_SCOPE_UNITS).optional(),
        /**
         * The administrative units the scope reaches (the units themselves, a district's communes, their
         * predecessors and successors across the reform), expanded once at the gateway by the communes
         * subgraph. Trusted only in gateway-signed identities: the gateway overwrites it on user tokens.
         */
        reach: z.array(z.string().regex(UUID_RE)).max(MAX_SCOPE_REACH).optional(),
      })
      .strict()
      .optional(),
    /**
     * The tenant's lineage (docs/SECURITY.md "Tenant succession"): the tenants it succeeded, whose
     * history its users read as their own past, and whether the tenant itself has been succeeded
     * (its users then read, never write). Set by the gateway from the communes subgraph's record of
     * successions; trusted only in gateway-signed identities: the gateway overwrites it on user tokens.
     */
    lineage: z
      .object({
        predecessors: z.array(z.string().regex(TENANT_RE)).max(MAX_PREDECESSORS),
        /** The day from which another tenant succeeded this one (writes refused), when it has. */
        succeededOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
      })
      .strict()
      .optional(),
  })
  .superRefine((c, ctx) => {
    const national = c.roles.includes('national');
    if (national && c.roles.length > 1) {
      ctx.addIssue({ code: 'custom', message: 'the national role cannot be combined with tenant roles' });
    }
    if (!national && !c.tenant) ctx.addIssue({ code: 'custom', message: 'tenant claim required' });
    if (national && c.scope?.units) ctx.addIssue({ code: 'custom', message: 'the national role has no unit scope' });
    if (national && c.lineage) ctx.addIssue({ code: 'custom', message: 'the national role has no tenant lineage' });
    if (c.roles.includes('sponsor') && !c.scope?.sponsorId) {
      ctx.addIssue({ code: 'custom', message: 'a sponsor identity needs scope.sponsorId' });
    }
  });

export type IdentityClaims = z.infer<typeof identityClaimsSchema>;

/** Who is calling, as established once per request from a verified token. */
export interface Identity {
  subject: string;
  /** Tenant slug; null only for the national role, which reads across tenants and writes nothing. */
  tenant: string | null;
  roles: readonly Role[];
  sponsorId: string | null;
  /**
   * The unit scope (docs/SECURITY.md "Unit scopes"), or null when the caller is not narrowed below
   * its tenant. `reach` are the administrative units (communes, districts) it reaches, `agencies` the
   * sponsors it acts for.
   */
  scope: IdentityScope | null;
  /** How the caller authenticated at the edge. */
  via: 'token' | 'apiKey' | 'service';
  /** Tenants this one succeeded: their rows are read as the caller's own past (never written). */
  predecessors: readonly string[];
  /** The day another tenant succeeded the caller's, or null: from then on its users read, never write. */
  succeededOn: string | null;
}

export interface IdentityScope {
  units: readonly ScopeUnit[];
  /** Administrative units reached (lower-case UUIDs): empty until the gateway expanded the scope. */
  reach: readonly string[];
  /** Sponsors (agencies) of the scope (lower-case UUIDs). */
  agencies: readonly string[];
}

export function scopeFromClaims(claims: IdentityClaims): IdentityScope | null {
  const units = (claims.scope?.units ?? []).map(parseScopeUnit).filter((u): u is ScopeUnit => u !== null);
  if (!claims.scope?.units?.length) return null;
  return {
    units,
    reach: [...new Set((claims.scope.reach ?? []).map((r) => r.toLowerCase()))],
    agencies: [...new Set(units.filter((u) => u.kind === 'agency').map((u) => u.id))],
  };
}

export function identityFromClaims(claims: IdentityClaims, via: Identity['via']): Identity {
  const national = claims.roles.includes('national');
  return {
    subject: claims.sub,
    tenant: national ? null : (claims.tenant ?? null),
    roles: claims.roles,
    sponsorId: claims.scope?.sponsorId ?? null,
    scope: national ? null : scopeFromClaims(claims),
    via,
    predecessors: national ? [] : [...new Set(claims.lineage?.predecessors ?? [])].filter((t) => t !== claims.tenant),
    succeededOn: national ? null : (claims.lineage?.succeededOn ?? null),
  };
}

export const hasRole = (identity: Identity, ...roles: Role[]) => identity.roles.some((r) => roles.includes(r));

/** Name of the header by which the gateway hands the verified identity to subgraphs. */
export const IDENTITY_HEADER = 'x-kn-identity';
/** Name of the header carrying the request id end to end. */
export const REQUEST_ID_HEADER = 'x-request-id';

export const INTERNAL_ISSUER = 'kn-gateway';
export const INTERNAL_AUDIENCE = 'kn-subgraphs';
const ALG = 'EdDSA';

export async function importKey(jwk: JWK): Promise<JoseKey> {
  return (await importJWK(jwk, ALG)) as JoseKey;
}

/** Parses a JWK given as JSON text (configuration). Throws with a readable message. */
export function parseJwk(text: string): JWK {
  const jwk = JSON.parse(text) as JWK;
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519') throw new Error('expected an Ed25519 JWK (kty OKP, crv Ed25519)');
  return jwk;
}

export interface IdentityTokenOptions {
  issuer: string;
  audience: string;
  expiresInSeconds: number;
}

export async function signIdentityToken(
  key: JoseKey,
  claims: IdentityClaims & { via?: Identity['via'] },
  opts: IdentityTokenOptions,
): Promise<string> {
  const { sub, ...rest } = claims;
  return new SignJWT({ ...rest })
    .setProtectedHeader({ alg: ALG, typ: 'JWT' })
    .setSubject(sub)
    .setIssuer(opts.issuer)
    .setAudience(opts.audience)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + opts.expiresInSeconds)
    .sign(key);
}

export class IdentityError extends Error {}

/** Verifies a signed identity token; any failure becomes an IdentityError with a short reason. */
export async function verifyIdentityToken(
  key: JoseKey,
  token: string,
  opts: { issuer: string; audience: string },
): Promise<{ claims: IdentityClaims; via: Identity['via']; expiresAt?: number }> {
  try {
    const { payload } = await jwtVerify(token, key, {
      issuer: opts.issuer,
      audience: opts.audience,
      algorithms: [ALG],
      clockTolerance: 5,
    });
    const parsed = identityClaimsSchema.safeParse(payload);
    if (!parsed.success) throw new IdentityError(`invalid claims: ${parsed.error.issues[0]?.message ?? 'unknown'}`);
    const via = payload.via === 'apiKey' || payload.via === 'service' ? payload.via : 'token';
    return { claims: parsed.data, via, expiresAt: typeof payload.exp === 'number' ? payload.exp : undefined };
  } catch (e) {
    if (e instanceof IdentityError) throw e;
    if (e instanceof joseErrors.JWTExpired) throw new IdentityError('token expired');
    if (e instanceof joseErrors.JOSEError) throw new IdentityError(`token rejected (${e.code})`);
    throw new IdentityError('token malformed');
  }
}

/**
 * Verifies identity tokens and remembers the ones that verified, keyed by their exact text: the
 * gateway reuses an internal token for many requests (for half its lifetime), and verifying it
 * anew — an EdDSA verification through WebCrypto — was the largest item of a subgraph's own CPU
 * after its socket writes (docs/BENCHMARKS.md). Only a token that verified before is found; an
 * entry lives until the token's own `exp` (no clock tolerance: past it the token is verified, and
 * judged, again) and at most `maxAgeMs`; a token without `exp` is not remembered. A token that fails
 * is never remembered. Bounded: the oldest entries go first.
 */
export function createIdentityVerifier(
  key: JoseKey,
  opts: { issuer: string; audience: string },
  limits: { maxEntries?: number; maxAgeMs?: number; now?: () => number; verify?: typeof verifyIdentityToken } = {},
): (token: string) => Promise<{ claims: IdentityClaims; via: Identity['via'] }> {
  const verify = limits.verify ?? verifyIdentityToken;
  const maxEntries = limits.maxEntries ?? 10_000;
  const maxAgeMs = limits.maxAgeMs ?? 60_000;
  const now = limits.now ?? Date.now;
  const entries = new TtlCache<string, { claims: IdentityClaims; via: Identity['via'] }>(maxEntries, now);
  return async (token) => {
    const hit = entries.get(token);
    if (hit) return hit;
    const { claims, via, expiresAt } = await verify(key, token, opts);
    if (expiresAt !== undefined) entries.set(token, { claims, via }, Math.min(expiresAt * 1000, now() + maxAgeMs));
    return { claims, via };
  };
}
