import 'reflect-metadata';
import { defaultDataDir } from '../paths.js';
import { prepareDatabase } from '../platform.js';
import { requireNode22 } from './node-version.js';

requireNode22();
/** `pnpm migrate` (schema only) and `pnpm seed` (schema and demo data), then stop. */
const seed = process.argv.includes('--seed');
const { pg } = await prepareDatabase({
  dataDir: process.env.KN_DATA_DIR ?? defaultDataDir(),
  databaseUrl: process.env.DATABASE_URL || undefined,
  pgPort: Number(process.env.KN_PG_PORT ?? 54329),
  persistent: true,
  seed,
  progress: (m) => console.log(m),
});
await pg?.stop();
