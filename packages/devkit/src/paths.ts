import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the nearest folder above this package holding pnpm-workspace.yaml. */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 10; i++) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    dir = dirname(dir);
  }
  throw new Error('cannot find the repository root (pnpm-workspace.yaml)');
}

/** Local state of `pnpm start` (git-ignored): database files, generated keys and passwords, logs. */
export const defaultDataDir = () => join(repoRoot(), '.data');
