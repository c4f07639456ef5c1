import { describe, expect, it } from 'vitest';
import { evaluateSponsor, type SponsorProfile } from './engine.js';
import { formatRational, parseDecimal } from './rational.js';
import { QN_1100_RULES } from './rulesets.js';
import { ruleSetSchema } from './language.js';

const department = (staff: number, twinned = 2): SponsorProfile => ({ kind: 'PROVINCIAL_AGENCY', lowland: false, staff, twinnedCommunes: twinned });
const lowland = (twinned = 1): SponsorProfile => ({ kind: 'DISTRICT', lowland: true, staff: null, twinnedCommunes: twinned });
const paperwork = { planSigned: 1n, planSignedOnTime: 1n, yearEndReportSubmitted: 1n, signedButNotCarriedOut: 0n };
const rule = (e: ReturnType<typeof evaluateSponsor>, code: string) => e.rules.find((r) => r.code === code)!;

/** The Quảng Nam rules of 1100/QĐ-UBND on hand-built cases (issue 5). */
describe('Quảng Nam 1100/QĐ-UBND rules', () => {
  it('a department of 25 staff helping 5 households and building 1 model per twinned commune meets both rules', () => {
    const e = evaluateSponsor(QN_1100_RULES, department(25, 2), { ...paperwork, poorHouseholdsHelped: 5n, modelsBuilt: 2n });
    expect(rule(e, 'households-per-10-staff')).toMatchObject({ target: '5', actual: '5', met: true });
    expect(rule(e, 'models-per-commune-agency')).toMatchObject({ target: '2', actual: '2', met: true });
    expect(rule(e, 'households-per-10-staff').explanation.vi).toContain('2 cho mỗi 10 biên chế × 25 biên chế');
    expect(rule(e, 'households-per-10-staff').explanation.en).toContain('target ≥ 5 (2 per 10 staff × 25 staff) → met');
    // IV.1: every target met → "xuất sắc, tốt": the engine proposes, a person chooses
    expect(e).toMatchObject({ outcome: 'CHOICE_REQUIRED', grade: null, eligibleGrades: ['EXCELLENT', 'GOOD'] });
    expect(e.summary.vi).toContain('đủ điều kiện xếp loại xuất sắc hoặc tốt');
    // the lowland-district rules do not apply to a department
    expect(e.rules.map((r) => r.code)).not.toContain('support-lowland');
  });

  it('with 4 households the household rule is not met', () => {
    const e = evaluateSponsor(QN_1100_RULES, department(25, 2), { ...paperwork, poorHouseholdsHelped: 4n, modelsBuilt: 2n });
    expect(rule(e, 'households-per-10-staff')).toMatchObject({ target: '5', actual: '4', met: false });
    // 6 of 7 met: khá by the default degree (a PROVINCE_SETTING, not the document's)
    expect(e).toMatchObject({ outcome: 'GRADED', grade: 'FAIR' });
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
    expect(enough.outcome).toBe('CHOICE_REQUIRED');
  });

  // QĐ 1100 IV.2: "không xem xét thi đua đối với các cơ quan, đơn vị, địa phương không có chương trình, kế hoạch ký kết thực hiện
  // hoặc có ký kết nhưng không thực hiện, không có báo cáo" — an outcome of its own, never the grade yếu
  it('IV.2: no signed plan → NOT_CONSIDERED, no grade, whatever else it did', () => {
    const e = evaluateSponsor(QN_1100_RULES, department(10, 1), {
      poorHouseholdsHelped: 100n,
      modelsBuilt: 10n,
      yearEndReportSubmitted: 1n,
      planSigned: 0n,
      planSignedOnTime: 0n,
      signedButNotCarriedOut: 0n,
    });
    expect(e).toMatchObject({ outcome: 'NOT_CONSIDERED', grade: null, excludedBy: ['plan-signed'] });
    expect(e.summary.vi).toContain('không xem xét thi đua');
  });

  it('IV.2: "có ký kết nhưng không thực hiện" (a signed plan, nothing done in the year) → NOT_CONSIDERED', () => {
    const e = evaluateSponsor(QN_1100_RULES, lowland(), { ...paperwork, signedButNotCarriedOut: 1n });
    expect(e).toMatchObject({ outcome: 'NOT_CONSIDERED', grade: null, excludedBy: ['signed-not-carried-out'] });
    expect(rule(e, 'signed-not-carried-out').provenance).toMatchObject({ kind: 'INTERPRETATION', quote: 'hoặc có ký kết nhưng không thực hiện' });
  });

  it('IV.2: no year-end report → NOT_CONSIDERED; IV.1: exceeding every target is still a choice for the approver', () => {
    const noReport = evaluateSponsor(QN_1100_RULES, lowland(), {
      planSigned: 1n, planSignedOnTime: 1n, signedButNotCarriedOut: 0n, poorHouseholdsHelped: 30n, totalVnd: 900_000_000n, modelsBuilt: 5n,
    });
    expect(noReport).toMatchObject({ outcome: 'NOT_CONSIDERED', excludedBy: ['year-end-report'] });
    const star = evaluateSponsor(QN_1100_RULES, lowland(), { ...paperwork, poorHouseholdsHelped: 15n, totalVnd: 300_000_000n, modelsBuilt: 3n });
    expect(star).toMatchObject({ outcome: 'CHOICE_REQUIRED', grade: null, eligibleGrades: ['EXCELLENT', 'GOOD'] });
  });

  it('yes/no paperwork alone cannot reach the top: an enterprise meeting its four yes/no rules is khá, not "xuất sắc or tốt"', () => {
    const enterprise: SponsorProfile = { kind: 'ENTERPRISE', lowland: false, staff: null, twinnedCommunes: 1 };
    const e = evaluateSponsor(QN_1100_RULES, enterprise, paperwork);
    expect(e.rules.map((r) => r.code).sort()).toEqual(['plan-signed', 'plan-signed-by-31-03', 'signed-not-carried-out', 'year-end-report']);
    expect(e.rules.every((r) => r.met)).toBe(true);
    expect(e).toMatchObject({ outcome: 'GRADED', grade: 'FAIR' });
    expect(e.summary.en).toContain('yes/no paperwork only');
  });

  it('every rule and band says where it comes from; the degree thresholds are a PROVINCE_SETTING', () => {
    for (const r of QN_1100_RULES.rules) expect(r.provenance, r.code).toBeDefined();
    expect(QN_1100_RULES.grading.bands.map((b) => [b.grade, b.provenance?.kind])).toEqual([
      ['FAIR', 'PROVINCE_SETTING'],
      ['AVERAGE', 'PROVINCE_SETTING'],
      ['WEAK', 'PROVINCE_SETTING'],
    ]);
    expect(QN_1100_RULES.grading.top?.provenance?.quote).toContain('có các yếu tố tích cực khác thì được đánh giá, xếp loại hoàn thành');
    const applied = evaluateSponsor(QN_1100_RULES, lowland(), { ...paperwork, totalVnd: 1n });
    expect(rule(applied, 'support-lowland').provenance).toMatchObject({ kind: 'DOCUMENT', section: 'III.2.1.b' });
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
