import { seedIds } from '@kn/platform';
import { beforeAll, describe, expect, it } from 'vitest';
import { codes, gql, tokenFor } from '../support/client.js';
import { createTestTenant } from '../support/tenants.js';
import { adminSql, auditRows, ok } from './support.js';

const RECORD = `mutation($i: CommuneMeasurementInput!) { recordCommuneMeasurement(input: $i) {
  id year households poorHouseholds povertyRate criteriaMet criteriaMetCount ntmCertified version criteriaSet { code } } }`;
const MEASURE = `query($c: ID!, $y: Int!) { commune(id: $c) { name measurements(year: $y) {
  rolledUp households poorHouseholds nearPoorHouseholds povertyRate criteriaMet criteriaMetCount ntmCertified criteriaSet { code criteriaCount }
  criteria { number name { vi en } met } parts { commune { id name } households } synthetic } } }`;

describe('commune measurements: the seeded picture of Lạng Sơn', () => {
  it('the 19 criteria of 2016–2020 named as seed 003 names them; 2021–2025 and 51/2025’s 10 beside them', async () => {
    const ls = await tokenFor('lang-son', 'analyst');
    const sets = ok(await gql(ls, `{ criteriaSets { code criteriaCount firstYear lastYear decision criteria { number name { vi } } } }`)).criteriaSets;
    expect(sets.map((s: any) => [s.code, s.criteriaCount])).toEqual([['NTM-2016-2020', 19], ['NTM-2021-2025', 19], ['NTM-2026-2030', 10]]);
    expect(sets[0].criteria.map((c: any) => c.name.vi).slice(0, 3)).toEqual(['Quy hoạch', 'Giao thông', 'Thuỷ lợi']);
    expect(sets[2].decision).toContain('51/2025/QĐ-TTg');
  });

  it('a new commune asked for 2024 rolls its predecessors up; asked for 2025 it has its own figures', async () => {
    const ls = await tokenFor('lang-son', 'analyst');
    const newThuyHung = seedIds.unit('lang-son', 'COMMUNE', '06148', 'new');
    const before = ok(await gql(ls, MEASURE, { c: newThuyHung, y: 2024 })).commune.measurements;
    expect(before.rolledUp).toBe(true);
    expect(before.criteriaMet).toBeNull(); // criteria do not add up
    expect(before.parts.map((p: any) => p.commune.name).sort()).toEqual(['Thanh Long', 'Thụy Hùng', 'Trùng Khánh']);
    const ids = before.parts.map((p: any) => p.commune.id);
    const [sum] = await adminSql(
      `select sum(households)::int as h, sum(poor_households)::int as p, sum(near_poor_households)::int as n from evaluations.commune_measurement
        where tenant_id = 'lang-son' and year = 2024 and commune_id = any($1::uuid[])`,
      [ids],
    );
    expect(before).toMatchObject({ households: sum.h, poorHouseholds: sum.p, nearPoorHouseholds: sum.n, synthetic: true });
    const own = ok(await gql(ls, MEASURE, { c: newThuyHung, y: 2025 })).commune.measurements;
    expect(own).toMatchObject({ rolledUp: false, parts: [], criteriaSet: { code: 'NTM-2021-2025', criteriaCount: 19 } });
    const later = ok(await gql(ls, MEASURE, { c: newThuyHung, y: 2026 })).commune.measurements;
    expect(later.criteriaSet).toEqual({ code: 'NTM-2026-2030', criteriaCount: 10 });
    expect(later.criteria).toHaveLength(10);
    // an old commune has no figures after it ceased: they continue in its successor
    const old = ok(await gql(ls, MEASURE, { c: seedIds.unit('lang-son', 'COMMUNE', '06148', 'old'), y: 2026 })).commune.measurements;
    expect(old).toBeNull();
  });
});

describe('recording commune measurements', () => {
  let tenant: string;
  let officer: string;
  let oldA: { id: string; name: string };
  let oldB: { id: string; name: string };
  let merged: string;

  beforeAll(async () => {
    tenant = await createTestTenant('ev-mes');
    const admin = await tokenFor(tenant, 'admin');
    officer = await tokenFor(tenant, 'officer', { sub: `officer@${tenant}` });
    // a new commune made of two old ones, both merged wholly into it
    const news = ok(await gql(admin, `{ communes(filter: { asOf: "2026-01-01" }, first: 200) { nodes { id predecessors { id name successors { id } } } } }`)).communes.nodes;
    const target = news.find((n: any) => n.predecessors.length >= 2 && n.predecessors.every((p: any) => p.successors.length === 1));
    merged = target.id;
    [oldA, oldB] = target.predecessors;
    // the criteria sets come from the national decisions: a province adds them as data
    const { NATIONAL_CRITERIA_SETS } = await import('@kn/evaluations/measurements/criteria');
    for (const s of NATIONAL_CRITERIA_SETS) {
      const saved = ok(
        await gql(admin, `mutation($i: CriteriaSetInput!) { saveCriteriaSet(input: $i) { code criteriaCount criteria { number } } }`, {
          i: {
            code: s.code, titleVi: s.titleVi, titleEn: s.titleEn, decision: s.decision, firstYear: s.firstYear, lastYear: s.lastYear,
            criteria: s.criteria.map(([vi, en], i) => ({ number: i + 1, nameVi: vi, nameEn: en })),
          },
        }),
      ).saveCriteriaSet;
      expect(saved.criteria).toHaveLength(s.criteria.length);
    }
  });

  it('records, replaces with the version, refuses stale versions; one audit row each', async () => {
    const input = { communeId: oldA.id, year: 2024, criteriaSetCode: 'NTM-2021-2025', criteriaMet: [3, 1, 2], households: 1000, poorHouseholds: 150, nearPoorHouseholds: 90, source: 'Báo cáo của xã' };
    const r = await gql(officer, RECORD, { i: input });
    expect(ok(r).recordCommuneMeasurement).toMatchObject({ criteriaMet: [1, 2, 3], criteriaMetCount: 3, povertyRate: '15', version: 1, criteriaSet: { code: 'NTM-2021-2025' } });
    expect(await auditRows('evaluations', r.requestId)).toHaveLength(1);
    const again = await gql(officer, RECORD, { i: input });
    expect(codes(again)).toEqual(['CONFLICT']);
    expect(ok(await gql(officer, RECORD, { i: { ...input, poorHouseholds: 140, version: 1 } })).recordCommuneMeasurement).toMatchObject({ version: 2, povertyRate: '14' });
    expect(codes(await gql(officer, RECORD, { i: { ...input, version: 1 } }))).toEqual(['CONFLICT']);
    ok(await gql(officer, RECORD, { i: { ...input, communeId: oldB.id, households: 500, poorHouseholds: 100, nearPoorHouseholds: 0, criteriaMet: [1] } }));
  });

  it('a new commune asked for 2024 gets its predecessors’ households summed', async () => {
    const analyst = await tokenFor(tenant, 'analyst');
    const m = ok(await gql(analyst, MEASURE, { c: merged, y: 2024 })).commune.measurements;
    expect(m).toMatchObject({ rolledUp: true, households: 1500, poorHouseholds: 240, nearPoorHouseholds: 90, povertyRate: '16', criteriaMet: null });
    expect(m.parts.map((p: any) => p.commune.id).sort()).toEqual([oldA.id, oldB.id].sort());
  });

  it('refuses what cannot be: another province’s commune, a commune that did not exist that year, unknown criteria, a set not in force, too many poor', async () => {
    const base = { communeId: oldA.id, year: 2023, households: 1000, poorHouseholds: 100, nearPoorHouseholds: 50, source: 'x' };
    const reason = async (i: Record<string, unknown>) => (await gql(officer, RECORD, { i: { ...base, ...i } })).errors?.[0]?.extensions?.reason;
    expect(await reason({ communeId: seedIds.unit('lang-son', 'COMMUNE', '06148', 'old') })).toBe('UNKNOWN_COMMUNE');
    expect(await reason({ communeId: merged })).toBe('UNKNOWN_COMMUNE'); // created on 1/7/2025: no 2023 figures
    expect(await reason({ criteriaSetCode: 'NTM-2021-2025', criteriaMet: [20] })).toBe('UNKNOWN_CRITERION');
    expect(await reason({ criteriaSetCode: 'NTM-2016-2020', criteriaMet: [1] })).toBe('CRITERIA_SET_NOT_IN_FORCE');
    expect(await reason({ criteriaSetCode: 'NO-SUCH-SET', criteriaMet: [1] })).toBe('UNKNOWN_CRITERIA_SET');
    expect(await reason({ poorHouseholds: 980 })).toBe('HOUSEHOLDS_INCONSISTENT');
    const analyst = await tokenFor(tenant, 'analyst');
    expect(codes(await gql(analyst, RECORD, { i: base }))).toEqual(['FORBIDDEN']);
  });

  it('a criteria set is replaced with its version, one audit row; never below the criteria measurements use', async () => {
    const admin = await tokenFor(tenant, 'admin');
    const SAVE = `mutation($i: CriteriaSetInput!) { saveCriteriaSet(input: $i) { code version criteriaCount } }`;
    const base = { code: 'TINH-2024', titleVi: 'Bộ tiêu chí của tỉnh', titleEn: 'Provincial set', decision: 'QĐ thử nghiệm', firstYear: 2024, lastYear: 2025 };
    const three = [1, 2, 3].map((n) => ({ number: n, nameVi: `Tiêu chí ${n}`, nameEn: `Criterion ${n}` }));
    ok(await gql(admin, SAVE, { i: { ...base, criteria: three } }));
    const r = await gql(admin, SAVE, { i: { ...base, criteria: three.slice(0, 2), version: 1 } });
    expect(ok(r).saveCriteriaSet).toMatchObject({ version: 2, criteriaCount: 2 });
    expect(await auditRows('evaluations', r.requestId)).toHaveLength(1);
    expect(codes(await gql(admin, SAVE, { i: { ...base, criteria: three, version: 1 } }))).toEqual(['CONFLICT']);
    const gap = await gql(admin, SAVE, { i: { ...base, criteria: [three[0], three[2]], version: 2 } });
    expect(gap.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'UNKNOWN_CRITERION' });
    ok(await gql(officer, RECORD, { i: { communeId: oldA.id, year: 2024, criteriaSetCode: 'TINH-2024', criteriaMet: [2], households: 10, poorHouseholds: 1, nearPoorHouseholds: 1, source: 'x', version: 2 } }));
    const shrink = await gql(admin, SAVE, { i: { ...base, criteria: three.slice(0, 1), version: 2 } });
    expect(shrink.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'IN_USE' });
    expect(codes(await gql(officer, SAVE, { i: { ...base, criteria: three } }))).toEqual(['FORBIDDEN']);
  });
});
