import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceProcess } from '@kn/devkit/processes';
import { gql, tokenFor } from '../support/client.js';
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
