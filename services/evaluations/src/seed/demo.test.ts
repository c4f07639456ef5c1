import { demoTenants } from '@kn/sponsors/seed/demo';
import { seedIds } from '@kn/platform';
import { describe, expect, it } from 'vitest';
import { statusOn } from '../reports/calendar.js';
import { LS_BORDER_RULES, QN_1100_RULES } from '../rules/rulesets.js';
import { demoRuns, demoSponsorFacts, ruleSetRow } from './evaluations.js';
import { langSonMeasurements } from './measurements.js';
import { demoReports, SEED_TODAY } from './reports.js';

const PLAN_2019 = [null, 61, 160, 125, 64, 66, 175, 68, 128, 70, 77, 207, 99, 193, 133, 103, 65, 71, 194];

describe('demo measurements (Lạng Sơn, synthetic)', () => {
  const ms = langSonMeasurements();
  const of = (y: number) => ms.filter((m) => m.year === y);
  const band = (y: number, a: number, b: number) => of(y).filter((m) => m.criteriaMet.length >= a && m.criteriaMet.length <= b).length;

  it('2019 is the plan’s picture: 60 communes with the 19 criteria, 2 with 15–18, 35 with 10–14, the rest 5–9', () => {
    expect([band(2019, 19, 19), band(2019, 15, 18), band(2019, 10, 14), band(2019, 5, 9)]).toEqual([60, 2, 35, of(2019).length - 97]);
    expect(of(2019).filter((m) => m.ntmCertified)).toHaveLength(60);
    expect(of(2018).filter((m) => m.ntmCertified)).toHaveLength(48); // "12 more in 2019, 60 in all"
  });

  it('per criterion, 2019 counts come within 3 of the plan’s (capped by the 175 communes of the lists)', () => {
    PLAN_2019.forEach((target, i) => {
      if (target === null) return;
      const n = of(2019).filter((m) => m.criteriaMet.includes(i + 1)).length;
      expect(Math.abs(n - Math.min(target, 175)), `criterion ${i + 1}`).toBeLessThanOrEqual(3);
    });
  });

  it('poverty falls about 3 points a year to about 11 % in 2020 (plan 165/KH-UBND)', () => {
    const rate = (y: number) => (100 * of(y).reduce((a, m) => a + m.poorHouseholds, 0)) / of(y).reduce((a, m) => a + m.households, 0);
    expect(rate(2018)).toBeGreaterThan(16);
    expect(rate(2020)).toBeGreaterThan(10);
    expect(rate(2020)).toBeLessThan(12.5);
    expect(rate(2018) - rate(2019)).toBeGreaterThan(2.5);
  });

  it('2018–2024 on the old communes with the 2016–2020 then 2021–2025 sets; 2025 on the new ones; 2026 with the 10 criteria of 51/2025', () => {
    expect(of(2019)[0]!.criteriaSetCode).toBe('NTM-2016-2020');
    expect(of(2022)[0]!.criteriaSetCode).toBe('NTM-2021-2025');
    expect(of(2024)).toHaveLength(175);
    expect(of(2025).length).toBeGreaterThan(50);
    expect(of(2025).every((m) => m.criteriaSetCode === 'NTM-2021-2025')).toBe(true);
    expect(of(2026).every((m) => m.criteriaSetCode === 'NTM-2026-2030' && m.criteriaMet.every((n) => n >= 1 && n <= 10))).toBe(true);
    // a commune meeting more criteria later still meets those it met
    const byCommune = new Map(of(2019).map((m) => [m.communeId, new Set(m.criteriaMet)]));
    for (const m of of(2020)) for (const n of byCommune.get(m.communeId) ?? []) expect(m.criteriaMet).toContain(n);
  });

  it('deterministic', () => {
    expect(langSonMeasurements()).toEqual(ms);
  });
});

describe('demo reports and evaluations', () => {
  const [ls, qn] = demoTenants();

  it('both provinces have reports on time, late and missing', () => {
    for (const t of [ls!, qn!]) {
      const statuses = new Set(demoReports(t).map((r) => statusOn(r.dueOn, r.submittedOn, SEED_TODAY)));
      expect([...statuses].sort(), t.slug).toEqual(expect.arrayContaining(['OVERDUE', 'SUBMITTED_LATE', 'SUBMITTED_ON_TIME']));
    }
    // Lạng Sơn's border districts owe no six-monthly report due after the districts were abolished (1/7/2025)
    expect(demoReports(ls!).filter((r) => r.kind === 'SEMIANNUAL' && r.dueOn > '2025-06-30')).toEqual([]);
  });

  it('Thăng Bình’s 199,999,999 đồng of 2022 misses the 200-million rule', () => {
    const set = ruleSetRow('quang-nam', 'QN-1100-2020', QN_1100_RULES);
    const facts = demoSponsorFacts(qn!, set.programId, 2022).find((f) => f.code === 'QN-H513')!;
    expect(facts.totalVnd).toBe('199999999');
    const [run] = demoRuns(qn!, demoReports(qn!), set, 'QN-1100-2020', [2022], 2024);
    const tb = run!.evaluations.find((e) => e.sponsorId === seedIds.sponsor('quang-nam', 'QN-H513'))!;
    expect(tb.rules.find((r) => r.code === 'support-lowland')).toMatchObject({ target: '200000000', actual: '199999999', met: false });
  });

  it('one approved year per tenant; grades come from the engine', () => {
    const set = ruleSetRow('lang-son', 'LS-KN-XBG', LS_BORDER_RULES);
    const runs = demoRuns(ls!, demoReports(ls!), set, 'LS-KN-XBG', [2023, 2024], 2024);
    expect(runs.map((r) => r.status)).toEqual(['DRAFT', 'APPROVED']);
    expect(runs[1]!.evaluations.every((e) => e.grade !== null && e.rules.length >= 2)).toBe(true);
  });
});
