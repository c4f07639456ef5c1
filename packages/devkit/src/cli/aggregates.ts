import 'reflect-metadata';
import pg from 'pg';
import { AGGREGATE_SOURCES, AGGREGATE_TABLES, aggregateDifferenceSql, rebuildAggregateSql } from '@kn/sponsors/contributions/aggregates';
import { prepareDatabase } from '../platform.js';
import { requireNode22 } from './node-version.js';
import { devkitEnv } from './env.js';

const env = devkitEnv();

requireNode22();
/**
 * `pnpm run aggregates verify [--tenant slug]`: compares the sponsors subgraph's maintained
 * contribution aggregates with the raw rows of a live database, table by table and tenant by
 * tenant; prints every difference and exits 1 if there is one.
 * `pnpm run aggregates rebuild [--tenant slug]`: recomputes them from the raw rows (in one transaction).
 * The database is the platform's (embedded in KN_DATA_DIR, or DATABASE_URL as an administrator).
 */
const [command = 'verify', ...rest] = process.argv.slice(2);
const tenantArg = rest.indexOf('--tenant');
const tenant = tenantArg >= 0 ? rest[tenantArg + 1] : undefined;
if (!['verify', 'rebuild'].includes(command)) {
  console.error('usage: pnpm run aggregates verify|rebuild [--tenant <slug>]');
  process.exit(2);
}
const { pg: embedded, adminDbUrl } = await prepareDatabase({
  dataDir: env.KN_DATA_DIR,
  databaseUrl: env.DATABASE_URL,
  pgPort: env.KN_PG_PORT,
  persistent: true,
  seed: false,
  progress: () => {},
});
const client = new pg.Client({ connectionString: adminDbUrl });
await client.connect();
let failed = false;
try {
  const predicate = tenant ? 'r.tenant_id = $1' : 'true';
  const params = tenant ? [tenant] : [];
  const sources = AGGREGATE_SOURCES;
  if (command === 'rebuild') {
    await client.query('begin');
    // the administrator sees every tenant's rows; the triggers are not involved in a rebuild
    for (const source of sources) for (const sql of rebuildAggregateSql(source, predicate)) await client.query(sql, params);
    await client.query('commit');
    console.log(`rebuilt ${sources.map((s) => AGGREGATE_TABLES[s]).join(', ')}${tenant ? ` for ${tenant}` : ''}`);
  }
  for (const source of sources) {
    const t0 = performance.now();
    const { rows } = await client.query(aggregateDifferenceSql(source, predicate), params);
    const { rows: size } = await client.query(`select count(*)::int as n from ${AGGREGATE_TABLES[source]} r where ${predicate}`, params);
    const ms = Math.round(performance.now() - t0);
    if (rows.length === 0) {
      console.log(`${AGGREGATE_TABLES[source]}: equal to the raw rows (${size[0].n} rows, checked in ${ms} ms)`);
    } else {
      failed = true;
      console.log(`${AGGREGATE_TABLES[source]}: ${rows.length} rows differ from the raw rows:`);
      for (const r of rows.slice(0, 50)) console.log(`  ${JSON.stringify(r)}`);
      if (rows.length > 50) console.log(`  … and ${rows.length - 50} more (pnpm run aggregates rebuild recomputes them)`);
    }
  }
} finally {
  await client.end();
  await embedded?.stop();
}
process.exit(failed ? 1 : 0);
