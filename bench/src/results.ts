import type { MachineInfo } from './machine.js';
import type { LatencySummary } from './stats.js';
import type { GenerateReport } from './data/generator.js';

export interface RunResult {
  scenario: string;
  engine: string;
  rps: number;
  requests: number;
  durationSec: number;
  latency: LatencySummary;
  errors: { non2xx: number; graphql: number; transport: number; first?: string };
  /** Peak RSS (MB) during the measured run, per process group: `gateway`, then each subgraph. */
  peakRssMb: Record<string, number>;
  /** CPU time (ms, user + system) per request, per process group: where the machine's CPU went. */
  cpuMsPerRequest: Record<string, number>;
  /** CPU ms per request summed over every process of the stack (gateway, subgraphs, PostgreSQL). */
  wholeStackCpuMsPerRequest?: number;
  /** With several rounds: every round's figures (this run is the one with the median req/s). */
  rounds?: { rps: number; p95: number; cpuMsPerRequest: Record<string, number> }[];
}

export interface SqlProbeResult {
  scenario: string;
  engine: string;
  describe: string;
  informational?: string;
  sizes: { size: number; rows: number; statements: number; subgraphRequests: number; plumbingWaited?: number; error?: string }[];
  constant: boolean;
}

export interface DirectSqlResult {
  scenario: string;
  sqlP50Ms: number;
  sqlP95Ms?: number;
  /** The shipped gateway's end-to-end p50 (and p95) under the scenario's load. */
  e2eP50Ms: number | null;
  e2eP95Ms?: number | null;
  /** End-to-end p50 / SQL p50. */
  ratio: number | null;
  runs?: number;
  groups?: number;
  /** Which roles ran it, e.g. "sponsors owner". */
  role?: string;
  perGroupP50Ms?: Record<string, number>;
  /** The shipped gateway's p50 with one request at a time (no queueing), and its ratio to the SQL p50. */
  e2eSerialP50Ms?: number | null;
  serialRatio?: number | null;
}

export interface ScaleOutResult {
  config: string;
  gateways: number;
  subgraphProcesses: number;
  scenario: string;
  rps: number;
  latency: LatencySummary;
  errors: number;
  peakRssMb: Record<string, number>;
}

export interface TargetResult {
  scenario: string;
  target: string;
  value: string;
  met: boolean | null;
  note?: string;
}

export interface BenchResults {
  startedAt: string;
  finishedAt?: string;
  mode: 'quick' | 'full';
  command: string;
  machine: MachineInfo;
  config: { connections: number; durationSec: number; warmupSec: number; rounds: number; seed: string; engines: string[]; scenarios: string[] };
  dataset?: GenerateReport & { counts: Record<string, number>; seconds: number };
  scenarios: { name: string; title: string; status: 'run' | 'pending'; needs: string[]; describe?: string; reason?: string }[];
  runs: RunResult[];
  sql: SqlProbeResult[];
  directSql: DirectSqlResult[];
  scaleOut: ScaleOutResult[];
  /** The engines in front of replayed subgraphs (gateway cost alone). */
  enginesAlone: RunResult[];
  targets: TargetResult[];
  notes: string[];
}
