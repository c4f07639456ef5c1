import pg from 'pg';
import type { DirectSql } from './scenarios/types.js';
import { summarize, type LatencySummary } from './stats.js';

export interface DirectSqlTiming {
  /** Over every group's samples (the groups in turn, as the request pool mixes its tenants). */
  latency: LatencySummary;
  /** p50 per group (e.g. per tenant). */
  perGroupP50: Record<string, number>;
  runs: number;
  groups: number;
}

/**
 * Times the hand-written SQL of a scenario directly against PostgreSQL, as the subgraph's role
 * (owner or app; row-level security forced for both) with the tenant set in a read-only
 * transaction, exactly as the services run their statements. One connection per role, kept open;
 * `warmup` untimed rounds first, then `runs` timed rounds; in each round every group runs once and
 * its statements' times are added (one sample per group and round). Only the statement is timed
 * (not BEGIN, the tenant setting or COMMIT).
 */
export async function timeDirectSql(
  list: DirectSql[],
  urlOf: (subgraph: string, role: 'owner' | 'app') => string,
  opts: { runs: number; warmup: number },
): Promise<DirectSqlTiming> {
  const clients = new Map<string, pg.Client>();
  const client = async (d: DirectSql) => {
    const key = `${d.subgraph}:${d.role ?? 'app'}`;
    let c = clients.get(key);
    if (!c) {
      c = new pg.Client({ connectionString: urlOf(d.subgraph, d.role ?? 'app') });
      await c.connect();
      clients.set(key, c);
    }
    return c;
  };
  const groups = new Map<string, DirectSql[]>();
  list.forEach((d, i) => groups.set(d.group ?? String(i), [...(groups.get(d.group ?? String(i)) ?? []), d]));
  const samples: number[] = [];
  const perGroup = new Map<string, number[]>();
  try {
    for (let round = 0; round < opts.warmup + opts.runs; round++) {
      for (const [name, statements] of groups) {
        let total = 0;
        for (const d of statements) {
          const c = await client(d);
          await c.query('begin read only');
          try {
            await c.query(`select set_config('app.tenant_id', $1, true), set_config('app.read_all', $2, true)`, [d.tenant ?? '', d.tenant ? 'off' : 'on']);
            const t0 = performance.now();
            await c.query(d.sql, d.params as unknown[] | undefined);
            total += performance.now() - t0;
          } finally {
            await c.query('commit');
          }
        }
        if (round >= opts.warmup) {
          samples.push(total);
          perGroup.set(name, [...(perGroup.get(name) ?? []), total]);
        }
      }
    }
  } finally {
    await Promise.all([...clients.values()].map((c) => c.end().catch(() => {})));
  }
  return {
    latency: summarize(samples),
    perGroupP50: Object.fromEntries([...perGroup].map(([k, v]) => [k, summarize(v).p50])),
    runs: opts.runs,
    groups: groups.size,
  };
}
