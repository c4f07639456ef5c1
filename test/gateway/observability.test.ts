import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceProcess } from '@kn/devkit/processes';
import { codes, gql, logsContaining, platform, tokenFor } from '../support/client.js';
import { startExtraGateway } from '../support/gateway.js';

const metricValue = (text: string, name: string, labels: Record<string, string> = {}) => {
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const m = /^([a-z_]+)(\{[^}]*\})? ([0-9.e+-]+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    if (Object.entries(labels).every(([k, v]) => (m[2] ?? '').includes(`${k}="${v}"`))) total += Number(m[3]);
  }
  return total;
};

describe('observability', () => {
  let gw: ServiceProcess;
  let base: string;
  beforeAll(async () => {
    // its own gateway, so the counters below are this test's alone
    gw = await startExtraGateway('gateway-observability', {});
    base = gw.url.replace(/\/graphql$/, '');
  });
  afterAll(() => gw.stop());

  it('GET /metrics counts the requests, errors by code, denials by reason, latency per operation and subgraph', async () => {
    const token = await tokenFor('lang-son', 'analyst');
    for (let i = 0; i < 3; i++) {
      const r = await gql(token, 'query Border { communes(first: 5, filter: { classification: BORDER }) { totalCount } }', undefined, { url: gw.url });
      expect(r.errors).toBeUndefined();
    }
    await gql(token, '{ communes(first: 99999) { totalCount } }', undefined, { url: gw.url });
    await gql(null, '{ currentTenant { slug } }', undefined, { url: gw.url });
    await gql('garbage', '{ currentTenant { slug } }', undefined, { url: gw.url });
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(metricValue(text, 'graphql_envelop_request_duration_count', { operationName: 'Border' })).toBe(3);
    expect(metricValue(text, 'graphql_gateway_subgraph_execute_duration_count', { subgraphName: 'communes' })).toBeGreaterThanOrEqual(3);
    expect(metricValue(text, 'kn_gateway_errors_total', { code: 'BAD_USER_INPUT' })).toBe(1);
    expect(metricValue(text, 'kn_gateway_denied_total', { reason: 'limit:first' })).toBe(1);
    expect(metricValue(text, 'kn_gateway_denied_total', { reason: 'no_credentials' })).toBe(1);
    expect(metricValue(text, 'kn_gateway_denied_total', { reason: 'bad_token' })).toBe(1);
  });

  it('the request id is returned to the client and reaches the subgraph log; no secret is logged', async () => {
    const token = await tokenFor('quang-nam', 'analyst');
    const requestId = `obs-${Date.now()}`;
    const r = await gql(token, '{ communes(first: 1) { totalCount } }', undefined, { url: gw.url, requestId });
    expect(r.errors).toBeUndefined();
    const logs = platform().logDir;
    // logs are buffered and written within about a second
    const subgraphLog = await logsContaining([join(logs, 'communes.log')], requestId);
    expect(subgraphLog).toContain(requestId);
    const gatewayLog = await logsContaining([join(logs, 'gateway-observability.log')], `"requestId":"${requestId}"`);
    const line = gatewayLog.split('\n').find((l) => l.includes(requestId) && l.includes('"msg":"request"'));
    expect(line).toBeTruthy();
    expect(JSON.parse(line!)).toMatchObject({ requestId, tenant: 'quang-nam', status: 200 });
    expect(gatewayLog).not.toContain(token);
    expect(subgraphLog).not.toContain(token.split('.')[2]!);
  });

  it('unexpected errors reach the client masked, with a code', async () => {
    // a subgraph that is down: the gateway answers with a coded error, not a stack
    const token = await tokenFor('lang-son', 'analyst');
    const broken = await startExtraGateway('gateway-broken', { SUBGRAPH_URLS: 'communes=http://127.0.0.1:9/graphql' });
    try {
      const r = await gql(token, '{ currentTenant { slug } }', undefined, { url: broken.url });
      expect(r.status).toBeLessThan(600);
      expect(codes(r).length).toBeGreaterThan(0);
      expect(JSON.stringify(r.body)).not.toMatch(/ECONNREFUSED|at .*\.js:\d+/);
    } finally {
      await broken.stop();
    }
  });
});
