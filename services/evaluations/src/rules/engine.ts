import { FACTS, GRADES, type Facts, type Grade, type ProvenanceValue, type Rule, type RuleSet, type SponsorKind } from './language.js';
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
  /** Failing it puts the sponsor out of the rating (NOT_CONSIDERED). */
  excludes?: boolean;
  /** Where the rule comes from (the document's words, a reading, a province setting). */
  provenance?: ProvenanceValue | null;
  explanation: { vi: string; en: string };
}

/**
 * GRADED: the engine's grade. CHOICE_REQUIRED: eligible for `eligibleGrades`, a person chooses (with a
 * reason). NOT_CONSIDERED: out of the emulation review (an excluding rule failed), no grade. NOT_RATED:
 * no rule applies.
 */
export type Outcome = 'GRADED' | 'CHOICE_REQUIRED' | 'NOT_CONSIDERED' | 'NOT_RATED';

export interface Evaluation {
  outcome: Outcome;
  /** The engine's grade: only for GRADED. */
  grade: Grade | null;
  /** For CHOICE_REQUIRED: the grades the approver chooses from. */
  eligibleGrades: Grade[];
  /** Codes of failed excluding rules (NOT_CONSIDERED). */
  excludedBy: string[];
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
  return {
    code: rule.code,
    title: rule.title,
    target: targetText,
    actual: actualText,
    met,
    gate: rule.gate,
    excludes: rule.excludes,
    provenance: rule.provenance ?? null,
    explanation: { vi, en },
  };
}

const worse = (a: Grade, b: Grade): Grade => (GRADES.indexOf(a) >= GRADES.indexOf(b) ? a : b);

const quantified = (rule: Rule) => !YES_NO.has(FACTS[rule.fact].unit) && (rule.comparison === '>=' || rule.comparison === '>');

/**
 * Every applicable rule of the set against a sponsor, then its outcome: out of the rating when an
 * excluding rule fails; proposed for the set's top grades (a person chooses) when every rule is met and
 * one of them is quantified; else a grade by the share of rules met, by the set's bands and gates.
 */
export function evaluateSponsor(set: RuleSet, sponsor: SponsorProfile, facts: Facts): Evaluation {
  const rules = set.rules.filter((r) => applies(r, sponsor));
  const results = rules.map((r) => evaluateRule(r, sponsor, facts));
  const none = { grade: null, eligibleGrades: [] as Grade[], excludedBy: [] as string[], cappedBy: [] as string[] };
  if (results.length === 0) {
    return {
      ...none,
      outcome: 'NOT_RATED',
      rules: [],
      summary: { vi: 'Không có tiêu chí nào áp dụng cho đơn vị này', en: 'No rule of this set applies to this sponsor' },
    };
  }
  const met = results.filter((r) => r.met).length;
  const counted = { vi: `Đạt ${met}/${results.length} tiêu chí`, en: `${met} of ${results.length} rules met` };
  const excludedBy = results.filter((r) => r.excludes && !r.met).map((r) => r.code);
  if (excludedBy.length) {
    return {
      ...none,
      outcome: 'NOT_CONSIDERED',
      excludedBy,
      rules: results,
      summary: {
        vi: `${counted.vi}; không xem xét thi đua (kiểm điểm, phê bình) vì: ${excludedBy.join(', ')}`,
        en: `${counted.en}; not considered for emulation review (criticised) because of: ${excludedBy.join(', ')}`,
      },
    };
  }
  const top = set.grading.top;
  const anyQuantified = rules.some(quantified);
  if (top && met === results.length && (!top.requiresQuantified || anyQuantified)) {
    const names = top.grades.map((g) => GRADE_VI[g]).join(' hoặc ');
    const namesEn = top.grades.map((g) => GRADE_EN[g]).join(' or ');
    return {
      ...none,
      outcome: 'CHOICE_REQUIRED',
      eligibleGrades: [...top.grades],
      rules: results,
      summary: {
        vi: `${counted.vi} → đủ điều kiện xếp loại ${names}; người phê duyệt chọn, có nêu lý do`,
        en: `${counted.en} → eligible for ${namesEn}; the approver chooses, with a reason`,
      },
    };
  }
  const bands = top ? set.grading.bands.filter((b) => !top.grades.includes(b.grade)) : set.grading.bands;
  const share = rational(BigInt(met), BigInt(results.length));
  let grade: Grade = bands.at(-1)?.grade ?? set.grading.bands.at(-1)!.grade;
  for (const band of bands) {
    if (compare(share, parseDecimal(band.minShareMet)) < 0) continue;
    if (band.minMargin) {
      const margin = parseDecimal(band.minMargin);
      const exceeded = rules
        .map((rule, i) => ({ rule, result: results[i]! }))
        .filter(({ rule }) => quantified(rule))
        .every(({ result }) => compare(parseDecimal(result.actual), mul(parseDecimal(result.target), margin)) >= 0);
      if (!exceeded) continue;
    }
    grade = band.grade;
    break;
  }
  const cappedBy = results.filter((r) => r.gate && !r.met).map((r) => r.code);
  if (cappedBy.length) grade = worse(grade, set.grading.gateCap);
  const capVi = cappedBy.length ? `; bị giới hạn ở mức ${GRADE_VI[set.grading.gateCap]} vì không đạt: ${cappedBy.join(', ')}` : '';
  const capEn = cappedBy.length ? `; capped at ${GRADE_EN[set.grading.gateCap]} by failed gate(s): ${cappedBy.join(', ')}` : '';
  const paperVi = top && met === results.length && !anyQuantified ? '; chỉ có tiêu chí thủ tục (có/không): không đủ để xếp loại cao nhất' : '';
  const paperEn = top && met === results.length && !anyQuantified ? '; yes/no paperwork only: not enough for the top grades' : '';
  return {
    ...none,
    outcome: 'GRADED',
    grade,
    rules: results,
    cappedBy,
    summary: {
      vi: `${counted.vi}${capVi}${paperVi} → xếp loại ${GRADE_VI[grade]}`,
      en: `${counted.en}${capEn}${paperEn} → ${GRADE_EN[grade]}`,
    },
  };
}
