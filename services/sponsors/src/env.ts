import { z } from 'zod';
import { loadEnv } from '@kn/platform';

/** Settings of this subgraph beyond the ones every subgraph reads (validated once, at first use). */
const schema = z.object({
  /**
   * How long the geography asked of the communes subgraph (communes, districts, successions,
   * classifications of a tenant) is reused, per tenant, in seconds. 0: ask on every request.
   */
  GEOGRAPHY_TTL_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  /** Largest uploaded file (`POST /files`), bytes; the gateway's FILES_MAX_BYTES is applied too (the smaller wins). */
  FILES_MAX_BYTES: z.coerce.number().int().min(1024).max(1024 * 1024 * 1024).default(20 * 1024 * 1024),
  /** An upload never attached is removed this many hours after it came (docs/FILES.md). */
  FILES_UNATTACHED_TTL_HOURS: z.coerce.number().positive().max(24 * 365).default(24),
  /** How often the sweep of uploads never attached runs, seconds. */
  FILES_SWEEP_EVERY_SECONDS: z.coerce.number().int().min(1).max(86_400).default(3600),
});

let cached: z.infer<typeof schema> | undefined;
export function sponsorsEnv(): z.infer<typeof schema> {
  cached ??= loadEnv('sponsors', schema);
  return cached;
}
