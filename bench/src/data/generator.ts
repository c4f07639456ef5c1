import type { ClientBase } from 'pg';
import { buildAdminDataset, loadAdminDataset, nationalTenants } from '@kn/communes/seed/index';
import type { AdminDataset, TenantSpec } from '@kn/communes/seed/admin-units';
import { withClient } from '@kn/devkit/database';
import type { DatabaseLayout } from '@kn/devkit/database';
import { SUBGRAPHS } from '@kn/devkit/subgraphs';
import { Rng } from '../rng.js';
import { copyTenantRows, insertTenantBatches, type CopyValue, type TenantTableLoad } from './copy.js';
import { planDataset, type DatasetPlan, type ScaleSpec } from './plan.js';
import { classificationRows } from './parts/communes.js';

export interface GeneratorContext {
  seed: string;
  tenants: TenantSpec[];
  /** Every administrative unit of the country with succession links (what the communes subgraph holds). */
  geography: AdminDataset;
  plan: DatasetPlan;
  /** An independent deterministic sequence per name (one per table or concern). */
  rng(stream: string): Rng;
  /** Runs `fn` connected as the subgraph's owner role (the role that owns its tables; not superuser). */
  asOwner<T>(subgraph: string, fn: (client: ClientBase) => Promise<T>): Promise<T>;
  copyTenantRows(client: ClientBase, load: TenantTableLoad, rows: Iterable<readonly CopyValue[]>): Promise<{ rows: number; tenants: number }>;
  insertTenantBatches: typeof insertTenantBatches;
  log(message: string): void;
}

export interface PartResult {
  rows: Record<string, number>;
}

/**
 * One piece of the national dataset, owned by one subgraph. A part runs only when its subgraph is
 * registered (its tables exist); it must be idempotent (a second run with the same seed writes
 * nothing new) and deterministic (the same seed gives the same rows).
 */
export interface DatasetPart {
  name: string;
  subgraph: string;
  describe: string;
  /** Absent: the hook is not written yet (see the TODO next to the part). */
  load?: (ctx: GeneratorContext) => Promise<PartResult>;
}

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** Whether `name` is already recorded in the subgraph's seed_log (owner-only table). */
async function alreadyLoaded(client: ClientBase, schema: string, name: string): Promise<boolean> {
  const { rowCount } = await client.query(`select 1 from ${ident(schema)}.seed_log where name = $1`, [name]);
  return (rowCount ?? 0) > 0;
}
async function markLoaded(client: ClientBase, schema: string, name: string): Promise<void> {
  await client.query(`insert into ${ident(schema)}.seed_log (name) values ($1) on conflict do nothing`, [name]);
}

export const PARTS: DatasetPart[] = [
  {
    name: 'geography',
    subgraph: 'communes',
    describe:
      'real units of the 63 old and 34 new provinces with their succession (the project\'s admin-unit data), one tenant per new province — the same load as `pnpm seed:national`',
    async load(ctx) {
      return ctx.asOwner('communes', async (c) => {
        await loadAdminDataset(c, ctx.geography);
        return { rows: { admin_unit: ctx.geography.units.length, unit_succession: ctx.geography.successions.length } };
      });
    },
  },
  {
    name: 'classifications',
    subgraph: 'communes',
    describe:
      'SYNTHETIC classifications (border, ethnic-minority & mountainous, extremely difficult; lowland districts), drawn from the seed, source "bench:synthetic:<seed>", loaded with COPY through a staging table under RLS',
    async load(ctx) {
      return ctx.asOwner('communes', async (c) => {
        const mark = `bench:classifications:${ctx.seed}`;
        if (await alreadyLoaded(c, 'communes', mark)) return { rows: { unit_classification: 0 } };
        // another seed's synthetic rows go first, tenant by tenant (RLS applies to the owner too)
        for (const t of ctx.tenants) {
          await c.query('begin');
          await c.query(`select set_config('app.tenant_id', $1, true)`, [t.slug]);
          await c.query(`delete from communes.unit_classification where tenant_id = $1 and source like 'bench:synthetic:%'`, [t.slug]);
          await c.query('commit');
        }
        await c.query(`delete from communes.seed_log where name like 'bench:classifications:%'`);
        const r = await ctx.copyTenantRows(
          c,
          { table: 'communes.unit_classification', columns: ['tenant_id', 'unit_id', 'classification', 'source'], onConflictDoNothing: true },
          classificationRows(ctx.geography, ctx.rng('classifications'), `bench:synthetic:${ctx.seed}`),
        );
        await markLoaded(c, 'communes', mark);
        return { rows: { unit_classification: r.rows } };
      });
    },
  },
  // ---------------------------------------------------------------------------------------------
  // Per-subgraph hooks, to be written by each subgraph's owner when it lands (issue 7). Each takes
  // its counts from `ctx.plan` (sponsors per tenant, contributions per tenant and year), draws from
  // `ctx.rng('<table>')`, makes ids with `rng.uuid()` or `seedIds`, and loads as its owner role with
  // `ctx.copyTenantRows` (COPY into staging → INSERT … SELECT per tenant under RLS). Record the
  // load in the subgraph's `seed_log` as `bench:<part>:<seed>` so a second run skips it.
  // ---------------------------------------------------------------------------------------------
  {
    name: 'programs',
    subgraph: 'programs',
    describe: 'per tenant: the twinning programme and 3–6 others (2016–2026), indicators, targets per year, funding lines, covered communes',
    // TODO(programs subgraph): load programmes/targets/funding; `coveredCommunes` from
    // ctx.geography (e.g. the tenant's BORDER communes of the classifications part).
  },
  {
    name: 'sponsors',
    subgraph: 'sponsors',
    describe: '~20,000 sponsors (ctx.plan.tenants[].sponsors), twinnings to communes (old units before 1/7/2025, successors after), needs proposals and yearly plans',
    // TODO(sponsors subgraph): sponsors by kind (agencies with staff counts, lowland districts,
    // enterprises…), 1–3 twinnings each, a needs proposal and a plan per twinning and year
    // (some late), twinnings of merged communes continuing on their successors.
  },
  {
    name: 'contributions',
    subgraph: 'sponsors',
    describe: '1,000,000 contributions 2016–2026 (ctx.plan.tenants[].contributionsByYear) over the twinnings, categories, cash/in-kind đồng, households, models, statuses',
    // TODO(sponsors subgraph): stream rows (a generator function, not an array of a million) into
    // ctx.copyTenantRows; dates inside the twinning's period; bigint đồng.
  },
  {
    name: 'evaluations',
    subgraph: 'evaluations',
    describe: 'reports with due dates and submissions (some late or missing), yearly commune measurements (NTM criteria, poor households) 2016–2026, rule sets per tenant',
    // TODO(evaluations subgraph): reports per sponsor/district per period, measurements per
    // commune and year consistent across the reform (successors roll up predecessors).
  },
];

export interface GenerateOptions {
  seed: string;
  scale: ScaleSpec;
  layout: DatabaseLayout;
  tenants?: TenantSpec[];
  /** Only these parts (default: all whose subgraph is registered). */
  only?: string[];
  log?: (m: string) => void;
}

export interface GenerateReport {
  seed: string;
  scale: ScaleSpec;
  tenants: number;
  parts: { name: string; subgraph: string; status: 'loaded' | 'pending' | 'no-subgraph' | 'skipped'; rows?: Record<string, number>; seconds?: number; describe: string }[];
}

/** Commune-level units per tenant: the weights of the plan. */
export function communesByTenant(geography: AdminDataset): Map<string, number> {
  const counts = new Map<string, number>(geography.tenants.map((t) => [t.slug, 0]));
  for (const u of geography.units) if (u.level === 'COMMUNE') counts.set(u.tenantId, (counts.get(u.tenantId) ?? 0) + 1);
  return counts;
}

/** Builds and loads the national dataset, part by part. */
export async function generateDataset(opts: GenerateOptions): Promise<GenerateReport> {
  const log = opts.log ?? (() => {});
  const tenants = opts.tenants ?? nationalTenants();
  const geography = buildAdminDataset(tenants);
  const plan = planDataset(opts.seed, opts.scale, communesByTenant(geography));
  const registered = new Set(SUBGRAPHS.map((s) => s.name));
  const ctx: GeneratorContext = {
    seed: opts.seed,
    tenants,
    geography,
    plan,
    rng: (stream) => new Rng(opts.seed, stream),
    asOwner: (subgraph, fn) => {
      const urls = opts.layout.urls[subgraph];
      if (!urls) throw new Error(`no database role for subgraph ${subgraph}`);
      return withClient(urls.owner, fn);
    },
    copyTenantRows,
    insertTenantBatches,
    log,
  };
  const report: GenerateReport = { seed: opts.seed, scale: opts.scale, tenants: tenants.length, parts: [] };
  for (const part of PARTS) {
    const base = { name: part.name, subgraph: part.subgraph, describe: part.describe };
    if (opts.only && !opts.only.includes(part.name)) {
      report.parts.push({ ...base, status: 'skipped' });
    } else if (!registered.has(part.subgraph)) {
      report.parts.push({ ...base, status: 'no-subgraph' });
    } else if (!part.load) {
      report.parts.push({ ...base, status: 'pending' });
      log(`dataset: ${part.name} — generator hook not written yet (subgraph ${part.subgraph} is registered)`);
    } else {
      const t0 = performance.now();
      const r = await part.load(ctx);
      const seconds = (performance.now() - t0) / 1000;
      report.parts.push({ ...base, status: 'loaded', rows: r.rows, seconds });
      log(`dataset: ${part.name} ${Object.entries(r.rows).map(([k, v]) => `${k} ${v}`).join(', ')} in ${seconds.toFixed(1)} s`);
    }
  }
  return report;
}
