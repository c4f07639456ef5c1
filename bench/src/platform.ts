import { join } from 'node:path';
import pg from 'pg';
import { prepareDatabase } from '@kn/devkit/platform';
import { freePort, type PostgresHandle } from '@kn/devkit/postgres';
import { repoRoot } from '@kn/devkit/paths';
import { SUBGRAPHS } from '@kn/devkit/subgraphs';
import type { DatabaseLayout } from '@kn/devkit/database';
import type { DevSecrets } from '@kn/devkit/secrets';
import { spawnService, type Proc } from './procs.js';

export interface BenchPlatform {
  dataDir: string;
  logDir: string;
  adminDbUrl: string;
  layout: DatabaseLayout;
  secrets: DevSecrets;
  db: pg.Pool;
  postgresVersion: string;
  /** The embedded PostgreSQL (null with BENCH_DATABASE_URL): the scale-out benchmark makes a replica of it. */
  pg: PostgresHandle | null;
  stop(): Promise<void>;
}

/** The benchmark's own PostgreSQL (embedded, persistent in `.data/bench`), migrated; no demo data. */
export async function startDatabase(opts: { dataDir?: string; pgPort?: number; log: (m: string) => void }): Promise<BenchPlatform> {
  const dataDir = opts.dataDir ?? process.env.KN_BENCH_DATA_DIR ?? join(repoRoot(), '.data', 'bench');
  const { pg: handle, adminDbUrl, layout, secrets } = await prepareDatabase({
    dataDir,
    databaseUrl: process.env.BENCH_DATABASE_URL || undefined,
    pgPort: opts.pgPort,
    persistent: true,
    seed: false,
    progress: opts.log,
  });
  const db = new pg.Pool({ connectionString: adminDbUrl, max: 4 });
  const { rows } = await db.query<{ v: string }>(`select current_setting('server_version') as v`);
  return {
    dataDir,
    logDir: join(dataDir, 'logs'),
    adminDbUrl,
    layout,
    secrets,
    db,
    postgresVersion: rows[0]!.v,
    pg: handle,
    async stop() {
      await db.end();
      await handle?.stop();
    },
  };
}

/**
 * Starts every registered subgraph (one process each, SQL counts exposed). Peers may ask each other
 * both ways (programs asks sponsors for a sponsor's programmes, sponsors asks programs whether a
 * programme exists), so — as the development platform does — every port is chosen before any
 * process starts and all start together, each told its peers' URLs.
 */
export async function startSubgraphs(
  p: BenchPlatform,
  opts: {
    logLevel?: string;
    wrap?: (name: string, entry: string) => { entry: string; env: Record<string, string>; readyText?: string };
    /** Extra node flags for every subgraph process (e.g. --cpu-prof). */
    nodeArgs?: string[];
    /** How long a process may take to listen (default 60 s; a loaded machine needs more). */
    timeoutMs?: number;
  } = {},
): Promise<{ procs: Proc[]; urls: Record<string, string> }> {
  const wrapped = new Map(SUBGRAPHS.map((sg) => [sg.name, opts.wrap?.(sg.name, sg.entry)]));
  const ports = new Map<string, number>();
  // a wrapper may fix the port itself (the cluster entry listens on the PORT it is given)
  for (const sg of SUBGRAPHS) ports.set(sg.name, Number(wrapped.get(sg.name)?.env.PORT ?? 0) || (await freePort()));
  const urlOf = (name: string) => `http://127.0.0.1:${ports.get(name)}/graphql`;
  const results = await Promise.allSettled(
    SUBGRAPHS.map((sg) => {
      const w = wrapped.get(sg.name);
      return spawnService({
        name: w ? `${sg.name}-cluster` : sg.name,
        entry: w?.entry ?? sg.entry,
        readyText: w?.readyText,
        logDir: p.logDir,
        nodeArgs: opts.nodeArgs,
        timeoutMs: opts.timeoutMs,
        env: {
          PORT: String(ports.get(sg.name)),
          HOST: '127.0.0.1',
          LOG_LEVEL: opts.logLevel ?? 'info',
          DATABASE_URL: p.layout.urls[sg.name]!.app,
          GATEWAY_PUBLIC_KEY: JSON.stringify(p.secrets.gateway.publicJwk),
          EXPOSE_SQL_COUNTS: 'true',
          SUBGRAPH_URLS: (sg.peers ?? []).map((x) => `${x}=${urlOf(x)}`).join(','),
          ...w?.env,
        },
      });
    }),
  );
  const procs = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) {
    await Promise.all(procs.map((x) => x.stop()));
    throw (failed as PromiseRejectedResult).reason;
  }
  const urls: Record<string, string> = {};
  SUBGRAPHS.forEach((sg, i) => (urls[sg.name] = procs[i]!.url));
  return { procs, urls };
}
