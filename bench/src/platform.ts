import { join } from 'node:path';
import pg from 'pg';
import { prepareDatabase } from '@kn/devkit/platform';
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
    async stop() {
      await db.end();
      await handle?.stop();
    },
  };
}

/** Starts every registered subgraph (one process each, SQL counts exposed), peers first. */
export async function startSubgraphs(
  p: BenchPlatform,
  opts: {
    logLevel?: string;
    wrap?: (name: string, entry: string) => { entry: string; env: Record<string, string>; readyText?: string };
    /** Extra node flags for every subgraph process (e.g. --cpu-prof). */
    nodeArgs?: string[];
  } = {},
): Promise<{ procs: Proc[]; urls: Record<string, string> }> {
  const urls: Record<string, string> = {};
  const procs: Proc[] = [];
  const pending = [...SUBGRAPHS];
  try {
    while (pending.length) {
      const wave = pending.filter((sg) => (sg.peers ?? []).every((x) => urls[x]));
      if (wave.length === 0) throw new Error('subgraph peers form a cycle');
      const started = await Promise.all(
        wave.map((sg) => {
          const w = opts.wrap?.(sg.name, sg.entry);
          return spawnService({
            name: w ? `${sg.name}-cluster` : sg.name,
            entry: w?.entry ?? sg.entry,
            readyText: w?.readyText,
            logDir: p.logDir,
            nodeArgs: opts.nodeArgs,
            env: {
              PORT: '0',
              HOST: '127.0.0.1',
              LOG_LEVEL: opts.logLevel ?? 'info',
              DATABASE_URL: p.layout.urls[sg.name]!.app,
              GATEWAY_PUBLIC_KEY: JSON.stringify(p.secrets.gateway.publicJwk),
              EXPOSE_SQL_COUNTS: 'true',
              SUBGRAPH_URLS: (sg.peers ?? []).map((x) => `${x}=${urls[x]}`).join(','),
              ...w?.env,
            },
          });
        }),
      );
      started.forEach((proc, i) => {
        procs.push(proc);
        urls[wave[i]!.name] = proc.url;
      });
      for (const sg of wave) pending.splice(pending.indexOf(sg), 1);
    }
  } catch (e) {
    await Promise.all(procs.map((x) => x.stop()));
    throw e;
  }
  return { procs, urls };
}
