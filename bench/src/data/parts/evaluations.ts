import { seedIds } from '@kn/platform';
import type { AdminDataset, SeedUnit } from '@kn/communes/seed/admin-units';
import { NATIONAL_CRITERIA_SETS, NTM_2016_2020, NTM_2021_2025, NTM_2026_2030 } from '@kn/evaluations/measurements/criteria';
import { dueDateOf, periodsOf, addDays } from '@kn/evaluations/reports/calendar';
import { QN_1100_RULES } from '@kn/evaluations/rules/rulesets';
import { ruleSetSchema } from '@kn/evaluations/rules/language';
import type { RuleSetRow } from '@kn/evaluations/rules/service';
import type { SponsorFactsRow } from '@kn/evaluations/evaluations/facts';
import { evaluationOf, reportsOfSponsor } from '@kn/evaluations/evaluations/service';
import { demoReportFacts, ruleSetRow } from '@kn/evaluations/seed/evaluations';
import type { ReportSeed } from '@kn/evaluations/seed/reports';
import { Rng } from '../../rng.js';
import type { CopyValue } from '../copy.js';
import { benchPrograms, tenantPrefix } from './programs.js';
import { REFERENCE_DAY, type BenchTwinning, type TenantSponsors } from './sponsors.js';

/**
 * SYNTHETIC evaluations data for the national dataset, shaped like the demo's
 * (services/evaluations/src/seed/) at national scale, with ids from the same deterministic helpers
 * as the sponsors and programs parts (`seedIds.program`, the sponsors model), so no other
 * subgraph's table is read:
 *
 * - the three national NTM criteria sets (19, 19 and 10 criteria), one copy per province, as the
 *   demo seeds them;
 * - per tenant, the twinning programme's reporting calendar: the sponsors' signed yearly plan by
 *   31/03 (submitted when every plan of the year was signed, the day the last one was, as the demo
 *   reads it: the plans come from the sponsors part's cycle) and their year-end assessment by 15/01
 *   of the next year (75 % on time, 15 % late, 10 % never); the reports of every sponsor with a
 *   twinning of that programme active in the period, 2016–2026, as `scheduleReports` would create them;
 * - per commune (xã, not wards or townships) valid on 31/12 of each year: old communes 2016–2024,
 *   new communes 2025–2026 carrying their predecessors' figures (whole, under the first successor
 *   by code, as the demo does); criteria met growing over the years (a weighted order per commune,
 *   so a commune keeps the criteria it met), certified when it meets them all; households, poor and
 *   near-poor households with the poverty rate falling about 3 points a year until 2020, slower after;
 * - per tenant, a rule set for the twinning programme (Quảng Nam's QĐ 1100 rules, the province's code
 *   and title); evaluation runs of 2024 (APPROVED on 31/03/2025) and 2025 (DRAFT), each sponsor rated
 *   by the service's own engine over facts computed from the generated contributions and cycle (the
 *   very rows the sponsors part loads) and the reports above.
 */

export const EVALUATION_TABLES = {
  criteria_set: ['tenant_id', 'code', 'title_vi', 'title_en', 'decision', 'first_year', 'last_year', 'criteria_count'],
  criterion: ['tenant_id', 'set_code', 'number', 'name_vi', 'name_en'],
  rule_set: ['tenant_id', 'id', 'program_id', 'version', 'code', 'title_vi', 'title_en', 'definition', 'note', 'created_by', 'created_at'],
  report_calendar_rule: [
    'tenant_id', 'id', 'program_id', 'code', 'kind', 'reporter_kind', 'reporters', 'classification', 'reporter_ids', 'periodicity', 'due_month',
    'due_day', 'due_year_offset', 'due_days_after_period', 'first_year', 'last_year', 'title_vi', 'title_en', 'source',
  ],
  report: [
    'tenant_id', 'id', 'program_id', 'kind', 'reporter_kind', 'reporter_id', 'period_start', 'period_end', 'due_on', 'calendar_rule_id',
    'submitted_on', 'recorded_by',
  ],
  commune_measurement: [
    'tenant_id', 'id', 'commune_id', 'year', 'criteria_set_code', 'criteria_met', 'ntm_certified', 'households', 'poor_households',
    'near_poor_households', 'source', 'synthetic',
  ],
  evaluation_run: [
    'tenant_id', 'id', 'program_id', 'year', 'rule_set_id', 'rule_set_version', 'status', 'facts_as_of', 'computed_at', 'computed_by',
    'approved_at', 'approved_by',
  ],
  sponsor_evaluation: [
    'tenant_id', 'id', 'run_id', 'sponsor_id', 'grade', 'rules', 'facts', 'capped_by', 'summary_vi', 'summary_en', 'outcome', 'eligible_grades',
    'excluded_by',
  ],
} as const;

export type EvaluationTable = keyof typeof EVALUATION_TABLES;
/** In load order (foreign keys: criteria sets before measurements, rules before reports, runs before evaluations). */
export const EVALUATION_LOAD_ORDER: EvaluationTable[] = [
  'criteria_set', 'criterion', 'rule_set', 'report_calendar_rule', 'report', 'commune_measurement', 'evaluation_run', 'sponsor_evaluation',
];

export const MEASUREMENT_SOURCE = 'Số liệu tổng hợp cho benchmark, không phải số liệu chính thức (dữ liệu mẫu)';
const SOURCE = 'dữ liệu tổng hợp (benchmark)';
const FIRST_YEAR = 2016;
const LAST_OLD_YEAR = 2024;
/** Years rated: the first approved, the second a draft. */
export const RATED_YEARS: { year: number; status: 'APPROVED' | 'DRAFT'; factsAsOf: string; approvedAt: string | null }[] = [
  { year: 2024, status: 'APPROVED', factsAsOf: '2025-03-15', approvedAt: '2025-03-31T03:00:00.000Z' },
  { year: 2025, status: 'DRAFT', factsAsOf: REFERENCE_DAY, approvedAt: null },
];

/** How likely a commune meets each of the 19 criteria (transport, income, poverty and environment lag; employment, defence lead). */
const CRITERION_WEIGHTS = [0.94, 0.4, 0.75, 0.7, 0.45, 0.42, 0.8, 0.5, 0.6, 0.38, 0.4, 0.97, 0.5, 0.9, 0.65, 0.55, 0.35, 0.45, 0.95];

/** Weighted order of criteria (Efraimidis–Spirakis keys): the first k are those a commune with k meets. */
function weightedOrder(rng: Rng, weights: number[]): number[] {
  return weights
    .map((w, i) => ({ n: i + 1, key: Math.pow(rng.next(), 1 / Math.max(w, 1e-6)) }))
    .sort((a, b) => b.key - a.key || a.n - b.n)
    .map((x) => x.n);
}

const setFor = (year: number) => (year <= 2020 ? NTM_2016_2020 : year <= 2025 ? NTM_2021_2025 : NTM_2026_2030);

interface CommuneSeries {
  id: string;
  /** Criteria met per year 2016–2025 (19-criterion sets), in the commune's order. */
  k: number[];
  order: number[];
  households0: number;
  rate0: number;
  nearShare: number;
}

interface Households {
  households: number;
  poor: number;
  nearPoor: number;
}

function householdsOf(s: CommuneSeries, year: number): Households {
  const households = Math.round(s.households0 * Math.pow(1.012, year - FIRST_YEAR));
  let rate = s.rate0;
  for (let y = FIRST_YEAR + 1; y <= year; y++) {
    const fall = Math.max(0.008, Math.min(0.04, 0.18 * rate + 0.004)) * (y > 2020 ? 0.55 : 1);
    rate = Math.max(0.005, rate - fall);
  }
  const poor = Math.round(households * rate);
  const nearPoor = Math.min(households - poor, Math.round(households * s.nearShare));
  return { households, poor, nearPoor };
}

function series(rng: Rng, id: string): CommuneSeries {
  const score = rng.next();
  const k: number[] = [];
  let cur = Math.max(2, Math.min(19, Math.round(3 + 14 * score + rng.int(-2, 2))));
  for (let y = FIRST_YEAR; y <= 2025; y++) {
    if (y > FIRST_YEAR) {
      if (y === 2021 && cur < 19) cur = Math.max(2, cur - rng.int(0, 3)); // the 2021–2025 set is harder; a certified commune stays certified
      else if (cur < 19) cur = Math.min(19, cur + (rng.chance(0.3 + 0.5 * score) ? rng.int(1, 2) : 0));
    }
    k.push(cur);
  }
  return {
    id,
    k,
    order: weightedOrder(rng, CRITERION_WEIGHTS),
    households0: rng.int(400, 3000),
    // poorer where development is behind
    rate0: 0.02 + 0.38 * Math.pow(1 - score, 1.7) * (0.6 + 0.8 * rng.next()),
    nearShare: 0.04 + 0.08 * rng.next(),
  };
}

const criteriaOf = (s: CommuneSeries, year: number) => s.order.slice(0, s.k[year - FIRST_YEAR]!).sort((a, b) => a - b);

/** One tenant's measurements: old communes 2016–2024, new communes 2025–2026 from their predecessors. */
function* measurementRows(seed: string, tenant: string, units: SeedUnit[], firstSuccessor: Map<string, string>): Generator<CopyValue[]> {
  const rng = new Rng(seed, `measurements:${tenant}`);
  const old = units.filter((u) => u.level === 'COMMUNE' && u.kind === 'COMMUNE' && u.validFrom === null).sort((a, b) => a.code.localeCompare(b.code) || a.id.localeCompare(b.id));
  const all = old.map((u) => series(rng, u.id));
  const row = (communeId: string, year: number, criteria: number[], certified: boolean, h: Households): CopyValue[] => [
    tenant, seedIds.of('measurement', tenant, communeId, String(year)), communeId, year, setFor(year).code, JSON.stringify(criteria), certified,
    h.households, h.poor, h.nearPoor, MEASUREMENT_SOURCE, true,
  ];
  for (let year = FIRST_YEAR; year <= LAST_OLD_YEAR; year++) {
    for (const s of all) {
      const c = criteriaOf(s, year);
      yield row(s.id, year, c, c.length === 19, householdsOf(s, year));
    }
  }
  // the new communes: their predecessors' figures, whole, under the first successor by code
  const parts = new Map<string, CommuneSeries[]>();
  for (const s of all) {
    const to = firstSuccessor.get(s.id);
    if (to) parts.set(to, [...(parts.get(to) ?? []), s]);
  }
  const fresh = units.filter((u) => u.level === 'COMMUNE' && u.kind === 'COMMUNE' && u.validFrom !== null).sort((a, b) => a.code.localeCompare(b.code) || a.id.localeCompare(b.id));
  for (const n of fresh) {
    const ps = parts.get(n.id);
    if (!ps?.length) continue; // made only of wards or townships: no commune figures to carry on
    const order10 = weightedOrder(new Rng(seed, `measurements:${tenant}:${n.code}`), NTM_2026_2030.criteria.map(() => 1));
    // a merged commune meets a criterion only if every part did
    const each = ps.map((p) => new Set(criteriaOf(p, 2025)));
    const common = [...each[0]!].filter((c) => each.every((e) => e.has(c))).sort((a, b) => a - b);
    for (const year of [2025, 2026]) {
      const f = ps.map((p) => householdsOf(p, year));
      const h = { households: f.reduce((a, x) => a + x.households, 0), poor: f.reduce((a, x) => a + x.poor, 0), nearPoor: f.reduce((a, x) => a + x.nearPoor, 0) };
      if (year === 2025) yield row(n.id, year, common, common.length === 19, h);
      else {
        // the 10 criteria of 2026–2030 are harder: a little lower than the commune's share of the 19
        const k = Math.max(0, Math.min(10, Math.round((common.length * 10) / 19) - (common.length === 19 ? 0 : 1)));
        yield row(n.id, year, order10.slice(0, k).sort((a, b) => a - b), k === 10, h);
      }
    }
  }
}

/** A year's DONE and VERIFIED contributions of one programme, summed per sponsor (a reversal counts −1). */
export interface ContributionSums {
  cash: bigint;
  inKind: bigint;
  households: number;
  models: number;
  trained: number;
  count: number;
}
/** tenant → `${year}:${programId}:${sponsorId}` → sums. */
export type ContributionFacts = Map<string, Map<string, ContributionSums>>;

/** Sums a tenant's generated contribution rows (CONTRIBUTION_COLUMNS) of the years rated. */
export function sumContributions(rows: Iterable<readonly CopyValue[]>, years: ReadonlySet<number>): Map<string, ContributionSums> {
  const out = new Map<string, ContributionSums>();
  for (const r of rows) {
    const year = Number((r[6] as string).slice(0, 4));
    if (!years.has(year) || (r[16] !== 'DONE' && r[16] !== 'VERIFIED')) continue;
    const k = `${year}:${r[5]}:${r[3]}`;
    const s = out.get(k) ?? { cash: 0n, inKind: 0n, households: 0, models: 0, trained: 0, count: 0 };
    s.cash += r[9] as bigint;
    s.inKind += r[10] as bigint;
    s.households += r[11] as number;
    s.models += r[12] as number;
    s.trained += r[14] as number;
    s.count += r[17] ? -1 : 1;
    out.set(k, s);
  }
  return out;
}

/** The yearly cycle's documents (the sponsors part's `cycleRows`), by `${twinningId}:${year}`: [signed or submitted on, on time]. */
export interface CycleDocs {
  plans: Map<string, { on: string; onTime: boolean | null }>;
  proposals: Map<string, { on: string; onTime: boolean | null }>;
}
export function cycleDocs(cycle: { proposals: CopyValue[][]; plans: CopyValue[][] }): CycleDocs {
  const index = (rows: CopyValue[][]) => new Map(rows.map((r) => [`${r[2]}:${r[3]}`, { on: r[4] as string, onTime: r[6] as boolean | null }]));
  return { plans: index(cycle.plans), proposals: index(cycle.proposals) };
}

const activeIn = (t: BenchTwinning, start: string, end: string) =>
  (t.status === 'ACTIVE' || t.status === 'ENDED') && t.startsOn <= end && (t.endsOn === null || t.endsOn >= start);

/** On time most of the time; late some; missing a few (the demo's draw). */
function submission(rng: Rng, due: string, start: string, onTime: number, late: number): string | null {
  const r = rng.next();
  let day: string;
  if (r < onTime) day = addDays(due, -rng.int(0, 20));
  else if (r < onTime + late) day = addDays(due, rng.int(1, 45));
  else return null;
  if (day < start) day = start;
  return day <= REFERENCE_DAY ? day : null;
}

export type EvaluationRows = Record<EvaluationTable, CopyValue[][]>;

/**
 * Every row of the evaluations part, for the tenants of `model`. Pure and deterministic (no database):
 * `contributions` holds each tenant's contribution sums of the rated years, `cycle` the yearly cycle.
 */
export function evaluationRows(
  seed: string,
  geo: AdminDataset,
  model: TenantSponsors[],
  cycle: CycleDocs,
  contributions: ContributionFacts,
): EvaluationRows {
  const out = Object.fromEntries(EVALUATION_LOAD_ORDER.map((t) => [t, [] as CopyValue[][]])) as EvaluationRows;
  const unitsByTenant = new Map<string, SeedUnit[]>();
  for (const u of geo.units) unitsByTenant.set(u.tenantId, [...(unitsByTenant.get(u.tenantId) ?? []), u]);
  const unitById = new Map(geo.units.map((u) => [u.id, u]));
  const firstSuccessor = new Map<string, string>();
  for (const s of geo.successions) {
    const cur = firstSuccessor.get(s.predecessorId);
    const cand = unitById.get(s.successorId)!;
    if (!cur || cand.code.localeCompare(unitById.get(cur)!.code) < 0 || (cand.code === unitById.get(cur)!.code && cand.id < cur)) firstSuccessor.set(s.predecessorId, s.successorId);
  }

  for (const t of model) {
    const tenant = t.tenant;
    const prefix = tenantPrefix(tenant);
    const provinceName = geo.tenants.find((x) => x.slug === tenant)?.name ?? tenant;
    // the programme most twinnings belong to (the same code as the programs part's, without its draws)
    const programCode = `${prefix}-KN-2016`;
    const programId = seedIds.program(tenant, programCode);
    if (!benchPrograms(seed, tenant, provinceName, false).some((p) => p.id === programId && p.kind === 'TWINNING')) throw new Error(`${tenant}: no twinning programme ${programCode}`);

    // --- criteria sets (national, one copy per province)
    for (const s of NATIONAL_CRITERIA_SETS) {
      out.criteria_set.push([tenant, s.code, s.titleVi, s.titleEn, s.decision, s.firstYear, s.lastYear, s.criteria.length]);
      s.criteria.forEach(([vi, en], i) => out.criterion.push([tenant, s.code, i + 1, vi, en]));
    }

    // --- the rule set: Quảng Nam's rules under the province's name, version 1
    const definition = ruleSetSchema.parse({
      ...QN_1100_RULES,
      code: programCode,
      title: {
        vi: `Đánh giá, xếp loại công tác kết nghĩa tỉnh ${provinceName} (theo mẫu QĐ 1100/QĐ-UBND tỉnh Quảng Nam)`,
        en: `${provinceName}: rating of twinning work (after Quảng Nam's Decision 1100/QĐ-UBND)`,
      },
    });
    const set: RuleSetRow = { ...ruleSetRow(tenant, programCode, definition), createdBy: 'system:bench', createdAt: '2025-01-15T02:00:00.000Z' };
    out.rule_set.push([tenant, set.id, set.programId, 1, set.code, set.titleVi, set.titleEn, JSON.stringify(set.definition),
      'Bản đầu tiên (dữ liệu tổng hợp) / first version (synthetic)', set.createdBy, set.createdAt]);

    // --- calendar rules and reports
    const twinnings = t.twinnings.filter((w) => w.programId === programId);
    const rules = [
      {
        id: seedIds.of('calendar-rule', tenant, `${programCode}-KE-HOACH`), code: `${programCode}-KE-HOACH`, kind: 'PLAN', dueMonth: 3, dueDay: 31, dueYearOffset: 0,
        titleVi: 'Chương trình hoặc kế hoạch kết nghĩa hằng năm đã ký kết', titleEn: 'The signed yearly twinning plan',
      },
      {
        id: seedIds.of('calendar-rule', tenant, `${programCode}-CUOI-NAM`), code: `${programCode}-CUOI-NAM`, kind: 'YEAR_END_ASSESSMENT', dueMonth: 1, dueDay: 15, dueYearOffset: 1,
        titleVi: 'Báo cáo sơ kết cuối năm và nhận xét đánh giá địa phương được nhận kết nghĩa', titleEn: 'Year-end report and assessment of the twinned locality',
      },
    ];
    const reports: ReportSeed[] = [];
    const lastYear = Number(REFERENCE_DAY.slice(0, 4));
    for (const r of rules) {
      out.report_calendar_rule.push([tenant, r.id, programId, r.code, r.kind, 'SPONSOR', 'PROGRAM_SPONSORS', null, [], 'YEAR', r.dueMonth, r.dueDay,
        r.dueYearOffset, null, FIRST_YEAR, null, r.titleVi, r.titleEn, SOURCE]);
      const rng = new Rng(seed, `reports:${tenant}:${r.code}`);
      for (let year = FIRST_YEAR; year <= lastYear; year++) {
        for (const period of periodsOf('YEAR', year)) {
          if (period.start > REFERENCE_DAY) continue;
          const dueOn = dueDateOf({ periodicity: 'YEAR', dueMonth: r.dueMonth, dueDay: r.dueDay, dueYearOffset: r.dueYearOffset, dueDaysAfterPeriod: null }, period);
          const active = twinnings.filter((w) => activeIn(w, period.start, period.end));
          const bySponsor = new Map<string, BenchTwinning[]>();
          for (const w of active) bySponsor.set(w.sponsor.id, [...(bySponsor.get(w.sponsor.id) ?? []), w]);
          for (const [sponsorId, mine] of [...bySponsor].sort(([a], [b]) => a.localeCompare(b))) {
            let submittedOn: string | null;
            if (r.kind === 'PLAN') {
              // the signed plan sent to the province: when its last plan of the year was signed, if all were
              const plans = mine.map((w) => cycle.plans.get(`${w.id}:${year}`));
              submittedOn = plans.every((p) => p) ? plans.map((p) => p!.on).sort().at(-1)! : null;
            } else submittedOn = submission(rng, dueOn, period.start, 0.75, 0.15);
            if (submittedOn !== null && submittedOn > REFERENCE_DAY) submittedOn = null;
            const id = seedIds.of('report', tenant, r.code, sponsorId, period.start);
            reports.push({ id, programCode, kind: r.kind, reporterKind: 'SPONSOR', reporterId: sponsorId, periodStart: period.start, periodEnd: period.end,
              dueOn, calendarRuleId: r.id, submittedOn });
            out.report.push([tenant, id, programId, r.kind, 'SPONSOR', sponsorId, period.start, period.end, dueOn, r.id, submittedOn,
              submittedOn ? 'system:bench' : null]);
          }
        }
      }
    }

    // --- measurements
    out.commune_measurement.push(...measurementRows(seed, tenant, unitsByTenant.get(tenant) ?? [], firstSuccessor));

    // --- evaluations: the service's engine over the sponsors' facts (computed from the generated rows) and the reports
    const sums = contributions.get(tenant) ?? new Map<string, ContributionSums>();
    for (const rated of RATED_YEARS) {
      const y = rated.year;
      const start = `${y}-01-01`;
      const end = `${y}-12-31`;
      const runId = seedIds.of('evaluation-run', tenant, programCode, String(y));
      out.evaluation_run.push([tenant, runId, programId, y, set.id, 1, rated.status, rated.factsAsOf, `${rated.factsAsOf}T02:00:00.000Z`, 'system:bench',
        rated.approvedAt, rated.approvedAt ? 'system:bench' : null]);
      const byReporter = demoReportFacts(reports, programCode, y, rated.factsAsOf);
      const activeBySponsor = new Map<string, BenchTwinning[]>();
      for (const w of twinnings) if (activeIn(w, start, end)) activeBySponsor.set(w.sponsor.id, [...(activeBySponsor.get(w.sponsor.id) ?? []), w]);
      for (const s of t.sponsors) {
        const tw = activeBySponsor.get(s.id) ?? [];
        const c = sums.get(`${y}:${programId}:${s.id}`);
        if (tw.length === 0 && !c) continue;
        const plans = tw.map((w) => cycle.plans.get(`${w.id}:${y}`)).filter((p) => !!p);
        const needs = tw.map((w) => cycle.proposals.get(`${w.id}:${y}`)).filter((p) => !!p);
        const planSigned = tw.length > 0 && plans.length >= tw.length;
        const cash = c?.cash ?? 0n;
        const inKind = c?.inKind ?? 0n;
        const facts: SponsorFactsRow = {
          sponsorId: s.id, code: s.code, kind: s.kind, lowland: s.lowland, staffCount: s.staffCount, districtId: s.districtId,
          twinnings: tw.length, twinnedCommunes: new Set(tw.map((w) => w.communeId)).size,
          cashVnd: cash.toString(), inKindVnd: inKind.toString(), totalVnd: (cash + inKind).toString(),
          poorHouseholdsHelped: c?.households ?? 0, modelsBuilt: c?.models ?? 0, peopleTrained: c?.trained ?? 0, contributions: c?.count ?? 0,
          plansSigned: plans.length, planSigned, planSignedOnTime: planSigned && plans.every((p) => p.onTime !== false),
          needsProposalOnTime: tw.length > 0 && needs.length >= tw.length && needs.every((p) => p.onTime !== false),
        };
        const e = evaluationOf(set, facts, reportsOfSponsor(byReporter, facts), programId, y, rated.factsAsOf, rated.status);
        // the engine's grade and outcome (a "xuất sắc or tốt" proposal has no grade until a person chooses: none here)
        out.sponsor_evaluation.push([tenant, seedIds.of('sponsor-evaluation', tenant, programCode, String(y), s.id), runId, s.id, e.proposedGrade,
          JSON.stringify(e.rules), JSON.stringify(e.facts), e.cappedBy, e.summaryVi, e.summaryEn, e.outcome, e.eligibleGrades, e.excludedBy]);
      }
    }
  }
  return out;
}
