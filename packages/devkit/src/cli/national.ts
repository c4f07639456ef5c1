import 'reflect-metadata';
import { buildAdminDataset, nationalTenants } from '@kn/communes/seed/index';
import { loadAdminDataset } from '@kn/communes/seed/index';
import { withClient } from '../database.js';
import { prepareDatabase } from '../platform.js';
import { requireNode22 } from './node-version.js';
import { devkitEnv } from './env.js';

const env = devkitEnv();

requireNode22();
/**
 * `pnpm seed:national`: every administrative unit of the country — 63 provinces before the reform,
 * 34 after, with their succession — one tenant per new province (slugs like `p20-lang-son`).
 */
const started = Date.now();
const { pg, layout } = await prepareDatabase({
  dataDir: env.KN_DATA_DIR,
  databaseUrl: env.DATABASE_URL,
  pgPort: env.KN_PG_PORT,
  persistent: true,
  seed: false,
  progress: (m) => console.log(m),
});
try {
  const tenants = nationalTenants();
  const data = buildAdminDataset(tenants);
  await withClient(layout.urls.communes!.owner, (c) => loadAdminDataset(c, data));
  const old = new Set(tenants.flatMap((t) => t.oldProvinces)).size;
  console.log(
    `national geography: ${tenants.length} tenants (new provinces), ${old} old provinces, ` +
      `${data.units.length} units, ${data.successions.length} succession links, in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
} finally {
  await pg?.stop();
}
