import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '@kn/devkit/platform';

/**
 * Found by the security suite (faults: "control /kill: no service named communes"): since the
 * launcher allocates every port before starting the subgraphs (d8d5819), it started them without
 * remembering how, so `killService` and `restartService` — what the fault scenarios use to crash a
 * subgraph and bring it back — knew only the gateway. Every process of the platform can be killed
 * and started again, on the same address.
 */
describe('the platform launcher', () => {
  let platform: Platform;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(process.env.KN_TEST_TMP ?? tmpdir(), 'kn-launcher-'));
    platform = await startPlatform({ dataDir, persistent: false, gatewayPort: 0, subgraphPorts: 'random', seed: false, exposeSqlCounts: false });
  }, 180_000);
  afterAll(async () => {
    await platform?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('kills and restarts every subgraph and the gateway, each on its address', async () => {
    const names = [...Object.keys(platform.subgraphUrls), 'gateway'];
    expect(names.length).toBeGreaterThan(1);
    for (const name of names) {
      const before = platform.services.find((s) => s.name === name)!;
      await platform.killService(name);
      expect(before.child.signalCode ?? before.child.exitCode).not.toBeNull();
      const again = await platform.restartService(name);
      expect(again.url).toBe(before.url);
      expect(again.child.pid).not.toBe(before.child.pid);
      const health = await fetch(again.url.replace(/\/graphql$/, '/healthcheck'));
      expect(health.status).toBe(200);
    }
  }, 180_000);
});
