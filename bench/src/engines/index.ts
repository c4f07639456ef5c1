import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { gatewayEnv } from '@kn/devkit/platform';
import { spawnService, type Proc } from '../procs.js';

const require = createRequire(import.meta.url);

export interface EngineEnv {
  issuerPublicJwk: object;
  gatewayPrivateJwk: object;
  subgraphUrls: Record<string, string>;
  logDir: string;
  /** Extra node flags (e.g. --cpu-prof) for every engine process. */
  nodeArgs?: string[];
}

export interface Engine {
  name: string;
  title: string;
  /** Whether it is the one the platform ships (the others are baselines). */
  shipped?: boolean;
  start(env: EngineEnv, opts?: { name?: string; port?: number; extraEnv?: Record<string, string>; entry?: string }): Promise<Proc>;
}

/**
 * The shipped gateway's settings for benchmarks: every plugin on, exactly as shipped, except two
 * limits raised so that the load itself is not refused: the per-subject and per-API-key rate limits (16 clients
 * send thousands of requests a minute from a handful of users) and the cost limit (the SQL probe
 * lists 1,000 communes). Both plugins still do their full work on every request.
 */
export const SHIPPED_BENCH_ENV = {
  LOG_LEVEL: 'info',
  RATE_LIMIT_PER_TOKEN: '1000000000',
  RATE_LIMIT_PER_API_KEY: '1000000000',
  LIMIT_MAX_COST: '10000000',
};

const bareEntry = (file: string) => fileURLToPath(new URL(`./${file}`, import.meta.url));

const baseEnv = (env: EngineEnv, port = 0) => ({
  ...gatewayEnv(env.issuerPublicJwk, env.gatewayPrivateJwk, env.subgraphUrls),
  PORT: String(port),
});

export const ENGINES: Engine[] = [
  {
    name: 'shipped',
    title: 'shipped gateway (Hive runtime + Rust planner, every plugin on)',
    shipped: true,
    start: (env, o = {}) =>
      spawnService({
        name: o.name ?? 'gw-shipped',
        entry: o.entry ?? require.resolve('@kn/gateway'),
        env: { ...baseEnv(env, o.port), ...SHIPPED_BENCH_ENV, ...o.extraEnv },
        logDir: env.logDir,
        nodeArgs: env.nodeArgs,
        port: o.port,
      }),
  },
  {
    name: 'hive-rust-bare',
    title: 'Hive runtime + Rust planner, bare (identity forwarding only)',
    start: (env, o = {}) =>
      spawnService({ name: o.name ?? 'gw-hive-rust-bare', entry: bareEntry('hive-bare.js'), env: { ...baseEnv(env, o.port), PLANNER: 'rust', ...o.extraEnv }, logDir: env.logDir, nodeArgs: env.nodeArgs }),
  },
  {
    name: 'hive-js-bare',
    title: 'Hive runtime + JavaScript planner, bare (identity forwarding only)',
    start: (env, o = {}) =>
      spawnService({ name: o.name ?? 'gw-hive-js-bare', entry: bareEntry('hive-bare.js'), env: { ...baseEnv(env, o.port), PLANNER: 'js', ...o.extraEnv }, logDir: env.logDir, nodeArgs: env.nodeArgs }),
  },
  {
    name: 'apollo-gateway',
    title: 'stock @apollo/gateway 2.x in @apollo/server (identity in willSendRequest)',
    start: (env, o = {}) =>
      spawnService({ name: o.name ?? 'gw-apollo', entry: bareEntry('apollo.js'), env: { ...baseEnv(env, o.port), ...o.extraEnv }, logDir: env.logDir, nodeArgs: env.nodeArgs }),
  },
];
