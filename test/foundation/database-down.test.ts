import { createRequire } from 'node:module';
import { importJWK, SignJWT, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type ServiceProcess } from '@kn/devkit/processes';
import { platform } from '../support/client.js';

const require = createRequire(import.meta.url);

/**
 * Found by the security suite (fault: PostgreSQL restarted under load): while the database was
 * down, every answer was a masked INTERNAL_SERVER_ERROR. It is SERVICE_UNAVAILABLE — retry shortly —
 * and the subgraph keeps serving (and recovers by itself when the database is back).
 */
describe('a subgraph whose database is unreachable', () => {
  let subgraph: ServiceProcess;
  beforeAll(async () => {
    const { d: _private, ...publicJwk } = platform().gatewayPrivateJwk as Record<string, unknown>;
    subgraph = await startService({
      name: 'communes-no-database',
      entry: require.resolve('@kn/communes'),
      logDir: platform().logDir,
      env: {
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        DATABASE_URL: 'postgres://kn_communes_app:x@127.0.0.1:9/kn',
        GATEWAY_PUBLIC_KEY: JSON.stringify(publicJwk),
      },
    });
  });
  afterAll(async () => {
    await subgraph?.stop();
  });

  it('answers SERVICE_UNAVAILABLE (not a 500, not INTERNAL_SERVER_ERROR), and says so at /readiness', async () => {
    const identity = await new SignJWT({ tenant: 'lang-son', roles: ['analyst'], via: 'token' })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setSubject('test')
      .setIssuer('kn-gateway')
      .setAudience('kn-subgraphs')
      .setExpirationTime('1m')
      .sign(await importJWK(platform().gatewayPrivateJwk as JWK, 'EdDSA'));
    const res = await fetch(subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-kn-identity': identity },
      body: JSON.stringify({ query: '{ communes(first: 1) { totalCount } }' }),
    });
    expect(res.status).toBeLessThan(500);
    const body = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors.map((e) => e.extensions.code)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(body.errors[0]!.message).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
    const ready = await fetch(subgraph.url.replace(/\/graphql$/, '/readiness'));
    expect(ready.status).toBe(503);
  });
});
