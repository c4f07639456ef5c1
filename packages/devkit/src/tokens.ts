import { importKey, signIdentityToken, identityClaimsSchema, type IdentityClaims } from '@kn/platform/identity';
import type { JWK } from 'jose';

export const DEV_TOKEN_ISSUER = 'kn-dev-issuer';
export const DEV_TOKEN_AUDIENCE = 'kn-graph';

/** A user token as the provinces' identity provider would issue it, signed with the dev issuer key. */
export async function signUserToken(
  issuerPrivateJwk: JWK,
  claims: IdentityClaims,
  opts: { expiresInSeconds?: number; issuer?: string; audience?: string } = {},
): Promise<string> {
  const valid = identityClaimsSchema.parse(claims);
  return signIdentityToken(await importKey(issuerPrivateJwk), valid, {
    issuer: opts.issuer ?? DEV_TOKEN_ISSUER,
    audience: opts.audience ?? DEV_TOKEN_AUDIENCE,
    expiresInSeconds: opts.expiresInSeconds ?? 8 * 3600,
  });
}
