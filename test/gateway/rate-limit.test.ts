import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceProcess } from '@kn/devkit/processes';
import { codes, gql, tokenFor } from '../support/client.js';
import { startExtraGateway } from '../support/gateway.js';

describe('rate limits', () => {
  let gw: ServiceProcess;
  beforeAll(async () => {
    // a window of 6 s: on a loaded machine five requests could take longer than a 2 s window, which then
    // reset before the sixth (seen in full runs beside other engineers' builds)
    gw = await startExtraGateway('gateway-ratelimit', { RATE_LIMIT_PER_TOKEN: '5', RATE_LIMIT_WINDOW_SECONDS: '6' });
  });
  afterAll(() => gw.stop());

  it('trips per token subject with RATE_LIMITED and Retry-After, and recovers after the window', async () => {
    const alice = await tokenFor('lang-son', 'analyst', { sub: 'alice' });
    const bob = await tokenFor('lang-son', 'analyst', { sub: 'bob' });
    const q = '{ currentTenant { slug } }';
    // warm the fresh gateway up as someone else: its first request loads the supergraph and planner,
    // which on a loaded machine takes seconds and would otherwise eat alice's window
    await gql(await tokenFor('lang-son', 'analyst', { sub: 'warm-up' }), q, undefined, { url: gw.url });
    for (let i = 0; i < 5; i++) expect((await gql(alice, q, undefined, { url: gw.url })).errors).toBeUndefined();
    const over = await gql(alice, q, undefined, { url: gw.url });
    expect(over.status).toBe(429);
    expect(codes(over)).toEqual(['RATE_LIMITED']);
    // another subject is not affected
    expect((await gql(bob, q, undefined, { url: gw.url })).errors).toBeUndefined();
    await new Promise((r) => setTimeout(r, 6100));
    expect((await gql(alice, q, undefined, { url: gw.url })).errors).toBeUndefined();
  });
});
