import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { packagedNativeDir, reachableBy } from './postgres-as-root.js';
import { startEmbeddedPostgres } from './postgres.js';

/**
 * A clone in a private folder (root's home is 0700, so is `mktemp -d`): the embedded PostgreSQL
 * must start there. As root it runs as `postgres`, from binaries and a data directory that user can
 * reach; as anyone else it runs as the invoking user.
 */
const home = mkdtempSync(join(tmpdir(), 'kn-private-home-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

const uidOf = (pid: number) => Number(/^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);

describe('the embedded PostgreSQL from a clone in a 0700 folder', () => {
  it('starts, answers and stops, as postgres under root or as the invoking user', async () => {
    expect(statSync(home).mode & 0o777).toBe(0o700);
    const clone = join(home, 'clone');
    mkdirSync(clone, { recursive: true });
    // the binaries as `pnpm install` would put them inside the clone
    const native = join(clone, 'node_modules', 'native');
    cpSync(packagedNativeDir(), native, { recursive: true, verbatimSymlinks: true });
    const root = userInfo().uid === 0;
    if (root) expect(reachableBy(join(native, 'bin'), { uid: 101_000, gid: 101_000 })).toBe(false);
    const logs: string[] = [];
    const server = await startEmbeddedPostgres({
      dir: join(clone, '.data', 'pg'),
      password: 'secret-of-the-test',
      persistent: false,
      nativeDir: native,
      onLog: (l) => logs.push(l),
    });
    try {
      const c = new pg.Client({ connectionString: server.adminUrl() });
      await c.connect();
      const { rows } = await c.query('select current_user as u, 1 + 1 as two');
      await c.end();
      expect(rows[0]).toEqual({ u: 'postgres', two: 2 });
      const pid = server.pid()!;
      expect(pid).toBeGreaterThan(0);
      if (root) {
        // the server is not root, and its files are not in the clone it cannot reach
        const postgresUid = Number(readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('postgres:'))!.split(':')[2]);
        expect(uidOf(pid)).toBe(postgresUid);
        expect(logs.join('')).toContain('the cluster lives in');
        expect(existsSync(join(clone, '.data', 'pg', 'PG_VERSION'))).toBe(false);
      } else {
        console.log('not root: the server runs as the invoking user (the root case runs in CI, which runs as root)');
        expect(uidOf(pid)).toBe(userInfo().uid);
      }
    } finally {
      await server.stop();
    }
    expect(server.pid()).toBeNull();
  }, 120_000);
});
