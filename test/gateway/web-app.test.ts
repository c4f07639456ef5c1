import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceProcess } from '@kn/devkit/processes';
import { gql, platform } from '../support/client.js';
import { startExtraGateway } from '../support/gateway.js';

const origin = () => new URL(platform().gatewayUrl).origin;

describe('the web page under /app/ and the development sign-in', () => {
  let deployed: ServiceProcess;
  beforeAll(async () => {
    // a gateway as a deployment runs it: no DEV_TOKEN_URL
    deployed = await startExtraGateway('gateway-no-dev-tokens', {});
  });
  afterAll(async () => {
    await deployed?.stop();
  });

  it('serves the built page without a token, with a strict content security policy', async () => {
    const res = await fetch(`${origin()}/app/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await res.text();
    const script = /src="(\/app\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const js = await fetch(`${origin()}${script}`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${origin()}/app`, { redirect: 'manual' })).headers.get('location')).toBe('/app/');
    expect((await fetch(`${origin()}/app/assets/nothing.js`)).status).toBe(404);
    expect((await fetch(`${origin()}/app/..%2f..%2fpackage.json`)).status).toBe(404);
    expect((await fetch(`${origin()}/app/assets/..%2f..%2f..%2fpackage.json`)).status).toBe(404);
    expect((await fetch(`${origin()}/app/`, { method: 'POST' })).status).toBe(405);
  });

  it('development: /dev/token issues a demo token that the graph accepts; bad requests are 400', async () => {
    const res = await fetch(`${origin()}/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tenant: 'lang-son', role: 'officer' }) });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const { token } = (await res.json()) as { token: string };
    const r = await gql(token, '{ currentTenant { slug } }');
    expect(r.data?.currentTenant?.slug).toBe('lang-son');
    const bad = await fetch(`${origin()}/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tenant: 'lang-son', role: 'root' }) });
    expect(bad.status).toBe(400);
    const noTenant = await fetch(`${origin()}/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'officer' }) });
    expect(noTenant.status).toBe(400);
    // the IDE offers the dev token
    const ide = await (await fetch(`${origin()}/graphql`, { headers: { accept: 'text/html' } })).text();
    expect(ide).toContain('if (!true) return null;');
    expect(ide).toContain('"defaultTabs"');
  });

  it('a deployment (no DEV_TOKEN_URL) has no /dev/token and its IDE asks for a pasted token', async () => {
    const url = new URL(deployed.url).origin;
    expect((await fetch(`${url}/dev/token`)).status).toBe(404);
    expect((await fetch(`${url}/dev/token`, { method: 'POST', body: '{"tenant":"lang-son","role":"admin"}' })).status).toBe(404);
    const ide = await (await fetch(`${url}/graphql`, { headers: { accept: 'text/html' } })).text();
    expect(ide).toContain('if (!false) return null;');
    expect(ide).toContain('paste your token here');
    expect((await fetch(`${url}/app/`)).status).toBe(200);
  });
});
