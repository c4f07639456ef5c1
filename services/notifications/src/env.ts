import { envPieces, loadEnv } from '@kn/platform';
import { z } from 'zod';

/** Settings of this subgraph beyond the ones every subgraph reads (validated once, at first use). */
const schema = z.object({
  /**
   * FOR TESTS AND DEVELOPMENT ONLY: accept webhook URLs on loopback, private, link-local and other
   * non-public addresses (the tests' receivers listen on 127.0.0.1). Off by default: such URLs are
   * refused (SSRF, docs/SECURITY.md "Webhooks"). The worker has the same setting for deliveries.
   */
  WEBHOOK_ALLOW_PRIVATE: envPieces.bool(false),
});

let cached: z.infer<typeof schema> | undefined;
export function notificationsEnv(): z.infer<typeof schema> {
  cached ??= loadEnv('notifications', schema);
  return cached;
}
