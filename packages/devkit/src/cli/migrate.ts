import 'reflect-metadata';
import { prepareDatabase } from '../platform.js';
import { requireNode22 } from './node-version.js';
import { devkitEnv } from './env.js';

const env = devkitEnv();

requireNode22();
/** `pnpm migrate` (schema only) and `pnpm seed` (schema and demo data), then stop. */
const seed = process.argv.includes('--seed');
const { pg } = await prepareDatabase({
  dataDir: env.KN_DATA_DIR,
  databaseUrl: env.DATABASE_URL,
  pgPort: env.KN_PG_PORT,
  persistent: true,
  seed,
  progress: (m) => console.log(m),
});
await pg?.stop();
