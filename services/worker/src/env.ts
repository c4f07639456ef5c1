import { envPieces, loadEnv } from '@kn/platform';
import { z } from 'zod';

const ms = (fallback: number, min = 10) => z.coerce.number().int().min(min).max(86_400_000).default(fallback);

/** The worker's configuration, validated at boot (see .env.example). */
export const workerEnvSchema = z.object({
  PORT: envPieces.port(4090),
  HOST: envPieces.host,
  LOG_LEVEL: envPieces.logLevel,
  /** GET /debug/memory[?gc] (tests and benchmarks only, like the gateway's and the subgraphs'). */
  EXPOSE_DEBUG: envPieces.bool(false),
  /** The notifications subgraph's database URL (its app role): notifications and webhook deliveries land there. */
  NOTIFICATIONS_DATABASE_URL: envPieces.postgresUrl,
  /** The subgraphs whose outbox it relays, each with its own app role's URL: `evaluations=postgres://…,sponsors=postgres://…`. */
  OUTBOX_SOURCES: z
    .string()
    .transform((v) =>
      v.split(',').map((s) => s.trim()).filter(Boolean).map((pair) => {
        const i = pair.indexOf('=');
        return { name: pair.slice(0, i), url: pair.slice(i + 1) };
      }),
    )
    .pipe(z.array(z.object({ name: z.string().regex(/^[a-z][a-z0-9_]*$/), url: envPieces.postgresUrl })).min(1)),
  /** How often it looks for work when idle. */
  WORKER_POLL_MS: ms(1000),
  /** Outbox rows relayed, or deliveries claimed, per tenant and round. */
  WORKER_BATCH: z.coerce.number().int().min(1).max(1000).default(100),
  /** First retry after this long, then doubling (exponential backoff), capped at WEBHOOK_BACKOFF_MAX_MS. */
  WEBHOOK_BACKOFF_MS: ms(10_000),
  WEBHOOK_BACKOFF_MAX_MS: ms(3_600_000),
  /** Attempts before a delivery is given up (FAILED). */
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  WEBHOOK_TIMEOUT_MS: ms(10_000, 100),
  /** A claimed delivery is another worker's to retry after this long (a worker that died holding it). Above the timeout. */
  WEBHOOK_LEASE_MS: ms(60_000, 200),
  /** Deliveries sent at once by one worker. */
  WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  /**
   * FOR TESTS AND DEVELOPMENT ONLY: deliver to loopback, private, link-local and other non-public
   * addresses (the tests' receivers listen on 127.0.0.1). Off by default: a delivery whose host is
   * or resolves to such an address fails without a request (SSRF, DNS rebinding; docs/SECURITY.md).
   */
  WEBHOOK_ALLOW_PRIVATE: envPieces.bool(false),
  /** How often the deadline scan runs (it is idempotent: each reminder has its key). Daily duty, hourly check. */
  REMINDER_EVERY_MS: ms(3_600_000, 100),
  /** Overdue reminders for deadlines passed at most this many days ago (a worker down for a while catches up; older ones are not sent). */
  REMINDER_OVERDUE_WINDOW_DAYS: z.coerce.number().int().min(0).max(366).default(7),
});
export type WorkerEnv = z.infer<typeof workerEnvSchema>;
export const workerEnv = (source: Record<string, string | undefined> = process.env) => loadEnv('worker', workerEnvSchema, source);
