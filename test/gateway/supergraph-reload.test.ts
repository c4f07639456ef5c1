import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceProcess } from '@kn/devkit/processes';
import { codes, gql, platform, tokenFor } from '../support/client.js';
import { startExtraGateway } from '../support/gateway.js';

const SUPERGRAPH = fileURLToPath(new URL('../../schema/supergraph.graphql', import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** In front of the communes subgraph: holds every answer `delayMs`, so a request is surely in flight during a reload. */
function slowProxy(target: string, delayMs: number): Promise<{ url: string; server: Server }> {
  const t = new URL(target);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const delay = body.includes('slowTenantPlease') ? delayMs : 0;
      setTimeout(() => {
        const up = httpRequest({ host: t.hostname, port: t.port, path: t.pathname, method: 'POST', headers: req.headers }, (r) => {
          res.writeHead(r.statusCode ?? 502, r.headers);
          r.pipe(res);
        });
        up.on('error', () => res.destroy());
        up.end(body);
      }, delay);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, server })));
}

/** Replaces the file the way a deployment does: written beside it, then renamed over it. */
function deploy(file: string, content: string) {
  writeFileSync(`${file}.tmp`, content);
  renameSync(`${file}.tmp`, file);
}

describe('hot supergraph reload', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kn-supergraph-'));
  const file = join(dir, 'supergraph.graphql');
  const original = readFileSync(SUPERGRAPH, 'utf8');
  // the same graph without Query.tenants: a change the clients can see
  const without = original.replace(/\n\s*"""\n[^"]*\n\s*"""\n\s*tenants: \[Tenant!\]! @join__field\(graph: COMMUNES\)[^\n]*/, '');
  let gw: ServiceProcess;
  let proxy: Server;
  let token: string;
  const TENANTS = '{ tenants { slug } }';

  beforeAll(async () => {
    expect(without).not.toBe(original);
    writeFileSync(file, original);
    const p = platform();
    const slow = await slowProxy(p.subgraphUrls.communes!, 2500);
    proxy = slow.server;
    const urls = { ...p.subgraphUrls, communes: slow.url };
    gw = await startExtraGateway('gateway-reload', {
      SUPERGRAPH_FILE: file,
      SUPERGRAPH_POLL_SECONDS: '0.5',
      SUBGRAPH_URLS: Object.entries(urls).map(([k, v]) => `${k}=${v}`).join(','),
    });
    token = await tokenFor('lang-son', 'analyst');
  });
  afterAll(async () => {
    await gw?.stop();
    await new Promise((r) => proxy?.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  const waitFor = async (pred: () => Promise<boolean>, ms = 15_000) => {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      if (await pred()) return true;
      await sleep(250);
    }
    return false;
  };

  it('swaps in a new supergraph while a request is in flight; that request still gets its answer', async () => {
    expect((await gql(token, TENANTS, undefined, { url: gw.url })).errors).toBeUndefined();
    // held 2.5 s by the proxy; the supergraph changes under it
    const inFlight = gql(token, 'query slowTenantPlease { currentTenant { slug name } }', undefined, { url: gw.url });
    await sleep(300);
    deploy(file, without);
    const swapped = await waitFor(async () => codes(await gql(token, TENANTS, undefined, { url: gw.url }))[0] === 'GRAPHQL_VALIDATION_FAILED');
    expect(swapped).toBe(true);
    const r = await inFlight;
    expect(r.errors).toBeUndefined();
    expect(r.data.currentTenant.slug).toBe('lang-son');
    // the rest of the graph is served by the new one
    expect((await gql(token, '{ currentTenant { slug } }', undefined, { url: gw.url })).data.currentTenant.slug).toBe('lang-son');
  });

  it('refuses a bad file and logs it; the previous supergraph keeps serving', async () => {
    deploy(file, `${without}\ntype Broken {`);
    await sleep(1500);
    deploy(file, 'schema { query: Query } type Query { x: Int }\n'); // valid GraphQL, but no subgraphs
    await sleep(1500);
    const r = await gql(token, '{ currentTenant { slug } }', undefined, { url: gw.url });
    expect(r.errors).toBeUndefined();
    expect(r.data.currentTenant.slug).toBe('lang-son');
    expect(codes(await gql(token, TENANTS, undefined, { url: gw.url }))).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    const log = readFileSync(join(platform().logDir, 'gateway-reload.log'), 'utf8');
    const refused = log.split('\n').filter((l) => l.includes('supergraph file refused; the previous one keeps serving'));
    expect(refused.some((l) => /not a valid supergraph: Syntax Error/.test(l))).toBe(true);
    expect(refused.some((l) => /names no subgraph|which the supergraph does not have/.test(l))).toBe(true);
    // and a good one is taken again
    deploy(file, original);
    expect(await waitFor(async () => (await gql(token, TENANTS, undefined, { url: gw.url })).errors === undefined)).toBe(true);
  });
});
