import type { EntitySchema } from '@mikro-orm/core';
import type { Migration } from '@mikro-orm/migrations';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { GraphQLSchema } from 'graphql';
import { z } from 'zod';
import { drainCommits, reportBackgroundCommitErrors, type RequestContext } from './context.js';
import { ConfigError, envPieces, loadEnv } from './env.js';
import { importKey, parseJwk } from './identity.js';
import { createLogger, flushLogs, installFatalHandlers, type Logger } from './logger.js';
import { createOrm } from './orm.js';
import type { ReminderScan } from './outbox.js';
import type { PeerDocument } from './peers.js';
import { startBackground, type BackgroundTask, type SubgraphRoute } from './routes.js';
import { ReadRouter } from './read-routing.js';
import type { SeedClient } from './seeding.js';
import { startSubgraphServer, type RunningServer } from './server.js';
import { SqlCounter } from './sql-counter.js';
import { SubgraphClient } from './subgraph-client.js';
import { setupTracing, shutdownTracing } from './tracing.js';

/** Configuration every subgraph reads, validated at boot. */
export const subgraphEnvSchema = (defaultPort: number) =>
  z.object({
    PORT: envPieces.port(defaultPort),
    HOST: envPieces.host,
    LOG_LEVEL: envPieces.logLevel,
    DATABASE_URL: envPieces.postgresUrl,
    /** Read replicas (one URL or several, comma-separated): queries go there, mutations to DATABASE_URL. */
    DATABASE_URL_READ: z
      .string()
      .default('')
      .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
      .pipe(z.array(envPieces.postgresUrl)),
    DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
    GATEWAY_PUBLIC_KEY: envPieces.jwk,
    EXPOSE_SQL_COUNTS: envPieces.bool(false),
    /** Traces go to this OTLP/HTTP collector when set; off by default. */
    OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
    /** URLs of the peer subgraphs this one asks: `communes=http://127.0.0.1:4001/graphql,…`. */
    SUBGRAPH_URLS: z
      .string()
      .default('')
      .transform((v) =>
        Object.fromEntries(
          v.split(',').map((s) => s.trim()).filter(Boolean).map((pair) => pair.split('=') as [string, string]),
        ),
      ),
  });
export type SubgraphEnv = z.infer<ReturnType<typeof subgraphEnvSchema>>;

/**
 * A subgraph, declared once in its own `index.ts`: the runtime (`main`) and the tooling (the devkit's
 * launcher, migrations, demo seed and schema check, the benchmark) all read this one object.
 */
export interface SubgraphDefinition<L> {
  name: string;
  dbSchema: string;
  /** Its port unless PORT says otherwise; the committed supergraph points at it. */
  defaultPort: number;
  entities: EntitySchema<any, any>[];
  /** Its migrations, in order (the devkit applies them as the subgraph's owner role). */
  migrations: (new (...args: any[]) => Migration)[];
  buildSchema: () => Promise<GraphQLSchema>;
  createLoaders: (ctx: RequestContext<L>) => L;
  /**
   * Loads the demo data of the seeds (idempotent), as the owner role. Method syntax on purpose: a
   * seed typed with pg's `ClientBase` is accepted for this structural client.
   */
  seedDemo(client: SeedClient): Promise<void>;
  /** Other subgraphs this one asks on behalf of its caller (their URLs come from SUBGRAPH_URLS). */
  peers?: string[];
  /** Every document it sends them (its `src/peers.ts`): `schema:check` validates each against its peer's schema. */
  peerDocuments?: PeerDocument[];
  /** HTTP routes beside /graphql, which the gateway forwards to (e.g. `POST /files`, `GET /files/:id`). */
  routes?: SubgraphRoute<L>[];
  /** Work the running subgraph does by itself, periodically (e.g. removing uploads never attached). */
  background?: BackgroundTask[];
  /**
   * The subgraph writes events to its own `outbox` table (`enqueueOutbox`); the worker relays them
   * (docs/NOTIFICATIONS.md). `reminders`: its part of the daily deadline scan.
   */
  outbox?: { reminders?: ReminderScan };
  /**
   * Whether a successor tenant's queries read its predecessors' rows here (docs/SECURITY.md "Tenant
   * succession"); default true. False where the successor's own rows already hold that past.
   */
  readsPredecessors?: boolean;
}

export interface RunningSubgraph extends RunningServer {
  orm: MikroORM;
  logger: Logger;
}

/** Starts one subgraph process: config, logger, ORM, schema, HTTP server, graceful shutdown. */
export async function runSubgraph<L>(
  def: SubgraphDefinition<L>,
  source: Record<string, string | undefined> = process.env,
): Promise<RunningSubgraph> {
  const env = loadEnv(def.name, subgraphEnvSchema(def.defaultPort), source);
  const logger = createLogger(def.name, env.LOG_LEVEL);
  setupTracing(def.name, env.OTEL_EXPORTER_OTLP_ENDPOINT);
  const counter = new SqlCounter();
  reportBackgroundCommitErrors((err, requestId) => logger.error({ err, requestId }, 'read-only commit failed'));
  const orm = (await createOrm({
    url: env.DATABASE_URL,
    schema: def.dbSchema,
    entities: def.entities,
    poolMax: env.DB_POOL_MAX,
    counter,
  })) as MikroORM;
  // MikroORM 7 connects lazily: connect now, so a bad database fails the boot and `/readiness`
  // (which reports a pool that never connected as unreachable) is true from the first request
  await orm.connect();
  // replicas connect lazily: one that is down at boot is simply out of the rotation until it answers
  const replicas = await Promise.all(
    env.DATABASE_URL_READ.map(async (url, i) => ({
      name: `replica-${i + 1} (${new URL(url).host})`,
      orm: (await createOrm({ url, schema: def.dbSchema, entities: def.entities, poolMax: env.DB_POOL_MAX, counter })) as MikroORM,
    })),
  );
  const reads = new ReadRouter(orm, replicas, logger);
  reads.start();
  const peers: Record<string, SubgraphClient> = {};
  for (const name of def.peers ?? []) {
    const url = env.SUBGRAPH_URLS[name];
    if (!url || !/^https?:\/\//.test(url)) throw new ConfigError(`${def.name}: SUBGRAPH_URLS needs ${name}=http://…/graphql`);
    peers[name] = new SubgraphClient(name, url);
  }
  const schema = await def.buildSchema();
  const server = await startSubgraphServer<L>({
    name: def.name,
    schema,
    orm,
    dbSchema: def.dbSchema,
    readsPredecessors: def.readsPredecessors,
    port: env.PORT,
    host: env.HOST,
    logger,
    gatewayKey: await importKey(parseJwk(env.GATEWAY_PUBLIC_KEY)),
    createLoaders: def.createLoaders,
    counter,
    exposeSqlCounts: env.EXPOSE_SQL_COUNTS,
    peers,
    reads,
    ...(def.routes ? { routes: def.routes } : {}),
  });
  const stopBackground = startBackground(def.background ?? [], orm, logger);
  const close = async () => {
    await stopBackground();
    await server.close();
    await drainCommits();
    await reads.close();
    await orm.close();
    await shutdownTracing();
  };
  return { ...server, close, orm, logger };
}

/**
 * Started by the devkit launcher (KN_PARENT_PID set), a process stops itself when the launcher is
 * gone, so a killed `pnpm start` leaves no service behind.
 */
export function exitWithParent(stop: () => void, everyMs = 2000): void {
  const parent = Number(process.env.KN_PARENT_PID);
  if (!Number.isInteger(parent) || parent <= 1) return;
  const timer = setInterval(() => {
    try {
      process.kill(parent, 0);
    } catch {
      clearInterval(timer);
      stop();
    }
  }, everyMs);
  timer.unref();
}

/** Runs a subgraph as the main module: exits with a readable message on bad config, stops on SIGTERM/SIGINT. */
export function main<L>(def: SubgraphDefinition<L>): void {
  runSubgraph(def).then(
    (running) => {
      installFatalHandlers(running.logger);
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        running.logger.info({ signal }, 'shutting down');
        const timer = setTimeout(() => process.exit(1), 10_000);
        timer.unref();
        running.close().then(
          () => (flushLogs(running.logger), process.exit(0)),
          () => (flushLogs(running.logger), process.exit(1)),
        );
      };
      process.on('SIGTERM', () => stop('SIGTERM'));
      process.on('SIGINT', () => stop('SIGINT'));
      exitWithParent(() => stop('launcher gone'));
    },
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
