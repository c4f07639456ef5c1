import { describe, expect, it } from 'vitest';
import { evaluateSponsor, type SponsorProfile } from './engine.js';
import { formatRational, parseDecimal } from './rational.js';
import { LS_BORDER_RULES, QN_1100_RULES } from './rulesets.js';
import { ruleSetSchema } from './language.js';

const department = (staff: number, twinned = 2): SponsorProfile => ({ kind: 'PROVINCIAL_AGENCY', lowland: false, staff, twinnedCommunes: twinned });
const lowland = (twinned = 1): SponsorProfile => ({ kind: 'DISTRICT', lowland: true, staff: null, twinnedCommunes: twinned });
const paperwork = { planSigned: 1n, planSignedOnTime: 1n, yearEndReportSubmitted: 1n };
const rule = (e: ReturnType<typeof evaluateSponsor>, code: string) => e.rules.find((r) => r.code === code)!;

/** The Quảng Nam rules of 1100/QĐ-UBND on hand-built cases (issue 5). */
describe('Quảng Nam 1100/QĐ-UBND rules', () => {
  it('a department of 25 staff helping 5 households and building 1 model per twinned commune meets both rules', () => {
    const e = evaluateSponsor(QN_1100_RULES, department(25, 2), { ...paperwork, poorHouseholdsHelped: 5n, modelsBuilt: 2n });
    expect(rule(e, 'households-per-10-staff')).toMatchObject({ target: '5', actual: '5', met: true });
    expect(rule(e, 'models-per-commune-agency')).toMatchObject({ target: '2', actual: '2', met: true });
    expect(rule(e, 'households-per-10-staff').explanation.vi).toContain('2 cho mỗi 10 biên chế × 25 biên chế');
    expect(rule(e, 'households-per-10-staff').explanation.en).toContain('target ≥ 5 (2 per 10 staff × 25 staff) → met');
    expect(e.grade).toBe('GOOD');
    // the lowland-district rules do not apply to a department
    expect(e.rules.map((r) => r.code)).not.toContain('support-lowland');
  });

  it('with 4 households the household rule is not met', () => {
    const e = evaluateSponsor(QN_1100_RULES, department(25, 2), { ...paperwork, poorHouseholdsHelped: 4n, modelsBuilt: 2n });
    expect(rule(e, 'households-per-10-staff')).toMatchObject({ target: '5', actual: '4', met: false });
    expect(e.grade).toBe('FAIR');
  });

  it('targets stay exact: 23 staff need 4.6 households, so 4 miss and 5 meet', () => {
    expect(rule(evaluateSponsor(QN_1100_RULES, department(23), { poorHouseholdsHelped: 4n }), 'households-per-10-staff')).toMatchObject({ target: '4.6', met: false });
    expect(rule(evaluateSponsor(QN_1100_RULES, department(23), { poorHouseholdsHelped: 5n }), 'households-per-10-staff').met).toBe(true);
  });

  it('a lowland district giving 199,999,999 đồng misses the 200-million rule; 200,000,000 meets it', () => {
    const facts = { ...paperwork, poorHouseholdsHelped: 12n, modelsBuilt: 2n };
    const short = evaluateSponsor(QN_1100_RULES, lowland(), { ...facts, totalVnd: 199_999_999n });
    expect(rule(short, 'support-lowland')).toMatchObject({ target: '200000000', actual: '199999999', met: false });
    expect(rule(short, 'support-lowland').explanation).toEqual({
      vi: 'Giá trị hỗ trợ (huyện đồng bằng): thực hiện 199.999.999 đồng; chỉ tiêu ≥ 200.000.000 đồng → không đạt',
      en: 'Value of support (lowland districts): 199,999,999 VND; target ≥ 200,000,000 VND → not met',
    });
    const enough = evaluateSponsor(QN_1100_RULES, lowland(), { ...facts, totalVnd: 200_000_000n });
    expect(rule(enough, 'support-lowland').met).toBe(true);
    expect(enough.grade).toBe('GOOD');
  });

  it('a sponsor without a signed plan is WEAK whatever else it did', () => {
    const e = evaluateSponsor(QN_1100_RULES, department(10, 1), {
      poorHouseholdsHelped: 100n,
      modelsBuilt: 10n,
      yearEndReportSubmitted: 1n,
      planSigned: 0n,
      planSignedOnTime: 0n,
    });
    expect(e.grade).toBe('WEAK');
    expect(e.cappedBy).toEqual(['plan-signed']);
    expect(e.summary.vi).toContain('bị giới hạn ở mức yếu');
  });

  it('no year-end report caps at WEAK too; exceeding every target by half is EXCELLENT', () => {
    const noReport = evaluateSponsor(QN_1100_RULES, lowland(), { planSigned: 1n, planSignedOnTime: 1n, poorHouseholdsHelped: 30n, totalVnd: 900_000_000n, modelsBuilt: 5n });
    expect(noReport.grade).toBe('WEAK');
    const star = evaluateSponsor(QN_1100_RULES, lowland(), { ...paperwork, poorHouseholdsHelped: 15n, totalVnd: 300_000_000n, modelsBuilt: 3n });
    expect(star.grade).toBe('EXCELLENT');
  });
});

describe('Lạng Sơn border programme rules', () => {
  it('a district twinning with a border commune, helping, reporting twice on time is GOOD; without twinning WEAK', () => {
    const profile: SponsorProfile = { kind: 'DISTRICT', lowland: false, staff: null, twinnedCommunes: 1 };
    expect(evaluateSponsor(LS_BORDER_RULES, profile, { activeTwinnings: 1n, contributions: 3n, reportsOnTime: 2n }).grade).toBe('GOOD');
    expect(evaluateSponsor(LS_BORDER_RULES, profile, { activeTwinnings: 0n, contributions: 3n, reportsOnTime: 2n }).grade).toBe('WEAK');
    // a report owed and not on time misses the reporting rule (2 of 3 met: FAIR); a district owing none meets it
    const late = evaluateSponsor(LS_BORDER_RULES, profile, { activeTwinnings: 1n, contributions: 3n, reportsNotOnTime: 1n });
    expect(rule(late, 'semiannual-reports-on-time')).toMatchObject({ target: '0', actual: '1', met: false });
    expect(late.grade).toBe('FAIR');
    expect(rule(evaluateSponsor(LS_BORDER_RULES, profile, { activeTwinnings: 1n, contributions: 3n, reportsNotOnTime: 0n }), 'semiannual-reports-on-time').met).toBe(true);
    const enterprise: SponsorProfile = { kind: 'ENTERPRISE', lowland: false, staff: null, twinnedCommunes: 1 };
    expect(evaluateSponsor(LS_BORDER_RULES, enterprise, { activeTwinnings: 1n, contributions: 1n }).rules).toHaveLength(2);
  });
});

describe('the rule language', () => {
  it('refuses malformed rule sets', () => {
    const bad = structuredClone(QN_1100_RULES) as any;
    bad.rules[0].threshold = '2,5';
    expect(ruleSetSchema.safeParse(bad).success).toBe(false);
    const dup = structuredClone(QN_1100_RULES) as any;
    dup.rules[1].code = dup.rules[0].code;
    expect(ruleSetSchema.safeParse(dup).success).toBe(false);
  });

  it('formats exact decimals', () => {
    expect(formatRational(parseDecimal('9.5'))).toBe('9.5');
    expect(formatRational(parseDecimal('200000000'))).toBe('200000000');
    expect(formatRational({ n: 23n, d: 5n })).toBe('4.6');
  });
});
