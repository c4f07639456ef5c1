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
import { cycleDocs, EVALUATION_LOAD_ORDER, EVALUATION_TABLES, evaluationRows, RATED_YEARS, sumContributions, type ContributionFacts } from './parts/evaluations.js';
import { programRows, PROGRAM_TABLES, type ClassesByUnit, type ProgramRows } from './parts/programs.js';
import {
  buildSponsorsModel, contributionRows, CONTRIBUTION_COLUMNS, cycleRows, DEADLINE_COLUMNS, deadlineRows, DOC_COLUMNS, NEEDS_ITEM_COLUMNS,
  PLAN_ITEM_COLUMNS, SPONSOR_COLUMNS, sponsorRows, TWINNING_COLUMNS, twinningRows, type TenantSponsors,
} from './parts/sponsors.js';

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
  /** Computed once per run and shared by the parts (e.g. the sponsors model both sponsor parts use). */
  memo<T>(key: string, compute: () => T): T;
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

/** The synthetic classifications of the `classifications` part, per unit (the same rows, recomputed). */
function classesByUnit(ctx: GeneratorContext): ClassesByUnit {
  return ctx.memo('classes', () => {
    const map = new Map<string, Set<string>>();
    for (const [, unit, cls] of classificationRows(ctx.geography, ctx.rng('classifications'), `bench:synthetic:${ctx.seed}`)) {
      const set = map.get(unit as string) ?? new Set<string>();
      set.add(cls as string);
      map.set(unit as string, set);
    }
    return map;
  });
}

function sponsorsModel(ctx: GeneratorContext): TenantSponsors[] {
  return ctx.memo('sponsors-model', () => buildSponsorsModel(ctx.seed, ctx.geography, ctx.plan, classesByUnit(ctx)));
}

/** The yearly cycle (needs proposals, plans and their items): the sponsors part loads it, the evaluations part reads its dates. */
function sponsorsCycle(ctx: GeneratorContext) {
  return ctx.memo('sponsors-cycle', () => cycleRows(ctx.seed, sponsorsModel(ctx), [ctx.plan.scale.yearFrom, ctx.plan.scale.yearTo]));
}

/**
 * Another seed's rows of a part are dropped before this seed's are loaded: the benchmark database
 * holds generated data only, so the owner truncates the part's tables (RLS does not apply to
 * TRUNCATE; the owner may truncate its own tables) and forgets the other seed's marks.
 */
async function dropOtherSeeds(client: ClientBase, schema: string, parts: string[], seed: string, tables: string[]): Promise<boolean> {
  const { rows } = await client.query<{ name: string }>(
    `select name from ${ident(schema)}.seed_log where name like any($1) and not name = any($2)`,
    [parts.map((p) => `bench:${p}:%`), parts.map((p) => `bench:${p}:${seed}`)],
  );
  if (rows.length === 0) return false;
  await client.query(`truncate ${tables.map((t) => `${ident(schema)}.${ident(t)}`).join(', ')}`);
  await client.query(`delete from ${ident(schema)}.seed_log where name like any($1)`, [parts.map((p) => `bench:${p}:%`)]);
  return true;
}

const SPONSORS_TABLES = ['idempotency_key', 'api_key', 'contribution', 'import_batch', 'plan_item', 'yearly_plan', 'needs_item', 'needs_proposal', 'twinning', 'sponsor', 'cycle_deadline', 'audit_log'];
const EVALUATIONS_TABLES: string[] = [...[...EVALUATION_LOAD_ORDER].reverse(), 'audit_log'];
const PROGRAMS_TABLES = ['covered_commune', 'target', 'task', 'funding_line', 'program', 'indicator', 'audit_log'];

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
    describe:
      'SYNTHETIC, per tenant: the twinning programme (2016–2030) and 2–5 others (NTM 2016–2020 and 2021–2025, poverty reduction, border economy, local schemes), ' +
      '8 indicators, targets (yearly funding targets for the twinning programme), funding lines, two tasks each, covered communes by classification',
    async load(ctx) {
      return ctx.asOwner('programs', async (c) => {
        const mark = `bench:programs:${ctx.seed}`;
        if (await dropOtherSeeds(c, 'programs', ['programs'], ctx.seed, PROGRAMS_TABLES)) ctx.log('dataset: programs of another seed dropped');
        if (await alreadyLoaded(c, 'programs', mark)) return { rows: {} };
        const rows = programRows(ctx.seed, ctx.geography, classesByUnit(ctx));
        const counts: Record<string, number> = {};
        for (const table of ['indicator', 'program', 'covered_commune', 'target', 'task', 'funding_line'] as (keyof ProgramRows)[]) {
          const r = await ctx.copyTenantRows(c, { table: `programs.${table}`, columns: PROGRAM_TABLES[table], onConflictDoNothing: true }, rows[table]);
          counts[table] = r.rows;
        }
        await markLoaded(c, 'programs', mark);
        return { rows: counts };
      });
    },
  },
  {
    name: 'sponsors',
    subgraph: 'sponsors',
    describe:
      'SYNTHETIC: ~20,000 sponsors (ctx.plan.tenants[].sponsors; agencies with staff counts, the tenant\'s districts — lowland flagged — enterprises, groups, ' +
      'armed forces, mass organisations), 1–4 twinnings each with real communes (old units before 1/7/2025, continuing in or renewed with their successors, ' +
      'new units after), deadlines for 40 % of tenants, needs proposals and yearly plans with items (some late, some missing)',
    async load(ctx) {
      return ctx.asOwner('sponsors', async (c) => {
        const mark = `bench:sponsors:${ctx.seed}`;
        if (await dropOtherSeeds(c, 'sponsors', ['sponsors', 'contributions'], ctx.seed, SPONSORS_TABLES)) ctx.log('dataset: sponsors of another seed dropped');
        if (await alreadyLoaded(c, 'sponsors', mark)) return { rows: {} };
        const model = sponsorsModel(ctx);
        const counts: Record<string, number> = {};
        const load = async (table: string, columns: string[], rows: Iterable<readonly CopyValue[]>) => {
          const t0 = performance.now();
          counts[table] = (await ctx.copyTenantRows(c, { table: `sponsors.${table}`, columns, onConflictDoNothing: true }, rows)).rows;
          ctx.log(`dataset:   sponsors.${table} ${counts[table]} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
        };
        await load('cycle_deadline', DEADLINE_COLUMNS, deadlineRows(model));
        await load('sponsor', SPONSOR_COLUMNS, sponsorRows(model));
        await load('twinning', TWINNING_COLUMNS, twinningRows(model));
        const cycle = sponsorsCycle(ctx);
        await load('needs_proposal', DOC_COLUMNS('submitted_on'), cycle.proposals);
        await load('needs_item', NEEDS_ITEM_COLUMNS, cycle.needsItems);
        await load('yearly_plan', DOC_COLUMNS('signed_on'), cycle.plans);
        await load('plan_item', PLAN_ITEM_COLUMNS, cycle.planItems);
        await markLoaded(c, 'sponsors', mark);
        return { rows: counts };
      });
    },
  },
  {
    name: 'contributions',
    subgraph: 'sponsors',
    describe:
      '1,000,000 contributions 2016–2026 (ctx.plan.tenants[].contributionsByYear, exact) over the twinnings active each year, weighted by sponsor kind; ' +
      'categories (gifts fading), cash and in-kind đồng (bigint), households, models with their kind, people trained; statuses by date; a few reversals',
    async load(ctx) {
      return ctx.asOwner('sponsors', async (c) => {
        const mark = `bench:contributions:${ctx.seed}`;
        if (await alreadyLoaded(c, 'sponsors', mark)) return { rows: { contribution: 0 } };
        if (!(await alreadyLoaded(c, 'sponsors', `bench:sponsors:${ctx.seed}`))) throw new Error('contributions need the sponsors part of the same seed');
        const model = sponsorsModel(ctx);
        const plans = new Map(ctx.plan.tenants.map((t) => [t.tenant, t]));
        let total = 0;
        // one COPY and one transaction per tenant (≈ 30,000 rows each): a small staging table, progress
        for (const t of model) {
          const r = await ctx.copyTenantRows(
            c,
            { table: 'sponsors.contribution', columns: CONTRIBUTION_COLUMNS, onConflictDoNothing: true },
            contributionRows(ctx.seed, t, ctx.plan.scale.yearFrom, plans.get(t.tenant)!.contributionsByYear),
          );
          total += r.rows;
        }
        await markLoaded(c, 'sponsors', mark);
        return { rows: { contribution: total } };
      });
    },
  },
  {
    name: 'evaluations',
    subgraph: 'evaluations',
    describe:
      'SYNTHETIC, per tenant: the NTM criteria sets (19, 19, 10 criteria); the twinning programme\'s reporting calendar (signed yearly plan by 31/03, ' +
      'year-end assessment by 15/01 of the next year) and every sponsor\'s reports 2016–2026 (plans submitted when all were signed, year-end ' +
      'reports 75 % on time, 15 % late, 10 % never); measurements of every xã valid on 31/12, 2016–2026 (criteria met, certified, households, ' +
      'poor and near-poor; new communes carry their predecessors\' figures); a rule set and evaluation runs 2024 (approved) and 2025 (draft) ' +
      'rated by the service\'s engine over facts from the generated contributions and cycle',
    async load(ctx) {
      return ctx.asOwner('evaluations', async (c) => {
        const mark = `bench:evaluations:${ctx.seed}`;
        if (await dropOtherSeeds(c, 'evaluations', ['evaluations'], ctx.seed, EVALUATIONS_TABLES)) ctx.log('dataset: evaluations of another seed dropped');
        if (await alreadyLoaded(c, 'evaluations', mark)) return { rows: {} };
        const model = sponsorsModel(ctx);
        // the sponsors' facts of the rated years, from the same contribution rows the contributions part loads
        const t0 = performance.now();
        const years = new Set(RATED_YEARS.map((r) => r.year));
        const plans = new Map(ctx.plan.tenants.map((t) => [t.tenant, t]));
        const sums: ContributionFacts = new Map(
          model.map((t) => [t.tenant, sumContributions(contributionRows(ctx.seed, t, ctx.plan.scale.yearFrom, plans.get(t.tenant)!.contributionsByYear), years)]),
        );
        const rows = evaluationRows(ctx.seed, ctx.geography, model, cycleDocs(sponsorsCycle(ctx)), sums);
        ctx.log(`dataset:   evaluations rows computed in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
        const counts: Record<string, number> = {};
        for (const table of EVALUATION_LOAD_ORDER) {
          const t1 = performance.now();
          counts[table] = (await ctx.copyTenantRows(c, { table: `evaluations.${table}`, columns: EVALUATION_TABLES[table], onConflictDoNothing: true }, rows[table])).rows;
          ctx.log(`dataset:   evaluations.${table} ${counts[table]} rows in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
        }
        await markLoaded(c, 'evaluations', mark);
        return { rows: counts };
      });
    },
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
  const memos = new Map<string, unknown>();
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
    memo: <T>(key: string, compute: () => T): T => {
      if (!memos.has(key)) memos.set(key, compute());
      return memos.get(key) as T;
    },
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
