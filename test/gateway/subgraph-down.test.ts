import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceProcess } from '@kn/devkit/processes';
import { gql, platform, tokenFor } from '../support/client.js';
import { startExtraGateway } from '../support/gateway.js';

/**
 * Found by the security suite (fault: a subgraph killed under load): the gateway answered the part
 * of a subgraph it could not reach with HTTP 500 and a masked "Unexpected error." — no usable code.
 * It is SERVICE_UNAVAILABLE with the subgraph's name (and not its address).
 */
describe('a subgraph that cannot be reached', () => {
  let gateway: ServiceProcess;
  beforeAll(async () => {
    // a gateway whose communes subgraph is nowhere: every connection is refused
    gateway = await startExtraGateway('gateway-dead-subgraph', { SUBGRAPH_URLS: 'communes=http://127.0.0.1:9/graphql' });
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  it('is SERVICE_UNAVAILABLE for its fields, never a 500', async () => {
    const r = await gql(await tokenFor('lang-son', 'analyst'), `{ currentTenant { slug } tenants { slug } }`, undefined, { url: gateway.url });
    expect(r.status).toBeLessThan(500);
    expect(r.errors?.length).toBeGreaterThan(0);
    for (const e of r.errors!) {
      expect(e.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', service: 'communes' });
      expect(e.message).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);
    }
  });
});

/**
 * Found by the security suite (fault: a subgraph frozen with SIGSTOP): a subgraph that accepts
 * connections and never answers held the request open for ever. The gateway waits
 * UPSTREAM_TIMEOUT_MS, then answers that part SERVICE_UNAVAILABLE with reason TIMEOUT.
 */
describe('a subgraph that never answers', () => {
  let gateway: ServiceProcess;
  let blackHole: Server;
  const sockets = new Set<Socket>();
  beforeAll(async () => {
    blackHole = createServer((s) => {
      sockets.add(s); // read nothing, answer nothing
    });
    await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
    const { port } = blackHole.address() as AddressInfo;
    // the other subgraphs are the platform's own
    const urls = { ...platform().subgraphUrls, communes: `http://127.0.0.1:${port}/graphql` };
    const SUBGRAPH_URLS = Object.entries(urls).map(([name, url]) => `${name}=${url}`).join(',');
    gateway = await startExtraGateway('gateway-hung-subgraph', { SUBGRAPH_URLS, UPSTREAM_TIMEOUT_MS: '700' });
  });
  afterAll(async () => {
    await gateway?.stop();
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => blackHole?.close(resolve));
  });

  it('costs the upstream timeout, then SERVICE_UNAVAILABLE (TIMEOUT) for its part; the other subgraphs answer', async () => {
    const token = await tokenFor('lang-son', 'analyst');
    const query = `{ currentTenant { slug } programs(first: 1) { totalCount } }`;
    // a first request warms the fresh gateway up (supergraph, planner: seconds on a loaded machine), so
    // that the timed one measures the upstream timeout, not the start-up
    await gql(token, query, undefined, { url: gateway.url });
    const t0 = performance.now();
    const r = await gql(token, query, undefined, { url: gateway.url });
    const ms = performance.now() - t0;
    expect(ms).toBeGreaterThanOrEqual(650);
    expect(ms).toBeLessThan(5_000);
    expect(r.status).toBeLessThan(500);
    expect(r.data?.programs?.totalCount).toBeGreaterThan(0);
    expect(r.errors?.length).toBeGreaterThan(0);
    for (const e of r.errors!) {
      expect(e.path).toEqual(['currentTenant']);
      expect(e.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', reason: 'TIMEOUT' });
      expect(e.message).not.toMatch(/127\.0\.0\.1/);
    }
  });
});
