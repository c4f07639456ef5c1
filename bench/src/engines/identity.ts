import { decodeJwt } from 'jose';
import {
  INTERNAL_AUDIENCE,
  INTERNAL_ISSUER,
  importKey,
  parseJwk,
  signIdentityToken,
  verifyIdentityToken,
} from '@kn/platform/identity';
import { TtlCache } from '@kn/platform/ttl-cache';

/**
 * The one thing a bare engine must do so that subgraphs accept its requests: turn the caller's
 * user token into a gateway-signed `x-kn-identity`. The same code serves the bare Hive engines and
 * stock @apollo/gateway, so the baselines do equal work: a user token is verified and re-signed
 * once, then the internal token is reused until half its lifetime (or the user token's expiry).
 */
export async function createIdentityForwarder(env: NodeJS.ProcessEnv) {
  const tokenKey = await importKey(parseJwk(env.TOKEN_PUBLIC_KEY ?? ''));
  const gatewayKey = await importKey(parseJwk(env.GATEWAY_PRIVATE_KEY ?? ''));
  const ttl = 60;
  const cache = new TtlCache<string, string>(10_000);
  return async function forward(authorization: string | null | undefined): Promise<string | null> {
    const m = /^bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!m) return null;
    const credential = m[1]!;
    const now = Date.now();
    const hit = cache.get(credential);
    if (hit) return hit;
    try {
      const { claims } = await verifyIdentityToken(tokenKey, credential, { issuer: env.TOKEN_ISSUER ?? 'kn-dev-issuer', audience: env.TOKEN_AUDIENCE ?? 'kn-graph' });
      const token = await signIdentityToken(gatewayKey, { ...claims, via: 'token' }, { issuer: INTERNAL_ISSUER, audience: INTERNAL_AUDIENCE, expiresInSeconds: ttl });
      const exp = (decodeJwt(credential).exp ?? 0) * 1000;
      cache.set(credential, token, Math.min(now + (ttl / 2) * 1000, exp));
      return token;
    } catch {
      return null;
    }
  };
}
