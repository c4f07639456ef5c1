import { generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { createIdentityVerifier, IdentityError, signIdentityToken, verifyIdentityToken, type IdentityClaims } from './identity.js';

const opts = { issuer: 'kn-gateway', audience: 'kn-subgraphs' };
const claims: IdentityClaims = { sub: 'u1', tenant: 'lang-son', roles: ['analyst'] };

describe('createIdentityVerifier', async () => {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const other = await generateKeyPair('EdDSA', { crv: 'Ed25519' });

  function counting(clock: { t: number }) {
    let calls = 0;
    const verify = createIdentityVerifier(publicKey, opts, {
      now: () => clock.t,
      maxAgeMs: 60_000,
      verify: async (...a: Parameters<typeof verifyIdentityToken>) => {
        calls++;
        return verifyIdentityToken(...a);
      },
    });
    return { verify, calls: () => calls };
  }

  it('verifies a token once and answers it from memory until its expiry or the maximum age', async () => {
    const token = await signIdentityToken(privateKey, { ...claims, via: 'token' }, { ...opts, expiresInSeconds: 600 });
    const clock = { t: Date.now() };
    const v = counting(clock);
    expect((await v.verify(token)).claims).toMatchObject(claims);
    expect((await v.verify(token)).via).toBe('token');
    expect(v.calls()).toBe(1);
    clock.t += 61_000; // past the maximum age: verified again
    await v.verify(token);
    expect(v.calls()).toBe(2);
  });

  it('never remembers a token that failed, nor one past its own expiry', async () => {
    const clock = { t: Date.now() };
    const v = counting(clock);
    const forged = await signIdentityToken(other.privateKey, { ...claims, via: 'token' }, { ...opts, expiresInSeconds: 600 });
    await expect(v.verify(forged)).rejects.toBeInstanceOf(IdentityError);
    await expect(v.verify(forged)).rejects.toBeInstanceOf(IdentityError);
    expect(v.calls()).toBe(2);
    const short = await signIdentityToken(privateKey, { ...claims, via: 'token' }, { ...opts, expiresInSeconds: 30 });
    await v.verify(short);
    clock.t += 31_000; // the token's exp has passed (by the verifier's clock): verified again, not served from memory
    await v.verify(short);
    expect(v.calls()).toBe(4);
  });

  it('a token differing by one character is another token', async () => {
    const token = await signIdentityToken(privateKey, { ...claims, via: 'token' }, { ...opts, expiresInSeconds: 600 });
    const v = counting({ t: Date.now() });
    await v.verify(token);
    const tampered = `${token.slice(0, -2)}${token.at(-2) === 'A' ? 'B' : 'A'}${token.at(-1)}`;
    await expect(v.verify(tampered)).rejects.toBeInstanceOf(IdentityError);
  });
});
