import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startPlatform, type Platform } from '@kn/devkit/platform';
import type { PlatformInfo } from '../../support/global-setup.js';
import { SUITE_UPSTREAM_TIMEOUT_MS } from './settings.js';

/** What the security suite's tests get besides the usual platform facts. */
export interface SecurityInfo {
  /** The control server of this process: kills and restarts services and PostgreSQL. */
  controlUrl: string;
  /** Where each phase writes its figures (read by run.mjs to print the summary). */
  resultsDir: string;
  dataDir: string;
  poolMax: number;
}

declare module 'vitest' {
  export interface ProvidedContext {
    security: SecurityInfo;
  }
}

export interface ServiceState {
  name: string;
  pid: number | null;
  url: string;
  running: boolean;
  /** Exits nobody asked for (crashes): a fault scenario fails if a service dies by itself. */
  unexpectedExits: { code: number | null; at: string }[];
}

/**
 * A throwaway platform of its own (fault scenarios kill processes and restart PostgreSQL, which
 * must never disturb `pnpm test`), plus a tiny HTTP control server through which the tests — in
 * another process — kill and restart services and PostgreSQL. The process handles stay here.
 */
/** Requests per minute per token subject and per API key on the suite's platform (production: 1200 / 300). */
export const SUITE_RATE_LIMIT = 1_000_000;

export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(join(process.env.KN_TEST_TMP ?? tmpdir(), 'kn-security-'));
  const resultsDir = process.env.KN_SECURITY_RESULTS ?? join(dataDir, 'results');
  mkdirSync(resultsDir, { recursive: true });
  const unexpected = new Map<string, { code: number | null; at: string }[]>();
  const intentional = new Set<string>();
  // the processes can be asked for their memory after a full garbage collection (/debug/memory?gc)
  if (!/--expose-gc/.test(process.env.NODE_OPTIONS ?? '')) process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --expose-gc`.trim();
  // the audit fixtures register webhooks at 127.0.0.1:9 (nobody listens: attempts fail, harming nothing);
  // non-public webhook targets are refused by default (SSRF), so the suite allows them as the tests do
  process.env.WEBHOOK_ALLOW_PRIVATE ??= 'true';
  let platform: Platform;
  try {
    platform = await startPlatform({
      dataDir,
      persistent: false,
      gatewayPort: 0,
      subgraphPorts: 'random',
      seed: true,
      exposeSqlCounts: true,
      // attacked as a deployment runs: no development token endpoint (/dev/token is 404)
      devTokens: false,
      // The suite sends thousands of requests a minute from a handful of subjects; a RATE_LIMITED
      // answer would hide what a phase checks (an attack's answer, a fault's recovery, the soak's
      // errors). Rate limiting is tested by test/gateway/rate-limit.test.ts and api-keys.test.ts.
      gatewayEnv: {
        RATE_LIMIT_PER_TOKEN: String(SUITE_RATE_LIMIT),
        RATE_LIMIT_PER_API_KEY: String(SUITE_RATE_LIMIT),
        UPSTREAM_TIMEOUT_MS: String(SUITE_UPSTREAM_TIMEOUT_MS),
      },
      // every phase runs with a streaming read replica (queries read there, RLS and all): the
      // isolation attacks, bad input and the soak go through it; a fault scenario stops it
      readReplica: process.env.KN_SECURITY_READ_REPLICA === 'false' ? undefined : {},
      logLevel: process.env.KN_SECURITY_LOG_LEVEL ?? 'info', // 'info' at least: the launcher waits for the "listening" line
      onServiceExit: (name, code) => {
        if (intentional.delete(name)) return;
        const list = unexpected.get(name) ?? [];
        list.push({ code, at: new Date().toISOString() });
        unexpected.set(name, list);
      },
    });
  } catch (e) {
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }

  const state = (): ServiceState[] =>
    platform.services.map((s) => ({
      name: s.name,
      pid: s.child.pid ?? null,
      url: s.url,
      running: s.child.exitCode === null && s.child.signalCode === null,
      unexpectedExits: unexpected.get(s.name) ?? [],
    }));

  const routes: Record<string, (body: Record<string, unknown>) => Promise<unknown>> = {
    'GET /services': async () => state(),
    'GET /postgres': async () => ({ pid: platform.postgres?.pid() ?? null }),
    'POST /kill': async (b) => {
      const name = String(b.name);
      intentional.add(name);
      await platform.killService(name, (b.signal as NodeJS.Signals | undefined) ?? 'SIGKILL');
      return state();
    },
    // SIGSTOP / SIGCONT: the process stays, its sockets accept and nothing answers (a hung service)
    'POST /freeze': async (b) => {
      const child = platform.services.find((s) => s.name === String(b.name))?.child;
      if (!child?.pid) throw new Error(`no running service named "${String(b.name)}"`);
      process.kill(child.pid, b.thaw ? 'SIGCONT' : 'SIGSTOP');
      return state();
    },
    'POST /restart': async (b) => {
      const name = String(b.name);
      const t0 = performance.now();
      intentional.add(name); // restart stops it first if it still runs
      const s = await platform.restartService(name);
      intentional.delete(name);
      return { url: s.url, pid: s.child.pid, startMs: Math.round(performance.now() - t0) };
    },
    'POST /postgres/halt': async (b) => {
      if (!platform.postgres) throw new Error('PostgreSQL is not embedded (TEST_DATABASE_URL): cannot halt it');
      await platform.postgres.halt(b.mode === 'immediate' ? 'immediate' : 'fast');
      return { halted: true };
    },
    'GET /replica': async () => ({ exists: platform.replica !== null, pid: platform.replica?.pid() ?? null }),
    'POST /replica/halt': async (b) => {
      if (!platform.replica) throw new Error('no read replica on this platform');
      await platform.replica.halt(b.mode === 'immediate' ? 'immediate' : 'fast');
      return { halted: true };
    },
    'POST /replica/resume': async () => {
      await platform.replica?.resume();
      return { pid: platform.replica?.pid() ?? null };
    },
    'POST /postgres/resume': async () => {
      const t0 = performance.now();
      await platform.postgres?.resume();
      return { pid: platform.postgres?.pid() ?? null, startMs: Math.round(performance.now() - t0) };
    },
  };

  const control: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const route = routes[`${req.method} ${req.url}`];
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (!route) return reply(404, { error: 'no such route' });
      let body: Record<string, unknown> = {};
      try {
        body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : {};
      } catch {
        return reply(400, { error: 'bad json' });
      }
      route(body).then(
        (out) => reply(200, out),
        (e: unknown) => reply(500, { error: e instanceof Error ? e.message : String(e) }),
      );
    });
  });
  await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', () => resolve()));
  const controlUrl = `http://127.0.0.1:${(control.address() as { port: number }).port}`;

  const info: PlatformInfo = {
    gatewayUrl: platform.gatewayUrl,
    subgraphUrls: platform.subgraphUrls,
    adminDbUrl: platform.adminDbUrl,
    dbUrls: platform.layout.urls,
    issuerPrivateJwk: platform.secrets.issuer.privateJwk as Record<string, unknown>,
    issuerPublicJwk: platform.secrets.issuer.publicJwk as Record<string, unknown>,
    gatewayPrivateJwk: platform.secrets.gateway.privateJwk as Record<string, unknown>,
    logDir: join(dataDir, 'logs'),
  };
  project.provide('platform', info);
  project.provide('security', { controlUrl, resultsDir, dataDir, poolMax: 10 });
  writeFileSync(join(resultsDir, 'platform.json'), JSON.stringify({ dataDir, logDir: info.logDir }, null, 2));

  return async () => {
    await new Promise<void>((resolve) => control.close(() => resolve()));
    await platform.stop();
    if (!process.env.KN_KEEP_TEST_DATA) rmSync(dataDir, { recursive: true, force: true });
  };
}
