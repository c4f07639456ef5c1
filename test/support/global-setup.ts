import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startPlatform, type Platform } from '@kn/devkit/platform';
import { TEST_WORKER_ENV } from './worker-env.js';

export interface PlatformInfo {
  gatewayUrl: string;
  subgraphUrls: Record<string, string>;
  adminDbUrl: string;
  dbUrls: Record<string, { app: string; owner: string }>;
  issuerPrivateJwk: Record<string, unknown>;
  issuerPublicJwk: Record<string, unknown>;
  gatewayPrivateJwk: Record<string, unknown>;
  logDir: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    platform: PlatformInfo;
  }
}

/**
 * `pnpm test` needs no running server: a throwaway PostgreSQL (embedded, random port, deleted at
 * the end), migrations and demo data, every subgraph and the gateway as real processes.
 */
export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(join(process.env.KN_TEST_TMP ?? tmpdir(), 'kn-test-'));
  let platform: Platform;
  // sponsors caches each province's geography (asked of communes) for a minute; tests that compare
  // the SQL statements of two requests must not see it expire between them
  process.env.GEOGRAPHY_TTL_SECONDS ??= '3600';
  // the notifications subgraph registers webhooks of the tests' receivers on 127.0.0.1 (tests and dev only)
  process.env.WEBHOOK_ALLOW_PRIVATE ??= 'true';
  try {
    platform = await startPlatform({
      dataDir,
      databaseUrl: process.env.TEST_DATABASE_URL || undefined,
      persistent: false,
      gatewayPort: 0,
      subgraphPorts: 'random',
      seed: true,
      exposeSqlCounts: true,
      logLevel: 'info',
      // the outbox worker with short delays, so retries and reminders happen within a test (docs/NOTIFICATIONS.md)
      workerEnv: TEST_WORKER_ENV,
    });
  } catch (e) {
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
  project.provide('platform', {
    gatewayUrl: platform.gatewayUrl,
    subgraphUrls: platform.subgraphUrls,
    adminDbUrl: platform.adminDbUrl,
    dbUrls: platform.layout.urls,
    issuerPrivateJwk: platform.secrets.issuer.privateJwk as Record<string, unknown>,
    issuerPublicJwk: platform.secrets.issuer.publicJwk as Record<string, unknown>,
    gatewayPrivateJwk: platform.secrets.gateway.privateJwk as Record<string, unknown>,
    logDir: join(dataDir, 'logs'),
  });
  return async () => {
    await platform.stop();
    if (!process.env.KN_KEEP_TEST_DATA) rmSync(dataDir, { recursive: true, force: true });
  };
}
