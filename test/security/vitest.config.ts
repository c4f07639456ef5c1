import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * `pnpm test:security`: the reliability and security suite, on a throwaway platform of its own
 * (support/setup.ts). One file, one worker, phases in order — faults kill processes and restart
 * PostgreSQL, so nothing may run beside them.
 */
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    name: 'security',
    include: ['test/security/**/*.security.ts'],
    globalSetup: ['test/security/support/setup.ts'],
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 30 * 60_000,
    hookTimeout: 10 * 60_000,
    reporters: ['default'],
  },
});
