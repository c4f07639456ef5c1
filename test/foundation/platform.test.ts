import { describe, expect, it } from 'vitest';
import { gql, platform, tokenFor } from '../support/client.js';

describe('the platform around the graph', () => {
  const base = () => platform().gatewayUrl.replace(/\/graphql$/, '');

  it('answers health and readiness', async () => {
    expect((await fetch(`${base()}/healthcheck`)).status).toBe(200);
    const ready = await fetch(`${base()}/readiness`);
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as { status: string }).status).toBe('ready');
  });

  it('serves a GraphQL IDE whose assets all come from the gateway itself', async () => {
    const page = await fetch(platform().gatewayUrl, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('renderYogaGraphiQL');
    expect(html).not.toMatch(/https?:\/\//);
    for (const asset of html.matchAll(/(?:src|href)="(\/ide-assets\/[^"]+)"/g)) {
      expect((await fetch(`${base()}${asset[1]}`)).status, asset[1]).toBe(200);
    }
    expect((await fetch(`${base()}/ide-assets/monacoeditorwork/json.worker.bundle.js`)).status).toBe(200);
  });

  it('returns the request id to the client and uses the one the client sent', async () => {
    const token = await tokenFor('lang-son', 'analyst');
    const res = await fetch(platform().gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-request-id': 'my-request-42' },
      body: JSON.stringify({ query: '{ currentTenant { slug name } }' }),
    });
    expect(res.headers.get('x-request-id')).toBe('my-request-42');
    expect(((await res.json()) as any).data.currentTenant).toEqual({ slug: 'lang-son', name: 'Lạng Sơn' });
  });

  it('names the tenant of the caller, never one given in arguments', async () => {
    const r = await gql(await tokenFor('quang-nam', 'officer'), '{ currentTenant { slug name } tenants { slug } }');
    expect(r.data).toEqual({ currentTenant: { slug: 'quang-nam', name: 'Quảng Nam' }, tenants: [{ slug: 'quang-nam' }] });
  });
});
