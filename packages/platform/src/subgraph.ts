import type { EntitySchema } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { GraphQLSchema } from 'graphql';
import { z } from 'zod';
import type { RequestContext } from './context.js';
import { ConfigError, envPieces, loadEnv } from './env.js';
import { importKey, parseJwk } from './identity.js';
import { createLogger, type Logger } from './logger.js';
import { createOrm } from './orm.js';
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

export interface SubgraphDefinition<L> {
  name: string;
  dbSchema: string;
  defaultPort: number;
  entities: EntitySchema<any, any>[];
  buildSchema: () => Promise<GraphQLSchema>;
  createLoaders: (ctx: RequestContext<L>) => L;
  /** Other subgraphs this one asks on behalf of its caller (their URLs come from SUBGRAPH_URLS). */
  peers?: string[];
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
    port: env.PORT,
    host: env.HOST,
    logger,
    gatewayKey: await importKey(parseJwk(env.GATEWAY_PUBLIC_KEY)),
    createLoaders: def.createLoaders,
    counter,
    exposeSqlCounts: env.EXPOSE_SQL_COUNTS,
    peers,
  });
  const close = async () => {
    await server.close();
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
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        running.logger.info({ signal }, 'shutting down');
        const timer = setTimeout(() => process.exit(1), 10_000);
        timer.unref();
        running.close().then(
          () => process.exit(0),
          () => process.exit(1),
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
