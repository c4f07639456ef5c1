import type pg from 'pg';
import type { Role } from '@kn/platform/identity';

/** One HTTP request to a gateway's /graphql. */
export interface BenchRequest {
  body: string;
  headers: Record<string, string>;
  /**
   * A body made anew for each send, `seq` counting the sends of the run (e.g. a write with a unique
   * idempotency key per request). `body` is then only the first example.
   */
  bodyFor?: (seq: number) => string;
}

export function graphqlRequest(token: string | null, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): BenchRequest {
  return {
    body: JSON.stringify({ query, variables }),
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
  };
}

/** What a scenario may use to prepare its requests. Nothing here depends on the engine. */
export interface ScenarioContext {
  /** Superuser pool on the benchmark's database: to pick ids, never to write. */
  db: pg.Pool;
  /** The tenants loaded (new provinces' slugs, sorted). */
  tenants: string[];
  /** A user token as the provinces' identity provider would issue it. */
  token(tenant: string | null, role: Role, opts?: { sub?: string; sponsorId?: string }): Promise<string>;
  /** Deterministic choices: the benchmark's seed. */
  seed: string;
  /**
   * Sends one request through a running gateway (the shipped one when it runs) and returns the
   * parsed body: for what a scenario must set up through the API (e.g. an admin creating API keys).
   */
  send(r: BenchRequest): Promise<any>;
  /**
   * Runs `fn` connected as a subgraph's role — `owner` (the dataset loader's) or `app` (the
   * service's) — with row-level security in force; `fn` sets the tenant in its transactions.
   */
  asRole<T>(subgraph: string, role: 'owner' | 'app', fn: (client: pg.ClientBase) => Promise<T>): Promise<T>;
}

/** The SQL-statement probe: the scenario's selection over a result of `size` rows. */
export interface SqlProbe {
  /** What "rows" means for this scenario (e.g. "communes listed with the page's fields"). */
  describe: string;
  /** Result sizes to compare (issue 7: 10 and 1,000 rows). */
  sizes: number[];
  /** Shown, not judged against the target (e.g. a shape whose count depends on timing). */
  informational?: string;
  /** `send` posts a request through the gateway under test and returns the parsed body. */
  build(
    size: number,
    send: (r: BenchRequest) => Promise<any>,
    engine: { name: string; shipped: boolean },
  ): Promise<{ request: BenchRequest; rows: (data: any) => number }>;
}

/**
 * The hand-written SQL that computes the same figures as the scenario, run directly (no gateway,
 * no subgraph): the floor the end-to-end time is compared with (issue 7: dashboard ≤ 3× its SQL).
 */
export interface DirectSql {
  /** Subgraph whose role runs it, with the tenant set as the services set it. */
  subgraph: string;
  /** The subgraph's app role (the service's, default) or its owner role; RLS is forced for both. */
  role?: 'app' | 'owner';
  tenant: string | null;
  sql: string;
  params?: unknown[];
  /**
   * Statements of one group are timed together (their times added): one group is what one
   * end-to-end request computes (e.g. a dashboard's statements on several subgraphs for one tenant).
   * Default: each statement its own group.
   */
  group?: string;
}

export interface PreparedScenario {
  /** The pool of requests the load tool cycles through, in order. */
  requests: BenchRequest[];
  /** E.g. "400 communes of 8 tenants, 16 analyst tokens". */
  describe: string;
  /** Checks one response's data (`request`: what was sent); returns a problem or null. Run on a sample before the load. */
  check?(data: any, request: BenchRequest): string | null;
  /** How many requests of the pool the check samples (default 8). */
  checkSample?: number;
  sqlProbes?: SqlProbe[];
  directSql?: DirectSql[];
  /**
   * Another pool for some engines (e.g. the baselines, which know neither API keys nor trusted
   * documents, send the same write with a bearer token of the same sponsor and the full document).
   */
  requestsFor?(engine: { name: string; shipped: boolean }): BenchRequest[];
  /** Runs once the scenario is done on every engine (e.g. removes what its writes added). */
  finish?(): Promise<void>;
}

export interface ScenarioTargets {
  /** p95 latency of the shipped gateway at the benchmark's concurrency. */
  p95Ms?: number;
  /** End-to-end p50 ≤ this × the direct SQL's p50. */
  maxRatioToSql?: number;
}

/**
 * A benchmark scenario: one object. It runs when every subgraph it `needs` is registered in
 * packages/devkit/src/subgraphs.ts; until then it is listed as pending.
 */
export interface Scenario {
  name: string;
  title: string;
  needs: string[];
  targets?: ScenarioTargets;
  /** Said beside the engine ratios when the engines do not do the same work in this scenario. */
  comparisonNote?: string;
  /** Absent: written down, not implementable yet (`todo` says what is missing). */
  prepare?: (ctx: ScenarioContext) => Promise<PreparedScenario>;
  todo?: string;
}
