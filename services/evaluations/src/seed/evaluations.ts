import { seedIds } from '@kn/platform';
import type { DemoTenant } from '@kn/sponsors/seed/demo';
import type { ReportFacts, SponsorFactsRow } from '../evaluations/facts.js';
import type { EvaluationRow } from '../evaluations/rows.js';
import { evaluationOf, reportsOfSponsor } from '../evaluations/service.js';
import type { RuleSetRow } from '../rules/service.js';
import type { RuleSet } from '../rules/language.js';
import { SEED_TODAY, type ReportSeed } from './reports.js';

/**
 * The demo evaluations, computed with the same engine and the same fact combination as
 * `evaluateSponsors`. The seed runs before any service does, so it cannot ask the sponsors subgraph:
 * it derives each sponsor's facts from the sponsors' deterministic demo data (the very rows that
 * subgraph's seed loads) by the rules of its `sponsorFacts` statement. The end-to-end tests check
 * the two agree: `evaluationPreview` over the seeded data gives the approved seeded results.
 */

const inYear = (date: string, y: number) => date.slice(0, 4) === String(y);

/** `sponsorFacts(programId, year)`, computed from the demo data instead of SQL. */
export function demoSponsorFacts(tenant: DemoTenant, programId: string, y: number): SponsorFactsRow[] {
  const start = `${y}-01-01`;
  const end = `${y}-12-31`;
  const active = tenant.twinnings.filter(
    (t) => t.programId === programId && (t.status === 'ACTIVE' || t.status === 'ENDED') && t.startsOn <= end && (t.endsOn === null || t.endsOn >= start),
  );
  const contributions = tenant.contributions.filter(
    (c) => c.programId === programId && inYear(c.contributedOn, y) && (c.status === 'DONE' || c.status === 'VERIFIED'),
  );
  const ids = new Set([...active.map((t) => t.sponsorId), ...contributions.map((c) => c.sponsorId)]);
  return tenant.sponsors
    .filter((s) => ids.has(s.id))
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .map((s) => {
      const tw = active.filter((t) => t.sponsorId === s.id);
      const plans = tw.map((t) => tenant.plans.find((p) => p.twinningId === t.id && p.year === y)).filter((p) => !!p);
      const needs = tw.map((t) => tenant.proposals.find((p) => p.twinningId === t.id && p.year === y)).filter((p) => !!p);
      const co = contributions.filter((c) => c.sponsorId === s.id);
      const sum = (f: (c: (typeof co)[number]) => number | bigint) => co.reduce((a, c) => a + BigInt(f(c)), 0n);
      const cash = sum((c) => c.cashVnd);
      const inKind = sum((c) => c.inKindVnd);
      const plansLate = plans.filter((p) => p.onTime === false).length;
      const needsLate = needs.filter((p) => p.onTime === false).length;
      const planSigned = tw.length > 0 && plans.length >= tw.length;
      return {
        sponsorId: s.id,
        code: s.code,
        kind: s.kind,
        lowland: s.lowland,
        staffCount: s.staffCount,
        districtId: s.districtId,
        twinnings: tw.length,
        twinnedCommunes: new Set(tw.map((t) => t.communeId)).size,
        cashVnd: cash.toString(),
        inKindVnd: inKind.toString(),
        totalVnd: (cash + inKind).toString(),
        poorHouseholdsHelped: Number(sum((c) => c.poorHouseholdsHelped)),
        modelsBuilt: Number(sum((c) => c.modelsBuilt)),
        peopleTrained: Number(sum((c) => c.peopleTrained)),
        contributions: co.reduce((a, c) => a + (c.reversesId ? -1 : 1), 0),
        plansSigned: plans.length,
        planSigned,
        planSignedOnTime: planSigned && plansLate === 0,
        needsProposalOnTime: tw.length > 0 && needs.length >= tw.length && needsLate === 0,
      };
    });
}

/** This subgraph's report facts of a programme's year, computed from the seeded reports as of `asOf`. */
export function demoReportFacts(reports: ReportSeed[], programCode: string, y: number, asOf: string): Map<string, ReportFacts> {
  const out = new Map<string, ReportFacts>();
  for (const r of reports) {
    if (r.programCode !== programCode || !inYear(r.periodStart, y)) continue;
    const k = `${r.reporterKind}:${r.reporterId}`;
    const f = out.get(k) ?? { due: 0, onTime: 0, yearEndSubmitted: false };
    const submitted = r.submittedOn !== null && r.submittedOn <= asOf;
    if (r.dueOn < asOf || submitted) f.due += 1;
    if (submitted && r.submittedOn! <= r.dueOn) f.onTime += 1;
    if (r.kind === 'YEAR_END_ASSESSMENT' && submitted) f.yearEndSubmitted = true;
    out.set(k, f);
  }
  return out;
}

export interface RunSeed {
  id: string;
  programId: string;
  year: number;
  status: 'DRAFT' | 'APPROVED';
  factsAsOf: string;
  computedAt: string;
  approvedAt: string | null;
  evaluations: (EvaluationRow & { id: string })[];
  /** For an approved run: the approver's choice for each evaluation proposed as "xuất sắc or tốt" (synthetic). */
  decisions: { id: string; evaluationId: string; grade: string; reason: string; decidedAt: string }[];
}

/**
 * A demo approver's choice between the eligible grades: xuất sắc where every quantified target was
 * reached one and a half times, else tốt. SYNTHETIC: in real life a person decides, for reasons of
 * their own ("các yếu tố tích cực khác"); the reason stored says it is demo data.
 */
function demoChoice(e: EvaluationRow): { grade: string; reason: string } {
  // the quantified rules (a count or an amount against a target; yes/no rules explain themselves without one)
  const quantified = e.rules.filter((r) => r.explanation.en.includes('; target '));
  const generous = quantified.length > 0 && quantified.every((r) => Number(r.actual) >= Number(r.target) * 1.5);
  const grade = e.eligibleGrades.includes('EXCELLENT') && generous ? 'EXCELLENT' : e.eligibleGrades.includes('GOOD') ? 'GOOD' : e.eligibleGrades[0]!;
  return {
    grade,
    reason:
      'Dữ liệu mẫu (không phải quyết định thật): người phê duyệt mẫu chọn ' +
      (grade === 'EXCELLENT' ? 'xuất sắc vì mọi chỉ tiêu định lượng vượt 1,5 lần' : 'tốt') +
      ' / synthetic demo choice, not a real decision',
  };
}

/** Demo rule-set version 1 of a programme, as the service reads it back. */
export function ruleSetRow(slug: string, programCode: string, set: RuleSet): RuleSetRow {
  return {
    tenantId: slug,
    id: seedIds.of('rule-set', slug, programCode, '1'),
    programId: seedIds.program(slug, programCode),
    version: 1,
    code: set.code,
    titleVi: set.title.vi,
    titleEn: set.title.en,
    definition: set,
    note: null,
    createdBy: 'system:seed',
    createdAt: '2026-11-15T00:00:00.000Z',
  };
}

/** Runs of every year: a draft each, the approved year approved (in March of the next year). */
export function demoRuns(
  tenant: DemoTenant,
  reports: ReportSeed[],
  set: RuleSetRow,
  programCode: string,
  years: number[],
  approvedYear: number,
): RunSeed[] {
  return years.map((y) => {
    const facts = demoSponsorFacts(tenant, set.programId, y);
    const byReporter = demoReportFacts(reports, programCode, y, SEED_TODAY);
    const status = y === approvedYear ? 'APPROVED' : 'DRAFT';
    const id = seedIds.of('evaluation-run', tenant.slug, programCode, String(y));
    const evaluations = facts.map((s) => ({
      ...evaluationOf(set, s, reportsOfSponsor(byReporter, s), set.programId, y, SEED_TODAY, status),
      id: seedIds.of('sponsor-evaluation', tenant.slug, programCode, String(y), s.sponsorId),
      runId: id,
    }));
    const decisions =
      status === 'APPROVED'
        ? evaluations
            .filter((e) => e.outcome === 'CHOICE_REQUIRED')
            .map((e) => ({
              id: seedIds.of('grade-decision', tenant.slug, programCode, String(y), e.sponsorId),
              evaluationId: e.id,
              ...demoChoice(e),
              decidedAt: `${SEED_TODAY}T02:30:00.000Z`,
            }))
        : [];
    return {
      id,
      programId: set.programId,
      year: y,
      status,
      factsAsOf: SEED_TODAY,
      computedAt: `${SEED_TODAY}T02:00:00.000Z`,
      approvedAt: status === 'APPROVED' ? `${SEED_TODAY}T03:00:00.000Z` : null,
      evaluations: evaluations.map((e) => {
        const d = decisions.find((x) => x.evaluationId === e.id);
        return d ? { ...e, grade: d.grade, decision: { grade: d.grade, reason: d.reason, decidedBy: 'system:seed', decidedAt: d.decidedAt } } : e;
      }),
      decisions,
    };
  });
}
