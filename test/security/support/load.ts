import { isNonNullType } from 'graphql';
import type { Role } from '@kn/platform/identity';
import { fillerOf } from './harvest.js';
import { errorsOf, gqlRaw, sleep, type Reply, type Who } from './http.js';
import { itemType, operation, requiredArgs, rootFields, selection } from './schema.js';
import { TENANTS, type World } from './world.js';

export interface LoadOp {
  name: string;
  query: string;
  variables: Record<string, unknown>;
  who: Who;
}

export interface Outcome {
  op: string;
  at: number;
  ms: number;
  status: number;
  ok: boolean;
  /** Error codes of the answer ('NETWORK' when there was no answer). */
  codes: string[];
  reply?: Reply;
}

/** A request that counts as a success: HTTP 200, data, no error. */
export const succeeded = (r: Reply) => r.status === 200 && r.body?.data != null && errorsOf(r).length === 0;

export async function fire(w: World, op: LoadOp, timeoutMs = 10_000): Promise<Outcome> {
  const at = performance.now();
  try {
    const r = await gqlRaw(await w.tokens.get(op.who), op.query, op.variables, { timeoutMs });
    return {
      op: op.name,
      at,
      ms: performance.now() - at,
      status: r.status,
      ok: succeeded(r),
      codes: errorsOf(r).map((e) => String(e.extensions?.code ?? 'NO_CODE')),
      reply: r,
    };
  } catch (e) {
    return { op: op.name, at, ms: performance.now() - at, status: 0, ok: false, codes: [e instanceof Error && e.name === 'TimeoutError' ? 'TIMEOUT' : 'NETWORK'] };
  }
}

/**
 * An outcome as a load keeps it: the answer's body only when it failed (the checks read failed
 * answers; the soak's tens of thousands of successful bodies filled the test process's 4 GB heap).
 */
function kept(o: Outcome): Outcome {
  if (!o.ok) return o;
  const { reply: _, ...rest } = o;
  return rest;
}

/**
 * The read mix, generated from the schema: every query field, for both tenants and every tenant
 * role, with the tenant's own arguments (its ids where a field takes an id) and lists of 20, each
 * checked once — an operation that does not succeed on a quiet platform is left out (and counted).
 */
export async function readMix(w: World, roles: Role[] = ['admin', 'officer', 'analyst', 'sponsor']): Promise<{ ops: LoadOp[]; dropped: string[] }> {
  const ops: LoadOp[] = [];
  const dropped: string[] = [];
  for (const tenant of TENANTS) {
    const fill = fillerOf(w.tenants[tenant]!.store, tenant);
    for (const field of rootFields(w.schema, 'query')) {
      let args = requiredArgs(w.schema, field, fill);
      const idArg = field.args.find((a) => a.name === 'id' && !isNonNullType(a.type));
      if (idArg && Object.keys(args).length === 0) {
        const id = w.tenants[tenant]!.store.get(itemType(field.type).name, 'id')[0];
        if (id) args = { id };
      }
      if (field.args.some((a) => a.name === 'first')) args = { ...args, first: 20 };
      for (const role of roles) {
        // the richest selection the gateway's limits accept
        let last = '';
        for (const depth of [2, 1, 0]) {
          const op = operation('query', field, args, selection(w.schema, field.type, { depth, first: 5 }));
          const candidate: LoadOp = { name: `${field.name}@${tenant}/${role}`, query: op.query, variables: op.variables, who: w.who(tenant, role) };
          const check = await fire(w, candidate);
          if (check.ok) {
            ops.push(candidate);
            last = '';
            break;
          }
          last = `${candidate.name}: ${check.codes.join(',')}`;
          if (!check.codes.includes('QUERY_TOO_COMPLEX')) break;
        }
        if (last) dropped.push(last);
      }
    }
  }
  return { ops, dropped };
}

export interface LoadRun {
  outcomes: Outcome[];
  stop(): Promise<Outcome[]>;
}

/** Closed loop: `concurrency` workers, each firing the next op as soon as the last one answered. */
export function closedLoop(w: World, ops: LoadOp[], concurrency: number, opts: { timeoutMs?: number } = {}): LoadRun {
  const outcomes: Outcome[] = [];
  let running = true;
  let i = 0;
  const workers = Array.from({ length: concurrency }, async () => {
    while (running) {
      const op = ops[i++ % ops.length]!;
      outcomes.push(kept(await fire(w, op, opts.timeoutMs)));
    }
  });
  return {
    outcomes,
    async stop() {
      running = false;
      await Promise.all(workers);
      return outcomes;
    },
  };
}

/** Open loop at `ratePerSecond` (requests start on schedule whatever the latency; at most `maxInFlight`). */
export function openLoop(w: World, ops: LoadOp[], ratePerSecond: number, opts: { maxInFlight?: number; timeoutMs?: number } = {}): LoadRun & { skipped: () => number } {
  const outcomes: Outcome[] = [];
  const inflight = new Set<Promise<void>>();
  let running = true;
  let skipped = 0;
  let i = 0;
  const started = performance.now();
  const loop = (async () => {
    let n = 0;
    while (running) {
      const due = started + (n * 1000) / ratePerSecond;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      if (!running) break;
      n++;
      if (inflight.size >= (opts.maxInFlight ?? 64)) {
        skipped++;
        continue;
      }
      const op = ops[i++ % ops.length]!;
      const p = fire(w, op, opts.timeoutMs).then((o) => {
        outcomes.push(kept(o));
        inflight.delete(p);
      });
      inflight.add(p);
    }
  })();
  return {
    outcomes,
    skipped: () => skipped,
    async stop() {
      running = false;
      await loop;
      await Promise.all(inflight);
      return outcomes;
    },
  };
}

/** Successful requests per second over a run. */
export function throughput(outcomes: Outcome[], seconds: number): number {
  return outcomes.filter((o) => o.ok).length / seconds;
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}
