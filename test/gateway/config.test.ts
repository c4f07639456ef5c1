import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { platform } from '../support/client.js';

const require = createRequire(import.meta.url);

/** Configuration is validated at boot: a bad value stops the process with a message naming it. */
describe('configuration', () => {
  const run = (entry: string, env: Record<string, string>) =>
    spawnSync(process.execPath, [entry], { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8', timeout: 20_000 });

  it('the gateway refuses a bad limit and a missing key, naming them', () => {
    const p = platform();
    const r = run(require.resolve('@kn/gateway'), {
      TOKEN_PUBLIC_KEY: JSON.stringify(p.issuerPublicJwk),
      LIMIT_MAX_DEPTH: 'deep',
      PORT: '0',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/LIMIT_MAX_DEPTH/);
    expect(r.stderr).toMatch(/GATEWAY_PRIVATE_KEY/);
    expect(r.stderr).not.toMatch(/"x":/);
  });

  it('the gateway refuses token issuers that overlap or name no keys, and needs at least one issuer', () => {
    const p = platform();
    const bad = run(require.resolve('@kn/gateway'), {
      GATEWAY_PRIVATE_KEY: JSON.stringify(p.gatewayPrivateJwk),
      TOKEN_ISSUERS: JSON.stringify([
        { issuer: 'https://id.a.test', jwksUrl: 'https://id.a.test/certs', tenants: ['lang-son'] },
        { issuer: 'https://id.a.test', tenants: ['quang-nam'] },
      ]),
      PORT: '0',
    });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/TOKEN_ISSUERS: 1: give exactly one of jwksUrl and jwks/);
    expect(bad.stderr).toMatch(/two issuers share one `issuer`/);
    const none = run(require.resolve('@kn/gateway'), { GATEWAY_PRIVATE_KEY: JSON.stringify(p.gatewayPrivateJwk), PORT: '0' });
    expect(none.status).toBe(1);
    expect(none.stderr).toMatch(/TOKEN_ISSUERS: set TOKEN_ISSUERS/);
  });

  it('a subgraph refuses a database URL that is not one', () => {
    const r = run(require.resolve('@kn/communes'), {
      DATABASE_URL: 'mysql://nope',
      GATEWAY_PUBLIC_KEY: '{}',
      PORT: '0',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/DATABASE_URL/);
    expect(r.stderr).toMatch(/GATEWAY_PUBLIC_KEY/);
  });
});
