import { z } from 'zod';
import { loadEnv } from '@kn/platform';

/** Settings of this subgraph beyond the ones every subgraph reads (validated once, at first use). */
const schema = z.object({
  /**
   * How long the geography asked of the communes subgraph (communes, districts, successions,
   * classifications of a tenant) is reused, per tenant, in seconds. 0: ask on every request.
   */
  GEOGRAPHY_TTL_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
});

let cached: z.infer<typeof schema> | undefined;
export function sponsorsEnv(): z.infer<typeof schema> {
  cached ??= loadEnv('sponsors', schema);
  return cached;
}
