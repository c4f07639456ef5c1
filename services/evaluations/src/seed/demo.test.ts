import { demoTenants } from '@kn/sponsors/seed/demo';
import { seedIds } from '@kn/platform';
import { describe, expect, it } from 'vitest';
import { statusOn } from '../reports/calendar.js';
import { QN_1100_RULES } from '../rules/rulesets.js';
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

  it('2019 counts the plan’s 207 xã (the units of that day), and per criterion the plan’s counts exactly', () => {
    expect(of(2019)).toHaveLength(207);
    expect(band(2019, 5, 9)).toBe(110); // seed 003: "Số xã đạt từ 5-9 tiêu chí có 110/207 xã, chiếm 53,14%."
    PLAN_2019.forEach((target, i) => {
      if (target === null) return;
      const n = of(2019).filter((m) => m.criteriaMet.includes(i + 1)).length;
      expect(n, `criterion ${i + 1}`).toBe(target);
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
    expect(of(2020)).toHaveLength(181); // 818/NQ-UBTVQH14: 207 xã became 181 on 1/1/2020
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

  it('one approved year; the approved year’s "xuất sắc or tốt" choices are made (synthetic, and say so)', () => {
    const set = ruleSetRow('quang-nam', 'QN-1100-2020', QN_1100_RULES);
    const runs = demoRuns(qn!, demoReports(qn!), set, 'QN-1100-2020', [2023, 2024], 2024);
    expect(runs.map((r) => r.status)).toEqual(['DRAFT', 'APPROVED']);
    const approved = runs[1]!;
    const choices = approved.evaluations.filter((e) => e.outcome === 'CHOICE_REQUIRED');
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.every((e) => e.decision !== null && e.grade === e.decision.grade && e.decision.reason.startsWith('Dữ liệu mẫu'))).toBe(true);
    expect(approved.decisions).toHaveLength(choices.length);
    expect(runs[0]!.decisions).toEqual([]);
  });

  // QĐ 1100 is dated 16/4/2020 ("Quảng Nam, ngày 16 tháng 4 năm 2020"): no duty it creates falls due before
  it('no Quảng Nam report falls due before 16/4/2020; no 2020 plan is late against a 31/3/2020 that did not exist', () => {
    const reports = demoReports(qn!);
    expect(reports.filter((r) => r.dueOn < '2020-04-16')).toEqual([]);
    expect(reports.filter((r) => r.kind === 'PLAN' && r.periodStart === '2020-01-01')).toEqual([]);
    expect(qn!.plans.filter((p) => p.year === 2020 && p.onTime === false)).toEqual([]);
  });

  // QĐ 1100 III.2.2.c: "Trước 28/02 hằng năm, 100% huyện, xã có kế hoạch hoặc báo cáo đề xuất nhu cầu … cuối năm có báo cáo kết quả"
  it('needs proposals and year-end reports are owed by the districts as well as the communes', () => {
    const reports = demoReports(qn!);
    expect(reports.filter((r) => r.kind === 'NEEDS_PROPOSAL' && r.reporterKind === 'DISTRICT').length).toBeGreaterThan(0);
    expect(reports.filter((r) => r.kind === 'ANNUAL' && r.reporterKind === 'DISTRICT').length).toBeGreaterThan(0);
    // the six districts of VI.4, never after the district level ended (1/7/2025)
    const districts = new Set(reports.filter((r) => r.reporterKind === 'DISTRICT').map((r) => r.reporterId));
    expect(districts.size).toBe(6);
    expect(reports.filter((r) => r.reporterKind === 'DISTRICT' && r.dueOn > '2025-06-30')).toEqual([]);
  });

  // KH 88 IV.1: "các sở, ban, ngành, UBND các huyện, thành phố … gửi Sở Kế hoạch và Đầu tư trước ngày 15 tháng 11"
  it('the yearly review of plan 88 is owed by every district and city of Lạng Sơn (11), not only the 5 border districts, and the departments known', () => {
    const reports = demoReports(ls!).filter((r) => r.programCode === 'LS-88-2022' && r.dueOn.endsWith('-11-15'));
    const of2022 = reports.filter((r) => r.periodStart === '2022-01-01');
    expect(of2022.filter((r) => r.reporterKind === 'DISTRICT')).toHaveLength(11);
    expect(of2022.filter((r) => r.reporterKind === 'SPONSOR').map((r) => r.reporterId).sort()).toEqual(
      [seedIds.sponsor('lang-son', 'SKHDT'), seedIds.sponsor('lang-son', 'BDBP')].sort(),
    );
    expect(reports.filter((r) => r.reporterKind === 'DISTRICT' && r.periodStart === '2025-01-01')).toEqual([]);
  });
});
