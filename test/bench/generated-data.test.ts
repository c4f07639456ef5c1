import { describe, expect, it } from 'vitest';
import { buildAdminDataset } from '@kn/communes/seed/admin-units';
import { copyTenantRows, type CopyValue } from '@kn/bench/data/copy';
import { communesByTenant } from '@kn/bench/data/generator';
import { planDataset } from '@kn/bench/data/plan';
import { classificationRows } from '@kn/bench/data/parts/communes';
import { PROGRAM_TABLES, programRows, type ProgramRows } from '@kn/bench/data/parts/programs';
import {
  buildSponsorsModel, contributionRows, CONTRIBUTION_COLUMNS, cycleRows, DEADLINE_COLUMNS, deadlineRows, DOC_COLUMNS, NEEDS_ITEM_COLUMNS,
  PLAN_ITEM_COLUMNS, SPONSOR_COLUMNS, sponsorRows, TWINNING_COLUMNS, twinningRows,
} from '@kn/bench/data/parts/sponsors';
import { Rng } from '@kn/bench/rng';
import { gql, platform, tokenFor, withDb } from '../support/client.js';
import { createTestTenant } from '../support/tenants.js';

/**
 * The benchmark's generated programmes, sponsors, yearly cycle and contributions (bench/src/data/
 * parts/) against the real schema: loaded for one test tenant with the COPY loader as each
 * subgraph's owner under RLS, every row accepted by the tables' checks and foreign keys, and the
 * services' totals equal to the rows generated. No timing is checked here.
 */
describe('benchmark dataset: generated programmes, sponsors and contributions load and read back', () => {
  it('every generated row is accepted, and contributionTotals adds up to what was generated', async () => {
    const tenant = await createTestTenant('gen');
    const seed = 'kn-bench-test';
    const geo = buildAdminDataset([{ slug: tenant, name: `Test ${tenant}`, oldProvinces: ['04'], newProvinces: ['04'] }]);
    const plan = planDataset(seed, { sponsors: 40, contributions: 2_000, yearFrom: 2016, yearTo: 2026 }, communesByTenant(geo));
    const classes = new Map<string, Set<string>>();
    for (const [, unit, cls] of classificationRows(geo, new Rng(seed, 'classifications'), 'x')) {
      classes.set(unit as string, (classes.get(unit as string) ?? new Set()).add(cls as string));
    }

    const programs = programRows(seed, geo, classes);
    await withDb(platform().dbUrls.programs!.owner, async (c) => {
      for (const table of Object.keys(PROGRAM_TABLES) as (keyof ProgramRows)[]) {
        const r = await copyTenantRows(c, { table: `programs.${table}`, columns: PROGRAM_TABLES[table] }, programs[table]);
        expect(r.rows, table).toBe(programs[table].length);
      }
    });

    const model = buildSponsorsModel(seed, geo, plan, classes);
    const cycle = cycleRows(seed, model, [2016, 2026]);
    const contributions = [...contributionRows(seed, model[0]!, 2016, plan.tenants[0]!.contributionsByYear)];
    const loads: [string, string[], (readonly CopyValue[])[]][] = [
      ['cycle_deadline', DEADLINE_COLUMNS, [...deadlineRows(model)]],
      ['sponsor', SPONSOR_COLUMNS, [...sponsorRows(model)]],
      ['twinning', TWINNING_COLUMNS, [...twinningRows(model)]],
      ['needs_proposal', DOC_COLUMNS('submitted_on'), cycle.proposals],
      ['needs_item', NEEDS_ITEM_COLUMNS, cycle.needsItems],
      ['yearly_plan', DOC_COLUMNS('signed_on'), cycle.plans],
      ['plan_item', PLAN_ITEM_COLUMNS, cycle.planItems],
      ['contribution', CONTRIBUTION_COLUMNS, contributions],
    ];
    await withDb(platform().dbUrls.sponsors!.owner, async (c) => {
      for (const [table, columns, rows] of loads) {
        const r = await copyTenantRows(c, { table: `sponsors.${table}`, columns }, rows);
        expect(r.rows, table).toBe(rows.length);
      }
    });
    expect(contributions.length).toBe(2_000);

    // what the service sums is what was generated (every status; a reversal counts −1)
    const analyst = await tokenFor(tenant, 'analyst');
    const r = await gql(analyst, `{ contributionTotals(filter: { yearFrom: 2016, yearTo: 2026, statuses: [PLANNED, DONE, VERIFIED] }, groupBy: []) { cashVnd inKindVnd count } }`);
    expect(r.errors).toBeUndefined();
    const cash = contributions.reduce((s, row) => s + (row[9] as bigint), 0n);
    const inKind = contributions.reduce((s, row) => s + (row[10] as bigint), 0n);
    const count = contributions.reduce((s, row) => s + (row[17] ? -1 : 1), 0);
    expect(r.data.contributionTotals).toEqual([{ cashVnd: String(cash), inKindVnd: String(inKind), count }]);
  });
});
