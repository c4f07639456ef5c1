import 'reflect-metadata';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import type { JWK } from 'jose';
import { gatewayEnv, prepareDatabase } from '@kn/devkit/platform';
import { findNginx, startNginx } from '@kn/devkit/nginx';
import { repoRoot } from '@kn/devkit/paths';
import { freePort, type PostgresHandle } from '@kn/devkit/postgres';
import { startStreamingReplica, urlOnHost } from '@kn/devkit/replica';
import { signUserToken } from '@kn/devkit/tokens';
import { withClient } from '@kn/devkit/database';
import { NATIONAL_SCALE } from '../data/plan.js';
import { generateDataset } from '../data/generator.js';
import { SHIPPED_BENCH_ENV } from '../engines/index.js';
import { drive, type LoadResult } from '../load.js';
import { machineInfo } from '../machine.js';
import { startDatabase, startSubgraphs, type BenchPlatform } from '../platform.js';
import { spawnService, type Proc } from '../procs.js';
import type { BenchRequest } from '../scenarios/types.js';

/**
 * `pnpm bench:scale` — scale-out on real engines (docs/SCALING.md):
 *  1. read throughput with 0 and 1 streaming replica (the same subgraphs twice, one set reading the
 *     replica), rounds alternated side by side;
 *  2. the shipped gateway direct, behind nginx, and as two processes behind nginx;
 *  3. one of two gateways killed mid-load behind nginx: how many requests failed.
 * Prints figures and writes bench/results/<time>-scale.json. Not a timed test.
 */
const { values: args } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    national: { type: 'boolean', default: false },
    connections: { type: 'string', default: '16' },
    duration: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '2' },
  },
});
const connections = Number(args.connections);
const durationSec = Number(args.duration);
const rounds = Number(args.rounds);
const log = (m: string) => console.log(`[bench:scale] ${m}`);
const gatewayEntry = createRequire(import.meta.url).resolve('@kn/gateway');

interface Row {
  phase: string;
  config: string;
  round?: number;
  rps: number;
  p50: number;
  p95: number;
  errors: number;
  note?: string;
}

const rows: Row[] = [];
const stoppers: (() => Promise<unknown>)[] = [];
const stopAll = async () => {
  while (stoppers.length) await stoppers.pop()!().catch(() => {});
};
process.on('SIGINT', () => void stopAll().then(() => process.exit(130)));

const row = (phase: string, config: string, r: LoadResult, extra: Partial<Row> = {}): Row => {
  const out = { phase, config, rps: Math.round(r.rps), p50: +r.latency.p50.toFixed(2), p95: +r.latency.p95.toFixed(2), errors: r.non2xx + r.graphqlErrors + r.transportErrors, ...extra };
  rows.push(out);
  log(`  ${config.padEnd(52)} ${String(out.rps).padStart(6)} req/s  p50 ${out.p50} ms  p95 ${out.p95} ms  errors ${out.errors}${r.firstError ? ` (${r.firstError.slice(0, 120)})` : ''}`);
  return out;
};

async function platformFor(): Promise<{ bench: BenchPlatform; pg: PostgresHandle; primaryDir: string; cleanup: () => void }> {
  if (args.national) {
    const bench = await startDatabase({ log });
    await generateDataset({ seed: 'kn-bench-1', scale: NATIONAL_SCALE, layout: bench.layout, log });
    if (!bench.pg) throw new Error('--national needs the embedded PostgreSQL (no BENCH_DATABASE_URL)');
    return { bench, pg: bench.pg, primaryDir: join(bench.dataDir, 'pg'), cleanup: () => {} };
  }
  // the demo data (the five seeded documents): small, but the same code paths
  const dataDir = mkdtempSync(join(tmpdir(), 'kn-bench-scale-'));
  const { pg, adminDbUrl, layout, secrets } = await prepareDatabase({ dataDir, persistent: false, seed: true, progress: log });
  const pgPool = new (await import('pg')).default.Pool({ connectionString: adminDbUrl, max: 2 });
  const bench: BenchPlatform = {
    dataDir,
    logDir: join(dataDir, 'logs'),
    adminDbUrl,
    layout,
    secrets,
    db: pgPool,
    postgresVersion: '',
    pg,
    async stop() {
      await pgPool.end();
      await pg?.stop();
    },
  };
  return { bench, pg: pg!, primaryDir: join(dataDir, 'pg'), cleanup: () => rmSync(dataDir, { recursive: true, force: true }) };
}

async function readRequests(bench: BenchPlatform): Promise<BenchRequest[]> {
  const tenants = await withClient(bench.adminDbUrl, async (c) => (await c.query<{ slug: string }>('select tenant_id as slug from communes.tenant order by 1')).rows.map((r) => r.slug));
  const requests: BenchRequest[] = [];
  for (const tenant of tenants.slice(0, 8)) {
    const token = await signUserToken(bench.secrets.issuer.privateJwk as JWK, { sub: `bench:scale:${tenant}`, tenant, roles: ['analyst'] });
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    requests.push(
      { headers, body: JSON.stringify({ query: '{ communes(first: 50) { totalCount nodes { code name district { name } } } }' }) },
      { headers, body: JSON.stringify({ query: '{ sponsors(first: 20) { totalCount nodes { id code name kind } } }' }) },
    );
  }
  return requests;
}

async function startGateway(name: string, bench: BenchPlatform, urls: Record<string, string>): Promise<Proc> {
  const port = await freePort();
  const proc = await spawnService({
    name,
    timeoutMs: 180_000,
    entry: gatewayEntry,
    logDir: bench.logDir,
    port,
    env: { ...gatewayEnv(bench.secrets.issuer.publicJwk, bench.secrets.gateway.privateJwk, urls), ...SHIPPED_BENCH_ENV, PORT: String(port) },
  });
  stoppers.push(() => proc.stop());
  return proc;
}

async function replicaReads(urls: Record<string, string>): Promise<number> {
  let n = 0;
  for (const url of Object.values(urls)) {
    const s = (await (await fetch(url.replace(/\/graphql$/, '/debug/replicas'))).json()) as { replicas: { reads: number }[] };
    n += s.replicas.reduce((a, r) => a + r.reads, 0);
  }
  return n;
}

async function main() {
  const started = Date.now();
  const { bench, pg, primaryDir, cleanup } = await platformFor();
  stoppers.push(async () => {
    await bench.stop();
    cleanup();
  });
  const requests = await readRequests(bench);
  log(`${requests.length} read requests over ${requests.length / 2} tenants; ${connections} clients, ${durationSec} s per run`);

  // --- 1. read replicas
  const replica = await startStreamingReplica({ primary: pg, primaryDir, dir: join(bench.dataDir, 'pg-replica-bench'), password: bench.secrets.pgAdminPassword, slot: 'kn_bench_replica' });
  stoppers.push(() => replica.stop());
  const startMs = 180_000; // a shared, loaded machine starts processes slowly
  const primaryOnly = await startSubgraphs(bench, { logLevel: 'info', timeoutMs: startMs });
  stoppers.push(() => Promise.all(primaryOnly.procs.map((p) => p.stop())));
  const withReplica = await startSubgraphs(bench, {
    logLevel: 'info',
    timeoutMs: startMs,
    wrap: (name, entry) => ({ entry, env: { DATABASE_URL_READ: urlOnHost(bench.layout.urls[name]!.app, '127.0.0.1', replica.port) } }),
  });
  stoppers.push(() => Promise.all(withReplica.procs.map((p) => p.stop())));
  const gwPrimary = await startGateway('gw-primary-only', bench, primaryOnly.urls);
  const gwReplica = await startGateway('gw-with-replica', bench, withReplica.urls);
  log('read replicas: the same reads, primary only vs. one streaming replica (alternating rounds)');
  for (const url of [gwPrimary.url, gwReplica.url]) await drive({ url, requests, connections, durationSec: 2 }); // warm-up
  const before = await replicaReads(withReplica.urls);
  for (let round = 1; round <= rounds; round++) {
    row('replicas', '0 replicas (primary only)', await drive({ url: gwPrimary.url, requests, connections, durationSec }), { round });
    row('replicas', '1 streaming replica (reads there)', await drive({ url: gwReplica.url, requests, connections, durationSec }), { round });
  }
  const onReplica = (await replicaReads(withReplica.urls)) - before;
  log(`  read transactions served by the replica during the measured runs: ${onReplica}`);
  await Promise.all([gwPrimary.stop(), gwReplica.stop(), ...withReplica.procs.map((p) => p.stop())]);

  // --- 2. nginx in front of gateway processes
  const nginx = findNginx();
  if (!nginx) {
    log('nginx is not installed: load-balancer phase skipped (apt-get install nginx-light)');
  } else {
    const lbDir = join(bench.dataDir, 'nginx');
    mkdirSync(lbDir, { recursive: true });
    const gwA = await startGateway('gw-lb-a', bench, primaryOnly.urls);
    const gwB = await startGateway('gw-lb-b', bench, primaryOnly.urls);
    const lb1 = await startNginx({ upstreams: [gwA.url], dir: join(lbDir, 'one') });
    stoppers.push(() => lb1.stop());
    const lb2 = await startNginx({ upstreams: [gwA.url, gwB.url], dir: join(lbDir, 'two') });
    stoppers.push(() => lb2.stop());
    log('load balancer: the shipped gateway direct, behind nginx, two processes behind nginx');
    for (const url of [gwA.url, `${lb1.url}/graphql`, `${lb2.url}/graphql`]) await drive({ url, requests, connections, durationSec: 2 });
    for (let round = 1; round <= rounds; round++) {
      row('balancer', '1 gateway process, direct', await drive({ url: gwA.url, requests, connections, durationSec }), { round });
      row('balancer', 'nginx → 1 gateway process', await drive({ url: `${lb1.url}/graphql`, requests, connections, durationSec }), { round });
      row('balancer', 'nginx → 2 gateway processes', await drive({ url: `${lb2.url}/graphql`, requests, connections, durationSec }), { round });
    }
    // --- 3. one of the two killed mid-load
    log(`a gateway killed mid-load behind nginx (${connections} clients)`);
    const killAfterMs = (durationSec * 1000) / 2;
    const killer = setTimeout(() => gwB.child.kill('SIGKILL'), killAfterMs);
    const r = await drive({ url: `${lb2.url}/graphql`, requests, connections, durationSec });
    clearTimeout(killer);
    row('balancer', 'nginx → 2 gateways, one killed mid-run', r, {
      note: `${r.non2xx + r.graphqlErrors + r.transportErrors} failed of ${r.requests} (at most ${connections} were in flight)`,
    });
  }

  const results = { startedAt: new Date(started).toISOString(), finishedAt: new Date().toISOString(), command: `pnpm bench:scale${args.national ? ' --national' : ''}`, dataset: args.national ? 'national' : 'demo (five seeded documents)', machine: machineInfo(), config: { connections, durationSec, rounds }, rows };
  const dir = join(repoRoot(), 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${results.startedAt.replace(/[:]/g, '-').replace(/\.\d+Z$/, 'Z')}-scale.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  log(`results: ${relative(repoRoot(), file)} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
}

main()
  .catch((e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    process.exitCode = 1;
  })
  .finally(() => stopAll());
