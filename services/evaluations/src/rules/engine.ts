import { FACTS, GRADES, type Facts, type Grade, type Rule, type RuleSet, type SponsorKind } from './language.js';
import { compare, formatRational, mul, parseDecimal, rational, type Rational } from './rational.js';

export interface SponsorProfile {
  kind: SponsorKind;
  lowland: boolean;
  /** Staff count (biên chế); needed by "per 10 staff" rules. */
  staff: number | null;
  /** Communes the sponsor twins with in the year; needed by "per twinned commune" rules. */
  twinnedCommunes: number;
}

export interface RuleResult {
  code: string;
  title: { vi: string; en: string };
  /** Exact target as a decimal string (e.g. "5", "4.6"). */
  target: string;
  /** Exact actual as a decimal string. */
  actual: string;
  met: boolean;
  gate: boolean;
  explanation: { vi: string; en: string };
}

export interface Evaluation {
  /** Null when no rule of the set applies to this sponsor. */
  grade: Grade | null;
  rules: RuleResult[];
  /** Codes of failed gates that capped the grade. */
  cappedBy: string[];
  summary: { vi: string; en: string };
}

const YES_NO = new Set(['yes/no']);

/** "199999999" → "199.999.999" (vi) or "199,999,999" (en); a fraction keeps its digits. */
function groupDigits(text: string, sep: string): string {
  const [int, frac] = text.split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  return frac ? `${grouped}${sep === '.' ? ',' : '.'}${frac}` : grouped;
}
const CMP_TEXT: Record<Rule['comparison'], string> = { '>=': '≥', '>': '>', '=': '=', '<=': '≤', '<': '<' };
const GRADE_VI: Record<Grade, string> = { EXCELLENT: 'xuất sắc', GOOD: 'tốt', FAIR: 'khá', AVERAGE: 'trung bình', WEAK: 'yếu' };
const GRADE_EN: Record<Grade, string> = { EXCELLENT: 'excellent', GOOD: 'good', FAIR: 'fair', AVERAGE: 'average', WEAK: 'weak' };

export function applies(rule: Rule, sponsor: SponsorProfile): boolean {
  if (!rule.appliesTo.kinds.includes(sponsor.kind)) return false;
  if (rule.appliesTo.lowland !== undefined && rule.appliesTo.lowland !== sponsor.lowland) return false;
  return true;
}

function holds(actual: Rational, cmp: Rule['comparison'], target: Rational): boolean {
  const c = compare(actual, target);
  switch (cmp) {
    case '>=':
      return c >= 0;
    case '>':
      return c > 0;
    case '=':
      return c === 0;
    case '<=':
      return c <= 0;
    case '<':
      return c < 0;
  }
}

/** One rule against one sponsor's facts, with its explanation in Vietnamese and English. */
export function evaluateRule(rule: Rule, sponsor: SponsorProfile, facts: Facts): RuleResult {
  const threshold = parseDecimal(rule.threshold);
  let target = threshold;
  let scaleVi = '';
  let scaleEn = '';
  if (rule.per === 'STAFF_10') {
    const staff = sponsor.staff ?? 0;
    target = mul(threshold, rational(BigInt(staff), 10n));
    scaleVi = ` (${rule.threshold} cho mỗi 10 biên chế × ${staff} biên chế)`;
    scaleEn = ` (${rule.threshold} per 10 staff × ${staff} staff)`;
  } else if (rule.per === 'TWINNED_COMMUNE') {
    target = mul(threshold, rational(BigInt(sponsor.twinnedCommunes)));
    scaleVi = ` (${rule.threshold} cho mỗi xã × ${sponsor.twinnedCommunes} xã kết nghĩa)`;
    scaleEn = ` (${rule.threshold} per commune × ${sponsor.twinnedCommunes} twinned communes)`;
  }
  const raw = facts[rule.fact];
  const actual = rational(raw ?? 0n);
  const met = holds(actual, rule.comparison, target);
  const fact = FACTS[rule.fact];
  const cmp = CMP_TEXT[rule.comparison];
  const targetText = formatRational(target);
  const actualText = formatRational(actual);
  // in words, money reads as money: 199.999.999 đồng, 199,999,999 VND (the fields stay exact digits)
  const money = fact.unit === 'VND';
  const vn = (t: string) => (money ? `${groupDigits(t, '.')} đồng` : t);
  const en_ = (t: string) => (money ? `${groupDigits(t, ',')} VND` : t);
  let vi: string;
  let en: string;
  if (YES_NO.has(fact.unit)) {
    const yes = actual.n > 0n;
    vi = `${rule.title.vi}: ${yes ? 'có' : 'không có'} → ${met ? 'đạt' : 'không đạt'}`;
    en = `${rule.title.en}: ${yes ? 'yes' : 'no'} → ${met ? 'met' : 'not met'}`;
  } else {
    const none = raw === undefined ? ' (chưa có số liệu)' : '';
    const noneEn = raw === undefined ? ' (no record)' : '';
    const whatVi = money ? '' : ` ${fact.vi}`;
    const whatEn = money ? '' : ` ${fact.en}`;
    vi = `${rule.title.vi}: thực hiện ${vn(actualText)}${whatVi}${none}; chỉ tiêu ${cmp} ${vn(targetText)}${scaleVi} → ${met ? 'đạt' : 'không đạt'}`;
    en = `${rule.title.en}: ${en_(actualText)}${whatEn}${noneEn}; target ${cmp} ${en_(targetText)}${scaleEn} → ${met ? 'met' : 'not met'}`;
  }
  return { code: rule.code, title: rule.title, target: targetText, actual: actualText, met, gate: rule.gate, explanation: { vi, en } };
}

const worse = (a: Grade, b: Grade): Grade => (GRADES.indexOf(a) >= GRADES.indexOf(b) ? a : b);

/** Every applicable rule of the set against a sponsor, then its grade by the set's bands and gates. */
export function evaluateSponsor(set: RuleSet, sponsor: SponsorProfile, facts: Facts): Evaluation {
  const rules = set.rules.filter((r) => applies(r, sponsor));
  const results = rules.map((r) => evaluateRule(r, sponsor, facts));
  if (results.length === 0) {
    return {
      grade: null,
      rules: [],
      cappedBy: [],
      summary: { vi: 'Không có tiêu chí nào áp dụng cho đơn vị này', en: 'No rule of this set applies to this sponsor' },
    };
  }
  const met = results.filter((r) => r.met).length;
  const share = rational(BigInt(met), BigInt(results.length));
  let grade: Grade = set.grading.bands.at(-1)!.grade;
  for (const band of set.grading.bands) {
    if (compare(share, parseDecimal(band.minShareMet)) < 0) continue;
    if (band.minMargin) {
      const margin = parseDecimal(band.minMargin);
      const quantified = rules
        .map((rule, i) => ({ rule, result: results[i]! }))
        .filter(({ rule }) => !YES_NO.has(FACTS[rule.fact].unit) && (rule.comparison === '>=' || rule.comparison === '>'));
      const exceeded = quantified.every(({ result }) => compare(parseDecimal(result.actual), mul(parseDecimal(result.target), margin)) >= 0);
      if (!exceeded) continue;
    }
    grade = band.grade;
    break;
  }
  const cappedBy = results.filter((r) => r.gate && !r.met).map((r) => r.code);
  if (cappedBy.length) grade = worse(grade, set.grading.gateCap);
  const capVi = cappedBy.length ? `; bị giới hạn ở mức ${GRADE_VI[set.grading.gateCap]} vì không đạt: ${cappedBy.join(', ')}` : '';
  const capEn = cappedBy.length ? `; capped at ${GRADE_EN[set.grading.gateCap]} by failed gate(s): ${cappedBy.join(', ')}` : '';
  return {
    grade,
    rules: results,
    cappedBy,
    summary: {
      vi: `Đạt ${met}/${results.length} tiêu chí${capVi} → xếp loại ${GRADE_VI[grade]}`,
      en: `${met} of ${results.length} rules met${capEn} → ${GRADE_EN[grade]}`,
    },
  };
}
