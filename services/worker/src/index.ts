import 'reflect-metadata';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { createLogger, debugMemory, exitWithParent, flushLogs, installFatalHandlers, type ReminderScan, type SubgraphDefinition } from '@kn/platform';
import { workerEnv } from './env.js';
import { OutboxWorker, type OutboxSource } from './worker.js';

export { OutboxWorker, backoffMs, signBody } from './worker.js';

/**
 * The subgraphs whose outbox this worker can relay, by name: each one's definition carries its
 * reminder scan (`outbox.reminders`). Which of them a worker relays is its OUTBOX_SOURCES.
 */
async function definitionOf(name: string): Promise<SubgraphDefinition<unknown>> {
  switch (name) {
    case 'evaluations':
      return (await import('@kn/evaluations')).evaluations as SubgraphDefinition<unknown>;
    case 'sponsors':
      return (await import('@kn/sponsors')).sponsors as SubgraphDefinition<unknown>;
    default:
      throw new Error(`worker: no outbox source named "${name}"`);
  }
}

async function main(): Promise<void> {
  let env: ReturnType<typeof workerEnv>;
  try {
    env = workerEnv();
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
  const logger = createLogger('worker', env.LOG_LEVEL);
  installFatalHandlers(logger);
  const notifications = new pg.Pool({ connectionString: env.NOTIFICATIONS_DATABASE_URL, max: env.WEBHOOK_CONCURRENCY + 2 });
  const sources: OutboxSource[] = [];
  for (const s of env.OUTBOX_SOURCES) {
    const def = await definitionOf(s.name);
    const reminders: ReminderScan | undefined = def.outbox?.reminders;
    sources.push({ name: def.dbSchema, pool: new pg.Pool({ connectionString: s.url, max: 3 }), ...(reminders ? { reminders } : {}) });
  }
  // an idle connection whose server went away (PostgreSQL restarted) is an 'error' event of its
  // pool: logged, and the next round connects again (unhandled, it would end the process)
  for (const [name, pool] of [['notifications', notifications] as const, ...sources.map((s) => [s.name, s.pool] as const)]) {
    pool.on('error', (err) => logger.warn({ err, pool: name }, 'idle database connection lost'));
  }
  const worker = new OutboxWorker(env, notifications, sources, logger);
  const server = createServer((req, res) => {
    if (req.url === '/healthcheck') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok', ...worker.stats }));
      return;
    }
    if (env.EXPOSE_DEBUG && req.method === 'GET' && req.url?.startsWith('/debug/memory')) {
      const gc = new URL(req.url, 'http://worker').searchParams.has('gc');
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(debugMemory(gc)));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(env.PORT, env.HOST, resolve));
  const url = `http://${env.HOST}:${(server.address() as AddressInfo).port}/healthcheck`;
  worker.start();
  logger.info({ url, sources: sources.map((s) => s.name) }, 'worker listening');
  flushLogs(logger); // the launcher waits for this line
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => process.exit(1), 10_000);
    timer.unref();
    void (async () => {
      server.close();
      await worker.stop();
      await Promise.all([notifications.end(), ...sources.map((s) => s.pool.end())]);
      flushLogs(logger);
      process.exit(0);
    })();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  exitWithParent(() => stop('launcher gone'));
}

if (import.meta.url === `file://${process.argv[1]}`) void main();
