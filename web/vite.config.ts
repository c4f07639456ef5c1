import { defineConfig } from 'vite';

// Served by the gateway under /app/; in `pnpm --dir web dev` the API is the running platform's.
export default defineConfig({
  base: '/app/',
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1200, reportCompressedSize: false },
  server: { proxy: { '/graphql': 'http://localhost:4000', '/dev': 'http://localhost:4000', '/ide-assets': 'http://localhost:4000' } },
});
