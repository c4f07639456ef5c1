import 'reflect-metadata';
import { defaultDataDir } from '../paths.js';
import { startPlatform } from '../platform.js';
import { requireNode22 } from './node-version.js';

requireNode22();
const dataDir = process.env.KN_DATA_DIR ?? defaultDataDir();
const log = (m: string) => console.log(`  · ${m}`);
console.log('Starting the kết nghĩa platform…');
const started = Date.now();
const platform = await startPlatform({
  dataDir,
  databaseUrl: process.env.DATABASE_URL || undefined,
  pgPort: Number(process.env.KN_PG_PORT ?? 54329),
  persistent: true,
  gatewayPort: Number(process.env.GATEWAY_PORT ?? 4000),
  subgraphPorts: 'default',
  seed: process.env.KN_SEED !== 'false',
  exposeSqlCounts: process.env.EXPOSE_SQL_COUNTS === 'true',
  logLevel: process.env.LOG_LEVEL ?? 'info',
  progress: log,
  onServiceExit: (name, code) => {
    console.error(`\n${name} stopped unexpectedly (exit ${code}); see ${dataDir}/logs/${name}.log. Shutting down.`);
    void platform.stop().then(() => process.exit(1));
  },
}).catch((e: unknown) => {
  console.error(`\nCould not start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});

console.log(`
Ready in ${((Date.now() - started) / 1000).toFixed(1)} s.

  Gateway   ${platform.gatewayUrl}   (open it in a browser for the GraphQL IDE)
  Token     TOKEN=$(pnpm -s run token --tenant lang-son --role analyst)
            roles: admin officer analyst sponsor national; tenants: lang-son quang-nam
  Try       curl -s ${platform.gatewayUrl} -H "authorization: Bearer $TOKEN" \\
              -H 'content-type: application/json' \\
              -d '{"query":"{ communes(filter:{classification:BORDER, asOf:\\"2019-06-01\\"}) { totalCount nodes { code name } } }"}'
  Logs      ${dataDir}/logs/
  Stop      Ctrl+C (the data stays in ${dataDir} for the next start)
`);

let stopping = false;
const shutdown = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping…`);
  platform.stop().then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
