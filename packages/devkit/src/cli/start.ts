import 'reflect-metadata';
import { startPlatform } from '../platform.js';
import { signUserToken } from '../tokens.js';
import { requireNode22 } from './node-version.js';
import { devkitEnv } from './env.js';

requireNode22();
const env = devkitEnv();
const dataDir = env.KN_DATA_DIR;
const log = (m: string) => console.log(`  · ${m}`);
console.log('Starting the kết nghĩa platform…');
const started = Date.now();
const platform = await startPlatform({
  dataDir,
  databaseUrl: env.DATABASE_URL,
  pgPort: env.KN_PG_PORT,
  persistent: true,
  gatewayPort: env.GATEWAY_PORT,
  subgraphPorts: 'default',
  seed: env.KN_SEED,
  readReplica: env.DATABASE_URL_READ.length
    ? { urls: env.DATABASE_URL_READ }
    : env.KN_READ_REPLICA
      ? {}
      : undefined,
  exposeSqlCounts: env.EXPOSE_SQL_COUNTS,
  logLevel: env.LOG_LEVEL,
  progress: log,
  onServiceExit: (name, code) => {
    console.error(`\n${name} stopped unexpectedly (exit ${code}); see ${dataDir}/logs/${name}.log. Shutting down.`);
    void platform.stop().then(() => process.exit(1));
  },
}).catch((e: unknown) => {
  console.error(`\nCould not start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});

const ready = Date.now();
// the first answer, as a client would get it: a token, the gateway, a subgraph, the database
let firstAnswer = '';
try {
  const token = await signUserToken(platform.secrets.issuer.privateJwk, { sub: 'start:first-answer', tenant: 'lang-son', roles: ['analyst'] });
  const res = await fetch(platform.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ currentTenant { slug } }' }),
  });
  const body = (await res.json()) as { data?: { currentTenant?: { slug?: string } } };
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  firstAnswer = body.data?.currentTenant?.slug
    ? `First answer ${s(Date.now() - performance.timeOrigin)} after this process started (${s(Date.now() - ready)} after ready; \`pnpm start\` compiles with tsc -b before it).`
    : `The first request did not answer as expected: ${JSON.stringify(body).slice(0, 300)}`;
} catch (e) {
  firstAnswer = `The first request failed: ${e instanceof Error ? e.message : String(e)}`;
}

console.log(`
Ready in ${((ready - started) / 1000).toFixed(1)} s. ${firstAnswer}

  Gateway   ${platform.gatewayUrl}   (open it in a browser for the GraphQL IDE)
  Web page  ${platform.gatewayUrl.replace(/\/graphql$/, '/app/')}   (the province dashboard; demo sign-in in development)
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
