import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'services/*/src/**/*.test.ts', 'gateway/src/**/*.test.ts', 'bench/src/**/*.test.ts'],
          // some unit tests parse the national unit lists (CPU-bound, ~1 s alone); they run beside the
          // e2e platform's processes, so on a small shared machine the 5 s default is too tight
          testTimeout: 20_000,
          // graphql-inspector through vite too, so that it and the test share one graphql module
          server: { deps: { inline: ['@graphql-inspector/core'] } },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/**/*.test.ts'],
          // one platform (PostgreSQL, subgraphs, gateway) for the whole run, started from the built code
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
