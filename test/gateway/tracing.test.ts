import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type ServiceProcess } from '@kn/devkit/processes';
import { gql, platform, tokenFor } from '../support/client.js';
import { startExtraGateway } from '../support/gateway.js';

const require = createRequire(import.meta.url);

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
}

/** OpenTelemetry, when an exporter is configured: one trace across gateway → subgraph → SQL. */
describe('tracing', () => {
  const spans: { service: string; span: OtlpSpan }[] = [];
  let collector: Server;
  let endpoint: string;
  let communes: ServiceProcess;
  let gateway: ServiceProcess;

  beforeAll(async () => {
    // a minimal OTLP/HTTP (JSON) collector
    collector = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        try {
          const json = JSON.parse(body) as {
            resourceSpans: { resource: { attributes: { key: string; value: { stringValue?: string } }[] }; scopeSpans: { spans: OtlpSpan[] }[] }[];
          };
          for (const rs of json.resourceSpans ?? []) {
            const service = rs.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue ?? '?';
            for (const ss of rs.scopeSpans) for (const span of ss.spans) spans.push({ service, span });
          }
        } catch {
          // protobuf or junk: ignored
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{}');
      });
    });
    await new Promise<void>((r) => collector.listen(0, '127.0.0.1', () => r()));
    endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
    const p = platform();
    const { d: _d, ...gatewayPublic } = p.gatewayPrivateJwk;
    communes = await startService({
      name: 'communes-traced',
      entry: require.resolve('@kn/communes'),
      logDir: p.logDir,
      env: {
        PORT: '0',
        DATABASE_URL: p.dbUrls.communes!.app,
        GATEWAY_PUBLIC_KEY: JSON.stringify(gatewayPublic),
        OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      },
    });
    gateway = await startExtraGateway('gateway-traced', {
      SUBGRAPH_URLS: Object.entries({ ...p.subgraphUrls, communes: communes.url }).map(([k, v]) => `${k}=${v}`).join(','),
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
    });
  });

  afterAll(async () => {
    await gateway?.stop();
    await communes?.stop();
    collector?.close();
  });

  it('a request leaves one trace with gateway, subgraph and SQL spans', async () => {
    const token = await tokenFor('lang-son', 'analyst');
    const r = await gql(token, 'query Traced { communes(first: 3) { totalCount nodes { district { name } } } }', undefined, { url: gateway.url });
    expect(r.errors).toBeUndefined();
    const deadline = Date.now() + 8000;
    let trace: typeof spans = [];
    while (Date.now() < deadline) {
      // the gateway's own question (is the tenant known?) is a communes request of its own trace: look at each
      for (const sub of spans.filter((s) => s.service === 'communes' && s.span.name.includes('POST /graphql'))) {
        trace = spans.filter((s) => s.span.traceId === sub.span.traceId);
        if (trace.some((s) => s.service === 'gateway') && trace.some((s) => s.span.name === 'sql')) break;
      }
      if (trace.some((s) => s.service === 'gateway') && trace.some((s) => s.span.name === 'sql')) break;
      await new Promise((res) => setTimeout(res, 200));
    }
    expect(trace.some((s) => s.service === 'gateway')).toBe(true);
    expect(trace.some((s) => s.service === 'communes' && s.span.name.includes('POST /graphql'))).toBe(true);
    expect(trace.filter((s) => s.span.name === 'sql').length).toBeGreaterThanOrEqual(2);
  });
});
