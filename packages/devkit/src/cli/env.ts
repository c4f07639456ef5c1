import { z } from 'zod';
import { ConfigError, envPieces, loadEnv } from '@kn/platform';
import { defaultDataDir } from '../paths.js';

/** The settings the devkit's commands read, validated once like every process's (a bad value stops the command naming it). */
const devkitEnvSchema = z.object({
  /** Where the embedded PostgreSQL, logs and dev secrets live (default: the clone's `.data/`). */
  KN_DATA_DIR: z.string().min(1).default(defaultDataDir()),
  /** An existing PostgreSQL instead of the embedded one (an owner's URL). */
  DATABASE_URL: z.union([z.literal(''), envPieces.postgresUrl]).default('').transform((v) => v || undefined),
  /** Read replicas for the subgraphs (comma-separated URLs). */
  DATABASE_URL_READ: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(envPieces.postgresUrl)),
  KN_PG_PORT: envPieces.port(54329),
  GATEWAY_PORT: envPieces.port(4000),
  KN_SEED: envPieces.bool(true),
  KN_READ_REPLICA: envPieces.bool(false),
  EXPOSE_SQL_COUNTS: envPieces.bool(false),
  LOG_LEVEL: envPieces.logLevel,
  KN_GATEWAY_URL: z.string().url().default('http://localhost:4000'),
  KN_TOKEN: z.string().optional(),
  KN_SPONSORS_DATABASE_URL: envPieces.postgresUrl.optional(),
});
export type DevkitEnv = z.infer<typeof devkitEnvSchema>;

/** The devkit's validated settings, or a ConfigError naming every bad variable. */
export const loadDevkitEnv = (source: Record<string, string | undefined>): DevkitEnv => loadEnv('devkit', devkitEnvSchema, source);

/** The devkit's validated settings; on a bad value, one message naming the variables, and exit 2. */
export function devkitEnv(source: Record<string, string | undefined> = process.env): DevkitEnv {
  try {
    return loadDevkitEnv(source);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    console.error(e.message);
    process.exit(2);
  }
}
