import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type CryptoKey } from 'jose';
import type { ServiceProcess } from '@kn/devkit/processes';
import { codes, gql, platform, tokenFor } from '../support/client.js';
import { startExtraGateway } from '../support/gateway.js';

/** A province's identity provider: a real HTTP server publishing a JWKS that a test can rotate or take down. */
class JwksServer {
  keys: JWK[] = [];
  fetches = 0;
  down = false;
  private server!: Server;
  url = '';
  async start() {
    this.server = createServer((req, res) => {
      if (this.down) {
        req.socket.destroy();
        return;
      }
      this.fetches++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: this.keys }));
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/realms/kn/protocol/openid-connect/certs`;
  }
  stop() {
    return new Promise<void>((r) => this.server.close(() => r()));
  }
}

interface SigningKey {
  kid: string;
  alg: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}
async function signingKey(kid: string, alg: 'ES256' | 'RS256' | 'EdDSA'): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { kid, alg, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

let serial = 0;
/** A fresh token each time (the gateway remembers tokens it verified, by their text). */
function mint(key: SigningKey, iss: string, claims: Record<string, unknown>, kid: string = key.kid) {
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: key.alg, kid, typ: 'JWT' })
    .setSubject(`${iss}#${++serial}`)
    .setIssuer(iss)
    .setAudience('kn-graph')
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(key.privateKey);
}

const LS = 'https://id.lang-son.test/realms/kn';
const QN = 'https://id.quang-nam.test/realms/kn';
const NATIONAL = 'https://id.national.test';
const Q = '{ currentTenant { slug } }';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('one identity provider per province (TOKEN_ISSUERS)', () => {
  const ls = new JwksServer();
  const qn = new JwksServer();
  let ls1: SigningKey, ls2: SigningKey, qn1: SigningKey, nat: SigningKey;
  let gw: ServiceProcess;
  const ask = (token: string, query = Q) => gql(token, query, undefined, { url: gw.url });

  beforeAll(async () => {
    [ls1, ls2, qn1, nat] = await Promise.all([signingKey('ls-1', 'ES256'), signingKey('ls-2', 'ES256'), signingKey('qn-1', 'RS256'), signingKey('nat-1', 'EdDSA')]);
    await Promise.all([ls.start(), qn.start()]);
    ls.keys = [ls1.publicJwk];
    qn.keys = [qn1.publicJwk];
    gw = await startExtraGateway('gateway-issuers', {
      TOKEN_PUBLIC_KEY: '', // no dev issuer: only the provinces' own
      TOKEN_ISSUERS: JSON.stringify([
        // ha-giang: allowed by the configuration, but no tenant of the platform
        { issuer: LS, jwksUrl: ls.url, tenants: ['lang-son', 'ha-giang'] },
        { issuer: QN, jwksUrl: qn.url, tenants: ['quang-nam'] },
        { issuer: NATIONAL, jwks: { keys: [nat.publicJwk] }, national: true },
      ]),
      JWKS_REFRESH_SECONDS: '1',
      JWKS_MAX_STALE_SECONDS: '4',
      JWKS_COOLDOWN_SECONDS: '1',
    });
  });
  afterAll(async () => {
    await gw?.stop();
    await Promise.all([ls.stop(), qn.stop()]);
  });

  it("accepts each province's tokens from its own issuer (ES256 and RS256 keys fetched from its JWKS)", async () => {
    const a = await ask(await mint(ls1, LS, { tenant: 'lang-son', roles: ['analyst'] }));
    expect(a.errors).toBeUndefined();
    expect(a.data.currentTenant.slug).toBe('lang-son');
    const b = await ask(await mint(qn1, QN, { tenant: 'quang-nam', roles: ['officer'] }));
    expect(b.errors).toBeUndefined();
    expect(b.data.currentTenant.slug).toBe('quang-nam');
  });

  it('a Lạng Sơn issuer cannot mint a Quảng Nam token, nor a national one', async () => {
    const cross = await ask(await mint(ls1, LS, { tenant: 'quang-nam', roles: ['admin'] }));
    expect(cross.status).toBe(401);
    expect(codes(cross)).toEqual(['UNAUTHENTICATED']);
    expect(cross.data).toBeUndefined();
    const national = await ask(await mint(ls1, LS, { roles: ['national'] }));
    expect(national.status).toBe(401);
  });

  it('a province issuer allowed a tenant the platform does not have: its token is refused all the same', async () => {
    const r = await ask(await mint(ls1, LS, { tenant: 'ha-giang', roles: ['admin'] }));
    expect(r.status).toBe(401);
    expect(codes(r)).toEqual(['UNAUTHENTICATED']);
    expect(r.data).toBeUndefined();
  });

  it('the national role only from the issuer allowed it, which speaks for no province', async () => {
    const ok = await ask(await mint(nat, NATIONAL, { roles: ['national'] }), '{ tenants { slug } }');
    expect(ok.errors).toBeUndefined();
    expect(ok.data.tenants.map((t: { slug: string }) => t.slug)).toEqual(expect.arrayContaining(['lang-son', 'quang-nam']));
    expect((await ask(await mint(nat, NATIONAL, { tenant: 'lang-son', roles: ['analyst'] }))).status).toBe(401);
  });

  it('refuses an unknown issuer, a key of another issuer, and the dev issuer it was not given', async () => {
    expect((await ask(await mint(ls1, 'https://evil.test', { tenant: 'lang-son', roles: ['admin'] }))).status).toBe(401);
    // Quảng Nam's key, presented as Lạng Sơn's (its kid is not in Lạng Sơn's set)
    expect((await ask(await mint(qn1, LS, { tenant: 'lang-son', roles: ['admin'] }))).status).toBe(401);
    // Lạng Sơn's kid on a token signed with another key
    expect((await ask(await mint({ ...ls1, privateKey: ls2.privateKey }, LS, { tenant: 'lang-son', roles: ['admin'] }))).status).toBe(401);
    expect((await ask(await tokenFor('lang-son', 'admin'))).status).toBe(401);
  });

  it('an unknown kid is refused, and a flood of them costs at most one JWKS fetch per cooldown', async () => {
    await sleep(1100); // past the cooldown of the previous fetch
    const before = ls.fetches;
    const results = await Promise.all(
      Array.from({ length: 5 }, async () => ask(await mint(ls1, LS, { tenant: 'lang-son', roles: ['analyst'] }, 'made-up-kid'))),
    );
    expect(results.map((r) => r.status)).toEqual([401, 401, 401, 401, 401]);
    expect(ls.fetches - before).toBeLessThanOrEqual(1);
  });

  it('key rotation: a new kid is fetched and accepted, the retired key is refused from then on', async () => {
    ls.keys = [ls2.publicJwk];
    await sleep(1100);
    const rotated = await ask(await mint(ls2, LS, { tenant: 'lang-son', roles: ['analyst'] }));
    expect(rotated.errors).toBeUndefined();
    expect(rotated.data.currentTenant.slug).toBe('lang-son');
    expect((await ask(await mint(ls1, LS, { tenant: 'lang-son', roles: ['analyst'] }))).status).toBe(401);
  });

  it('a JWKS that is down: cached keys keep working for a bounded time, then a clear SERVICE_UNAVAILABLE; other provinces unaffected', async () => {
    ls.down = true;
    const downSince = Date.now();
    const cached = await ask(await mint(ls2, LS, { tenant: 'lang-son', roles: ['analyst'] }));
    expect(cached.errors).toBeUndefined();
    expect(cached.data.currentTenant.slug).toBe('lang-son');
    await sleep(Math.max(0, downSince + 4500 - Date.now())); // past JWKS_MAX_STALE_SECONDS since the last good fetch
    const stale = await ask(await mint(ls2, LS, { tenant: 'lang-son', roles: ['analyst'] }));
    expect(stale.status).toBe(503);
    expect(codes(stale)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(stale.errors?.[0]?.extensions?.reason).toBe('ISSUER_UNAVAILABLE');
    expect(stale.errors?.[0]?.message).toMatch(/issuer cannot be reached/);
    // Quảng Nam's issuer is another server: its tokens still verify (its keys are refreshed as usual)
    const other = await ask(await mint(qn1, QN, { tenant: 'quang-nam', roles: ['analyst'] }));
    expect(other.errors).toBeUndefined();
    // the IdP comes back: accepted again after the cooldown
    ls.down = false;
    await sleep(1100);
    const back = await ask(await mint(ls2, LS, { tenant: 'lang-son', roles: ['analyst'] }));
    expect(back.errors).toBeUndefined();
    const log = readFileSync(join(platform().logDir, 'gateway-issuers.log'), 'utf8');
    expect(log).toMatch(/cannot fetch the JWKS of a token issuer/);
  });
});

describe('tenants that do not exist', () => {
  it('a dev token for a tenant the platform does not have is refused (the dev issuer and pnpm token work as before)', async () => {
    const missing = await gql(await tokenFor('ha-giang', 'analyst'), Q);
    expect(missing.status).toBe(401);
    expect(codes(missing)).toEqual(['UNAUTHENTICATED']);
    const known = await gql(await tokenFor('lang-son', 'analyst'), Q);
    expect(known.errors).toBeUndefined();
    expect(known.data.currentTenant.slug).toBe('lang-son');
    const national = await gql(await tokenFor(null, 'national'), '{ tenants { slug } }');
    expect(national.errors).toBeUndefined();
  });
});
