import { describe, expect, it } from 'vitest';
import { buildAdminDataset } from '@kn/communes/seed/admin-units';
import { Rng } from '../rng.js';
import { copyField, copyLine } from './copy.js';
import { communesByTenant } from './generator.js';
import { NATIONAL_SCALE, planDataset } from './plan.js';
import { classificationRows } from './parts/communes.js';
import { programRows } from './parts/programs.js';
import { buildSponsorsModel, contributionRows, cycleRows } from './parts/sponsors.js';
import { cycleDocs, EVALUATION_TABLES, evaluationRows, RATED_YEARS, sumContributions } from './parts/evaluations.js';

describe('COPY text format', () => {
  it('escapes backslashes, tabs and newlines; writes NULL as \\N', () => {
    expect(copyField('Xã Thụy Hùng')).toBe('Xã Thụy Hùng');
    expect(copyField('a\tb\nc\\d\re')).toBe('a\\tb\\nc\\\\d\\re');
    expect(copyField(null)).toBe('\\N');
    expect(copyField(undefined)).toBe('\\N');
    expect(copyField(3_002_800_000_000n)).toBe('3002800000000');
    expect(copyField(true)).toBe('t');
    expect(copyField(new Date('2024-03-31T00:00:00Z'))).toBe('2024-03-31T00:00:00.000Z');
    expect(copyField(['20', 'a"b', null])).toBe('{"20","a\\\\"b",NULL}');
    expect(copyLine(['t', 1, null])).toBe('t\t1\t\\N\n');
    expect(() => copyField(Number.NaN)).toThrow();
  });
});

describe('the national dataset plan', () => {
  const weights = new Map([
    ['p04-cao-bang', 300],
    ['p20-lang-son', 200],
    ['p48-da-nang', 500],
  ]);

  it('spreads sponsors and contributions exactly over tenants and years, the same way every time', () => {
    const plan = planDataset('kn-bench-1', NATIONAL_SCALE, weights);
    expect(plan).toEqual(planDataset('kn-bench-1', NATIONAL_SCALE, weights));
    expect(plan.years).toEqual([2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    expect(plan.tenants.reduce((s, t) => s + t.sponsors, 0)).toBe(20_000);
    const contributions = plan.tenants.reduce((s, t) => s + t.contributionsByYear.reduce((a, b) => a + b, 0), 0);
    expect(contributions).toBe(1_000_000);
    expect(plan.tenants.find((t) => t.tenant === 'p48-da-nang')!.sponsors).toBe(10_000);
    expect(planDataset('another seed', NATIONAL_SCALE, weights).tenants[0]!.contributionsByYear).not.toEqual(plan.tenants[0]!.contributionsByYear);
  });
});

describe('synthetic classifications', () => {
  const geo = buildAdminDataset([{ slug: 't-cao-bang', name: 'Cao Bằng', oldProvinces: ['04'], newProvinces: ['04'] }]);

  it('are deterministic from the seed, valid, and inherited by the new communes', () => {
    const rows = [...classificationRows(geo, new Rng('kn-bench-1', 'classifications'), 'bench:synthetic:kn-bench-1')];
    expect(rows).toEqual([...classificationRows(geo, new Rng('kn-bench-1', 'classifications'), 'bench:synthetic:kn-bench-1')]);
    expect(rows.length).toBeGreaterThan(50);
    const units = new Map(geo.units.map((u) => [u.id, u]));
    const keys = new Set<string>();
    for (const [tenant, unit, cls] of rows) {
      expect(tenant).toBe('t-cao-bang');
      const u = units.get(unit as string)!;
      expect(u).toBeDefined();
      expect(cls === 'LOWLAND').toBe(u.level === 'DISTRICT');
      const k = `${unit}:${cls}`;
      expect(keys.has(k), `duplicate ${k}`).toBe(false);
      keys.add(k);
    }
    // a new commune is BORDER only if one of its predecessors is
    const border = new Set(rows.filter((r) => r[2] === 'BORDER').map((r) => r[1]));
    for (const id of border) {
      const u = units.get(id as string)!;
      if (u.validFrom === null) continue;
      const preds = geo.successions.filter((s) => s.successorId === id).map((s) => s.predecessorId);
      expect(preds.some((p) => border.has(p))).toBe(true);
    }
    expect(communesByTenant(geo).get('t-cao-bang')).toBe(geo.units.filter((u) => u.level === 'COMMUNE').length);
  });
});

describe('synthetic programmes, sponsors, the yearly cycle and contributions', () => {
  const seed = 'kn-bench-test';
  const geo = buildAdminDataset([{ slug: 't-cao-bang', name: 'Cao Bằng', oldProvinces: ['04'], newProvinces: ['04'] }]);
  const plan = planDataset(seed, { sponsors: 150, contributions: 6_000, yearFrom: 2016, yearTo: 2026 }, communesByTenant(geo));
  const classes = new Map<string, Set<string>>();
  for (const [, unit, cls] of classificationRows(geo, new Rng(seed, 'classifications'), 'x')) {
    classes.set(unit as string, (classes.get(unit as string) ?? new Set()).add(cls as string));
  }
  const units = new Map(geo.units.map((u) => [u.id, u]));
  const successors = new Map<string, string[]>();
  for (const s of geo.successions) successors.set(s.predecessorId, [...(successors.get(s.predecessorId) ?? []), s.successorId]);
  const model = buildSponsorsModel(seed, geo, plan, classes);
  const tenant = model[0]!;

  it('programmes: codes the schema accepts, every covered commune and target of the tenant', () => {
    const rows = programRows(seed, geo, classes);
    expect(rows).toEqual(programRows(seed, geo, classes));
    const programs = new Set(rows.program.map((p) => p[1]));
    expect(rows.program.length).toBeGreaterThanOrEqual(4);
    for (const p of rows.program) expect(p[2]).toMatch(/^[A-Z0-9][A-Z0-9./-]{1,39}$/);
    expect(rows.program.some((p) => p[5] === 'TWINNING')).toBe(true);
    for (const c of rows.covered_commune) {
      expect(programs.has(c[1])).toBe(true);
      expect(units.get(c[2] as string)?.level).toBe('COMMUNE');
    }
    for (const t of rows.target) expect(programs.has(t[2])).toBe(true);
    expect(new Set(rows.covered_commune.map((c) => `${c[1]}:${c[2]}`)).size).toBe(rows.covered_commune.length);
  });

  it('sponsors: the planned count, kinds mixed, staff counts for agencies, lowland only for districts', () => {
    expect(buildSponsorsModel(seed, geo, plan, classes)).toEqual(model);
    expect(tenant.sponsors.length).toBe(150);
    const kinds = new Set(tenant.sponsors.map((s) => s.kind));
    expect(kinds.size).toBeGreaterThanOrEqual(6);
    for (const s of tenant.sponsors) {
      expect(s.code).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/);
      expect(s.staffCount !== null).toBe(s.kind === 'PROVINCIAL_AGENCY');
      if (s.lowland) expect(s.kind).toBe('DISTRICT');
      if (s.districtId) expect(units.get(s.districtId)?.level).toBe('DISTRICT');
    }
  });

  it('twinnings: real communes of the tenant, old ones before the reform and new ones after, periods the schema accepts', () => {
    expect(tenant.twinnings.length).toBeGreaterThan(150);
    const codes = new Set<string>();
    for (const t of tenant.twinnings) {
      const c = units.get(t.communeId)!;
      expect(c.level).toBe('COMMUNE');
      expect(c.tenantId).toBe('t-cao-bang');
      // a twinning never starts with a commune that had ceased, nor before a new commune existed
      if (c.validTo) expect(t.startsOn <= c.validTo).toBe(true);
      if (c.validFrom) expect(t.startsOn >= c.validFrom).toBe(true);
      if (t.endsOn) expect(t.endsOn >= t.startsOn).toBe(true);
      if (t.status === 'ENDED') expect(t.endsOn).not.toBeNull();
      if (t.successorCommuneId) expect(successors.get(t.communeId)).toContain(t.successorCommuneId);
      expect(codes.has(t.code)).toBe(false);
      codes.add(t.code);
    }
    expect(tenant.twinnings.some((t) => units.get(t.communeId)!.validFrom !== null)).toBe(true);
    expect(tenant.twinnings.some((t) => t.endsOn === '2025-06-30')).toBe(true);
  });

  it('the yearly cycle: one proposal and one plan at most per twinning and year, lateness against the deadline', () => {
    const cycle = cycleRows(seed, model, [2016, 2026]);
    for (const docs of [cycle.proposals, cycle.plans]) {
      const keys = docs.map((d) => `${d[2]}:${d[3]}`);
      expect(new Set(keys).size).toBe(keys.length);
      for (const d of docs) {
        expect(String(d[4]).slice(0, 4)).toBe(String(d[3]));
        expect(d[6]).toBe(d[5] === null ? null : String(d[4]) <= String(d[5]));
      }
    }
    expect(cycle.needsItems.length).toBeGreaterThanOrEqual(cycle.proposals.length);
  });

  it('contributions: exactly the plan per year, dated inside their twinning and year, reversals negate a verified original', () => {
    const byYear = plan.tenants[0]!.contributionsByYear;
    const rows = [...contributionRows(seed, tenant, 2016, byYear)];
    expect(rows).toEqual([...contributionRows(seed, tenant, 2016, byYear)]);
    expect(rows.length).toBe(byYear.reduce((a, b) => a + b, 0));
    const twinnings = new Map(tenant.twinnings.map((t) => [t.id, t]));
    const counts = new Map<number, number>();
    const byId = new Map(rows.map((r) => [r[1], r]));
    for (const r of rows) {
      const [, , twinningId, sponsorId, communeId, programId, on, , , cash, inKind, , models, modelKind, , , status, reverses] = r;
      const t = twinnings.get(twinningId as string)!;
      expect(t.status).not.toBe('PROPOSED');
      expect([sponsorId, communeId, programId]).toEqual([t.sponsor.id, t.communeId, t.programId]);
      expect(on as string >= t.startsOn).toBe(true);
      if (t.endsOn) expect(on as string <= t.endsOn).toBe(true);
      counts.set(Number(String(on).slice(0, 4)), (counts.get(Number(String(on).slice(0, 4))) ?? 0) + 1);
      if (models !== 0) expect(modelKind).not.toBeNull();
      if (reverses) {
        const original = byId.get(reverses)!;
        expect(original[16]).toBe('VERIFIED');
        expect(status).toBe('VERIFIED');
        expect([cash, inKind]).toEqual([-(original[9] as bigint), -(original[10] as bigint)]);
      } else {
        expect((cash as bigint) >= 0n && (inKind as bigint) >= 0n).toBe(true);
        expect(typeof cash).toBe('bigint');
      }
    }
    expect([...counts.entries()].sort((a, b) => a[0] - b[0]).map(([, n]) => n)).toEqual(byYear);
  });
});

describe('synthetic evaluations', () => {
  const seed = 'kn-bench-1';
  const geo = buildAdminDataset([{ slug: 't-cao-bang', name: 'Cao Bằng', oldProvinces: ['04'], newProvinces: ['04'] }]);
  const plan = planDataset(seed, { sponsors: 150, contributions: 6_000, yearFrom: 2016, yearTo: 2026 }, communesByTenant(geo));
  const classes = new Map<string, Set<string>>();
  for (const [, unit, cls] of classificationRows(geo, new Rng(seed, 'classifications'), 'x')) classes.set(unit as string, (classes.get(unit as string) ?? new Set()).add(cls as string));
  const model = buildSponsorsModel(seed, geo, plan, classes);
  const rows = () => {
    const sums = sumContributions(contributionRows(seed, model[0]!, 2016, plan.tenants[0]!.contributionsByYear), new Set(RATED_YEARS.map((r) => r.year)));
    return evaluationRows(seed, geo, model, cycleDocs(cycleRows(seed, model, [2016, 2026])), new Map([['t-cao-bang', sums]]));
  };
  const col = (table: keyof typeof EVALUATION_TABLES, name: string) => (EVALUATION_TABLES[table] as readonly string[]).indexOf(name);

  it('are deterministic, keep the tables\' checks, and rate only the model\'s sponsors', () => {
    const r = rows();
    expect(r).toEqual(rows());
    for (const m of r.commune_measurement) {
      const [households, poor, near] = ['households', 'poor_households', 'near_poor_households'].map((c) => m[col('commune_measurement', c)] as number);
      expect(poor! + near!).toBeLessThanOrEqual(households!);
      const met = JSON.parse(m[col('commune_measurement', 'criteria_met')] as string) as number[];
      const size = m[col('commune_measurement', 'criteria_set_code')] === 'NTM-2026-2030' ? 10 : 19;
      expect(met.every((n) => n >= 1 && n <= size) && new Set(met).size === met.length).toBe(true);
      expect(m[col('commune_measurement', 'ntm_certified')]).toBe(met.length === size);
    }
    const ids = new Set(r.commune_measurement.map((m) => `${m[col('commune_measurement', 'commune_id')]}:${m[col('commune_measurement', 'year')]}`));
    expect(ids.size).toBe(r.commune_measurement.length);
    for (const x of r.report) {
      expect(x[col('report', 'due_on')]! >= x[col('report', 'period_start')]!).toBe(true);
      const submitted = x[col('report', 'submitted_on')] as string | null;
      expect(submitted === null || submitted <= '2026-11-15').toBe(true);
    }
    const sponsors = new Set(model[0]!.sponsors.map((s) => s.id));
    expect(r.sponsor_evaluation.length).toBeGreaterThan(0);
    expect(r.sponsor_evaluation.every((e) => sponsors.has(e[col('sponsor_evaluation', 'sponsor_id')] as string))).toBe(true);
    expect(r.evaluation_run.map((x) => x[col('evaluation_run', 'status')])).toEqual(['APPROVED', 'DRAFT']);
  });
});
