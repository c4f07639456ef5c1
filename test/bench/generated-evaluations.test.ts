import { describe, expect, it } from 'vitest';
import { buildAdminDataset } from '@kn/communes/seed/admin-units';
import { statusOn } from '@kn/evaluations/reports/calendar';
import { copyTenantRows } from '@kn/bench/data/copy';
import { communesByTenant } from '@kn/bench/data/generator';
import { planDataset } from '@kn/bench/data/plan';
import { classificationRows } from '@kn/bench/data/parts/communes';
import { cycleDocs, EVALUATION_LOAD_ORDER, EVALUATION_TABLES, evaluationRows, RATED_YEARS, sumContributions } from '@kn/bench/data/parts/evaluations';
import { buildSponsorsModel, contributionRows, cycleRows } from '@kn/bench/data/parts/sponsors';
import { Rng } from '@kn/bench/rng';
import { gql, platform, tokenFor, withDb } from '../support/client.js';
import { createTestTenant } from '../support/tenants.js';

/**
 * The benchmark's generated evaluations data (bench/src/data/parts/evaluations.ts) against the real
 * schema: loaded for one test tenant with the COPY loader as the subgraph's owner under RLS, every
 * row accepted by the tables' checks and foreign keys, and `provinceDashboard` through the gateway
 * equal to figures computed here from the rows generated. No timing is checked here.
 */
describe('benchmark dataset: generated evaluations load and the province dashboard reads them back', () => {
  it('every generated row is accepted, and provinceDashboard(2024) agrees with the rows', async () => {
    const tenant = await createTestTenant('geneval');
    const seed = 'kn-bench-test';
    const geo = buildAdminDataset([{ slug: tenant, name: `Test ${tenant}`, oldProvinces: ['04'], newProvinces: ['04'] }]);
    const plan = planDataset(seed, { sponsors: 40, contributions: 2_000, yearFrom: 2016, yearTo: 2026 }, communesByTenant(geo));
    const classes = new Map<string, Set<string>>();
    for (const [, unit, cls] of classificationRows(geo, new Rng(seed, 'classifications'), 'x')) {
      classes.set(unit as string, (classes.get(unit as string) ?? new Set()).add(cls as string));
    }
    const model = buildSponsorsModel(seed, geo, plan, classes);
    const sums = sumContributions(contributionRows(seed, model[0]!, 2016, plan.tenants[0]!.contributionsByYear), new Set(RATED_YEARS.map((r) => r.year)));
    const rows = evaluationRows(seed, geo, model, cycleDocs(cycleRows(seed, model, [2016, 2026])), new Map([[tenant, sums]]));

    await withDb(platform().dbUrls.evaluations!.owner, async (c) => {
      for (const table of EVALUATION_LOAD_ORDER) {
        const r = await copyTenantRows(c, { table: `evaluations.${table}`, columns: EVALUATION_TABLES[table] }, rows[table]);
        expect(r.rows, table).toBe(rows[table].length);
      }
    });
    expect(rows.report.length).toBeGreaterThan(100);
    expect(rows.commune_measurement.length).toBeGreaterThan(100);

    // what the dashboard must say, from the generated rows
    const year = 2024;
    const asOf = '2025-01-10';
    const col = (table: keyof typeof EVALUATION_TABLES, name: string) => (EVALUATION_TABLES[table] as readonly string[]).indexOf(name);
    const run = rows.evaluation_run.find((r) => r[col('evaluation_run', 'year')] === year && r[col('evaluation_run', 'status')] === 'APPROVED')!;
    const grades = new Map<string, number>();
    for (const e of rows.sponsor_evaluation) {
      const g = e[col('sponsor_evaluation', 'grade')] as string | null;
      if (e[col('sponsor_evaluation', 'run_id')] === run[col('evaluation_run', 'id')] && g) grades.set(g, (grades.get(g) ?? 0) + 1);
    }
    const statuses = new Map<string, number>();
    for (const r of rows.report) {
      if (!(r[col('report', 'period_start')] as string).startsWith(`${year}-`)) continue;
      const s = statusOn(r[col('report', 'due_on')] as string, r[col('report', 'submitted_on')] as string | null, asOf);
      statuses.set(s, (statuses.get(s) ?? 0) + 1);
    }
    const measured = rows.commune_measurement.filter((m) => m[col('commune_measurement', 'year')] === year);
    const sum = (i: number) => measured.reduce((a, m) => a + (m[i] as number), 0);

    const r = await gql(
      await tokenFor(tenant, 'analyst'),
      `query($asOf: Date) { provinceDashboard(year: 2024, asOf: $asOf) {
        gradeDistribution { grade count } overdueReports reports { status count }
        ntm { communesMeasured certifiedCommunes distribution { criteriaMet communes } }
        poverty { communesMeasured households poorHouseholds nearPoorHouseholds } } }`,
      { asOf },
    );
    expect(r.errors).toBeUndefined();
    const d = r.data.provinceDashboard;
    expect(d.gradeDistribution).toEqual(['EXCELLENT', 'GOOD', 'FAIR', 'AVERAGE', 'WEAK'].map((g) => ({ grade: g, count: grades.get(g) ?? 0 })));
    expect([...grades.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(d.reports).toEqual(['PENDING', 'SUBMITTED_ON_TIME', 'SUBMITTED_LATE', 'OVERDUE'].map((s) => ({ status: s, count: statuses.get(s) ?? 0 })));
    expect(d.overdueReports).toBe(statuses.get('OVERDUE') ?? 0);
    expect(d.overdueReports).toBeGreaterThan(0);
    expect(d.ntm.communesMeasured).toBe(measured.length);
    expect(d.ntm.certifiedCommunes).toBe(measured.filter((m) => m[col('commune_measurement', 'ntm_certified')]).length);
    for (const { criteriaMet, communes } of d.ntm.distribution) {
      expect(communes, `${criteriaMet} criteria`).toBe(measured.filter((m) => JSON.parse(m[col('commune_measurement', 'criteria_met')] as string).length === criteriaMet).length);
    }
    expect(d.poverty).toEqual({
      communesMeasured: measured.length,
      households: sum(col('commune_measurement', 'households')),
      poorHouseholds: sum(col('commune_measurement', 'poor_households')),
      nearPoorHouseholds: sum(col('commune_measurement', 'near_poor_households')),
    });
  });
});
