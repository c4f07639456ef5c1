import { createRequire } from 'node:module';
import { join } from 'node:path';
import { bootstrap, DATABASE, ensureDatabase, migrate, seedDemo, type DatabaseLayout } from './database.js';
import { freePort, startEmbeddedPostgres, type PostgresHandle } from './postgres.js';
import { startStreamingReplica, urlOnHost } from './replica.js';
import { startService, type ServiceProcess } from './processes.js';
import { startDevTokenServer, type DevTokenServer } from './dev-tokens.js';
import { loadOrCreateSecrets, type DevSecrets } from './secrets.js';
import { SUBGRAPHS } from './subgraphs.js';

const require = createRequire(import.meta.url);

export interface PlatformOptions {
  dataDir: string;
  /** Use this PostgreSQL server (its user must be able to create roles) instead of the embedded one. */
  databaseUrl?: string;
  /** Port of the embedded PostgreSQL; random when absent. */
  pgPort?: number;
  /** Keep the embedded database's files when stopping. */
  persistent: boolean;
  /** Gateway port (0: any free port). */
  gatewayPort: number;
  /** Subgraphs on their default ports (4001…) or on any free port. */
  subgraphPorts: 'default' | 'random';
  seed: boolean;
  exposeSqlCounts: boolean;
  logLevel?: string;
  /** Extra environment of the gateway process (e.g. raised rate limits for a load or attack suite). */
  gatewayEnv?: Record<string, string>;
  /** Extra environment of the outbox worker (e.g. short retry delays for tests). */
  workerEnv?: Record<string, string>;
  /**
   * Development sign-in (default on: this launcher is the development platform): the gateway's
   * `/dev/token` mints demo tokens, the web page offers demo tenants and roles, the IDE a dev token.
   */
  devTokens?: boolean;
  /**
   * Read replicas: with the embedded PostgreSQL, start one streaming replica of it (optionally
   * replaying late, for tests); with `databaseUrl`, the replicas' URLs (any user: only host and port
   * are taken, each subgraph connects there with its own role). Subgraphs send queries there.
   */
  readReplica?: { applyDelayMs?: number } | { urls: string[] };
  /** Called when a service dies after it started. */
  onServiceExit?: (name: string, code: number | null) => void;
  progress?: (message: string) => void;
}

export interface Platform {
  gatewayUrl: string;
  subgraphUrls: Record<string, string>;
  /** Superuser (or DATABASE_URL user) URL of the platform's database. */
  adminDbUrl: string;
  layout: DatabaseLayout;
  secrets: DevSecrets;
  services: ServiceProcess[];
  /** The embedded PostgreSQL (null with DATABASE_URL): fault tests halt and resume it. */
  postgres: PostgresHandle | null;
  /** The embedded streaming replica, when one was asked for. */
  replica: PostgresHandle | null;
  /** Kills a running service (SIGKILL by default: a crash) and waits until it has exited. */
  killService(name: string, signal?: NodeJS.Signals): Promise<void>;
  /** Starts a service again with the environment and port it had (stopping it first if it runs). */
  restartService(name: string): Promise<ServiceProcess>;
  stop(): Promise<void>;
}

/** Database ready (migrated, seeded): the first half of `pnpm start`, also `pnpm migrate`. */
export async function prepareDatabase(opts: Pick<PlatformOptions, 'dataDir' | 'databaseUrl' | 'pgPort' | 'persistent' | 'seed' | 'progress'>) {
  const progress = opts.progress ?? (() => {});
  const secrets = await loadOrCreateSecrets(opts.dataDir);
  let pg: PostgresHandle | null = null;
  let adminDbUrl: string;
  if (opts.databaseUrl) {
    adminDbUrl = opts.databaseUrl;
    const target = new URL(opts.databaseUrl);
    const maintenance = new URL(opts.databaseUrl);
    maintenance.pathname = '/postgres';
    await ensureDatabase(maintenance.toString(), decodeURIComponent(target.pathname.slice(1))).catch(() => {
      // no maintenance database or no CREATEDB: the database must then exist already
    });
    progress(`using PostgreSQL at ${new URL(opts.databaseUrl).host}`);
  } else {
    pg = await startEmbeddedPostgres({
      dir: join(opts.dataDir, 'pg'),
      port: opts.pgPort,
      password: secrets.pgAdminPassword,
      persistent: opts.persistent,
    });
    await ensureDatabase(pg.adminUrl(), DATABASE);
    adminDbUrl = pg.adminUrl(DATABASE);
    progress(`embedded PostgreSQL on 127.0.0.1:${pg.port} (data in ${join(opts.dataDir, 'pg')})`);
  }
  try {
    const layout = await bootstrap(adminDbUrl, opts.dataDir, secrets);
    const applied = await migrate(layout);
    progress(applied.length ? `migrations applied: ${applied.join(', ')}` : 'migrations: up to date');
    if (opts.seed) {
      const seeded = await seedDemo(layout);
      progress(seeded.length ? `demo data loaded: ${seeded.join(', ')}` : 'demo data: already loaded');
    }
    return { pg, adminDbUrl, layout, secrets };
  } catch (e) {
    await pg?.stop();
    throw e;
  }
}

/** The environment a gateway needs to front these subgraphs. */
export function gatewayEnv(issuerPublicJwk: object, gatewayPrivateJwk: object, subgraphUrls: Record<string, string>) {
  return {
    HOST: '127.0.0.1',
    SUBGRAPH_URLS: Object.entries(subgraphUrls).map(([k, v]) => `${k}=${v}`).join(','),
    TOKEN_PUBLIC_KEY: JSON.stringify(issuerPublicJwk),
    GATEWAY_PRIVATE_KEY: JSON.stringify(gatewayPrivateJwk),
  };
}

/**
 * The outbox worker's environment (docs/NOTIFICATIONS.md): the notifications subgraph's database
 * and, for each subgraph that declares an outbox, that subgraph's own app role (the worker reads
 * each outbox as its owner's service would, under the same row-level security).
 */
export function workerEnvFor(layout: DatabaseLayout): Record<string, string> {
  return {
    HOST: '127.0.0.1',
    NOTIFICATIONS_DATABASE_URL: layout.urls.notifications!.app,
    OUTBOX_SOURCES: SUBGRAPHS.filter((sg) => sg.outbox).map((sg) => `${sg.name}=${layout.urls[sg.name]!.app}`).join(','),
  };
}

/** Starts an outbox worker process (the platform's, or more: several may run). */
export function startWorkerProcess(opts: { name: string; logDir: string; env: Record<string, string>; onExit?: (code: number | null) => void }): Promise<ServiceProcess> {
  return startService({ name: opts.name, entry: require.resolve('@kn/worker'), nodeArgs: serviceNodeArgs(), logDir: opts.logDir, env: opts.env, onExit: opts.onExit });
}

/** `--max-old-space-size` from a setting in MB (`0`: no limit, V8's own sizing). */
function heapLimitArgs(name: string, fallback: number): string[] {
  const raw = process.env[name] ?? String(fallback);
  const mb = Number(raw);
  if (!Number.isInteger(mb) || (mb !== 0 && (mb < 128 || mb > 65_536))) {
    throw new Error(`${name} must be 0 (no limit) or a whole number of MB from 128 to 65536, not "${raw}"`);
  }
  return mb === 0 ? [] : [`--max-old-space-size=${mb}`];
}

/**
 * The gateway's V8 old-generation limit, in MB (`KN_GATEWAY_HEAP_MB`, default 384). Its live heap is
 * about 90–160 MB; without a limit V8 sizes the heap from the machine's memory and lets it grow
 * lazily under load (RSS 250 → 430–510 MB in 40 s of 16 clients, heap used 218 MB of which 126 MB
 * garbage), so the limit makes it collect sooner: peak RSS 317–328 MB in the same run
 * (docs/BENCHMARKS.md, "Memory").
 */
export const gatewayNodeArgs = (): string[] => heapLimitArgs('KN_GATEWAY_HEAP_MB', 384);

/**
 * The same limit for the subgraphs and the outbox worker (`KN_SERVICE_HEAP_MB`, default 256): their
 * live heaps are 40–55 MB after a full GC, their resident memory 170–565 MB from the same lazy
 * sizing (docs/BENCHMARKS.md, "Subgraph heap limit").
 */
export const serviceNodeArgs = (): string[] => heapLimitArgs('KN_SERVICE_HEAP_MB', 256);

/** Starts a gateway process (the platform's, or another one a test configures differently). */
export function startGatewayProcess(opts: {
  name: string;
  logDir: string;
  env: Record<string, string>;
  onExit?: (code: number | null) => void;
}): Promise<ServiceProcess> {
  return startService({
    name: opts.name,
    entry: require.resolve('@kn/gateway'),
    nodeArgs: gatewayNodeArgs(),
    logDir: opts.logDir,
    env: opts.env,
    onExit: opts.onExit,
  });
}

export async function startPlatform(opts: PlatformOptions): Promise<Platform> {
  const progress = opts.progress ?? (() => {});
  const { pg, adminDbUrl, layout, secrets } = await prepareDatabase(opts);
  let replica: PostgresHandle | null = null;
  let readHosts: { host: string; port: number }[] = [];
  if (opts.readReplica && 'urls' in opts.readReplica) {
    readHosts = opts.readReplica.urls.map((u) => ({ host: new URL(u).hostname, port: Number(new URL(u).port || 5432) }));
  } else if (opts.readReplica && pg) {
    try {
      replica = await startStreamingReplica({
        primary: pg,
        primaryDir: join(opts.dataDir, 'pg'),
        dir: join(opts.dataDir, 'pg-replica'),
        password: secrets.pgAdminPassword,
        applyDelayMs: opts.readReplica.applyDelayMs,
      });
    } catch (e) {
      await pg.stop();
      throw e;
    }
    readHosts = [{ host: '127.0.0.1', port: replica.port }];
    progress(`read replica on 127.0.0.1:${replica.port} (streaming from the primary)`);
  }
  const readUrls = (appUrl: string) => readHosts.map((h) => urlOnHost(appUrl, h.host, h.port)).join(',');
  const logDir = join(opts.dataDir, 'logs');
  const services: ServiceProcess[] = [];
  // how each service was started, so that it can be started again the same way (same port)
  const specs = new Map<string, Parameters<typeof startService>[0]>();
  const launch = async (spec: Parameters<typeof startService>[0]) => {
    const started = await startService(spec);
    const port = new URL(started.url).port;
    specs.set(spec.name, { ...spec, env: { ...spec.env, PORT: port } });
    return started;
  };
  let devTokens: DevTokenServer | null = null;
  const stop = async () => {
    await Promise.all(services.splice(0).reverse().map((s) => s.stop()));
    await devTokens?.close();
    await replica?.stop();
    await pg?.stop();
  };
  try {
    // every port is known before any service starts, so subgraphs may ask each other (programs
    // asks sponsors for a sponsor's programmes; sponsors asks programs whether a programme exists)
    const ports = new Map<string, number>();
    for (const sg of SUBGRAPHS) ports.set(sg.name, opts.subgraphPorts === 'default' ? sg.port : await freePort());
    const urlOf = (name: string) => `http://127.0.0.1:${ports.get(name)}/graphql`;
    // through `launch`, so that each can be killed and started again the same way (fault tests)
    const startedSubgraphs = await Promise.all(
      SUBGRAPHS.map((sg) =>
        launch({
          name: sg.name,
          entry: sg.entry,
          nodeArgs: serviceNodeArgs(),
          logDir,
          env: {
            PORT: String(ports.get(sg.name)),
            HOST: '127.0.0.1',
            LOG_LEVEL: opts.logLevel ?? 'info',
            DATABASE_URL: layout.urls[sg.name]!.app,
            DATABASE_URL_READ: readUrls(layout.urls[sg.name]!.app),
            GATEWAY_PUBLIC_KEY: JSON.stringify(secrets.gateway.publicJwk),
            EXPOSE_SQL_COUNTS: String(opts.exposeSqlCounts),
            SUBGRAPH_URLS: (sg.peers ?? []).map((p) => `${p}=${urlOf(p)}`).join(','),
          },
          onExit: (code) => opts.onServiceExit?.(sg.name, code),
        }),
      ),
    );
    services.push(...startedSubgraphs);
    const subgraphUrls: Record<string, string> = Object.fromEntries(startedSubgraphs.map((s) => [s.name, s.url]));
    const started = services;
    progress(`subgraphs: ${started.map((s) => `${s.name} ${s.url}`).join(', ')}`);
    // the outbox worker beside them: relays notifications, delivers webhooks, sends deadline reminders
    const worker = await launch({
      name: 'worker',
      entry: require.resolve('@kn/worker'),
      nodeArgs: serviceNodeArgs(),
      logDir,
      env: { ...workerEnvFor(layout), PORT: '0', LOG_LEVEL: opts.logLevel ?? 'info', EXPOSE_DEBUG: String(opts.exposeSqlCounts), ...opts.workerEnv },
      onExit: (code) => opts.onServiceExit?.('worker', code),
    });
    services.push(worker);
    progress(`worker: ${worker.url}`);
    if (opts.devTokens !== false) devTokens = await startDevTokenServer(secrets.issuer.privateJwk);
    const gateway = await launch({
      name: 'gateway',
      entry: require.resolve('@kn/gateway'),
      nodeArgs: gatewayNodeArgs(),
      logDir,
      env: {
        ...gatewayEnv(secrets.issuer.publicJwk, secrets.gateway.privateJwk, subgraphUrls),
        PORT: String(opts.gatewayPort),
        LOG_LEVEL: opts.logLevel ?? 'info',
        EXPOSE_DEBUG: String(opts.exposeSqlCounts),
        ...(devTokens ? { DEV_TOKEN_URL: devTokens.url } : {}),
        EXPORT_DIR: join(opts.dataDir, 'exports'),
        ...opts.gatewayEnv,
      },
      onExit: (code) => opts.onServiceExit?.('gateway', code),
    });
    services.push(gateway);
    const find = (name: string) => {
      const spec = specs.get(name);
      if (!spec) throw new Error(`no service named "${name}"`);
      return { spec, index: services.findIndex((s) => s.name === name) };
    };
    const killService = async (name: string, signal: NodeJS.Signals = 'SIGKILL') => {
      const { index } = find(name);
      const child = services[index]?.child;
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill(signal);
      });
    };
    const restartService = async (name: string) => {
      const { spec, index } = find(name);
      await services[index]?.stop();
      const started = await startService(spec);
      if (index >= 0) services[index] = started;
      else services.push(started);
      return started;
    };
    return { gatewayUrl: gateway.url, subgraphUrls, adminDbUrl, layout, secrets, services, postgres: pg, replica, killService, restartService, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
