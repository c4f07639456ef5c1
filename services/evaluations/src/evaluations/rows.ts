import type { RuleResult as EngineRuleResult } from '../rules/engine.js';
import { day } from '../common/sql.js';

export interface RunRow {
  id: string;
  programId: string;
  year: number;
  ruleSetId: string;
  ruleSetVersion: number;
  status: string;
  factsAsOf: string;
  computedAt: string;
  computedBy: string;
  approvedAt: string | null;
  approvedBy: string | null;
}

export const RUN_COLUMNS = `r.id, r.program_id, r.year, r.rule_set_id, r.rule_set_version, r.status, r.facts_as_of, r.computed_at,
  r.computed_by, r.approved_at, r.approved_by`;

const iso = (v: unknown) => (v == null ? null : v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());

export const toRun = (r: Record<string, unknown>): RunRow => ({
  id: r.id as string,
  programId: r.program_id as string,
  year: Number(r.year),
  ruleSetId: r.rule_set_id as string,
  ruleSetVersion: Number(r.rule_set_version),
  status: r.status as string,
  factsAsOf: day(r.facts_as_of),
  computedAt: iso(r.computed_at)!,
  computedBy: r.computed_by as string,
  approvedAt: iso(r.approved_at),
  approvedBy: (r.approved_by as string | null) ?? null,
});

/** A sponsor's evaluation with what it needs of its run. */
export interface EvaluationRow {
  id: string | null;
  runId: string | null;
  sponsorId: string;
  programId: string;
  year: number;
  /** The grade in force: the approver's choice where one was made, else the engine's. */
  grade: string | null;
  /** GRADED, CHOICE_REQUIRED, NOT_CONSIDERED or NOT_RATED (the engine's). */
  outcome: string;
  /** The engine's own grade (GRADED only). */
  proposedGrade: string | null;
  eligibleGrades: string[];
  excludedBy: string[];
  /** The approver's choice among `eligibleGrades`, with the reason (stored, audited). */
  decision: { grade: string; reason: string; decidedBy: string; decidedAt: string } | null;
  status: string;
  ruleSetVersion: number;
  rules: EngineRuleResult[];
  facts: { sponsor?: { staffCount?: number | null }; twinnedCommunes?: number; facts?: Record<string, string> };
  cappedBy: string[];
  summaryVi: string;
  summaryEn: string;
  factsAsOf: string;
}

export const EVALUATION_COLUMNS = `e.id, e.run_id, e.sponsor_id, e.grade, e.outcome, e.eligible_grades, e.excluded_by, e.rules, e.facts,
  e.capped_by, e.summary_vi, e.summary_en, r.program_id, r.year, r.status, r.rule_set_version, r.facts_as_of,
  d.grade as decided_grade, d.reason as decided_reason, d.decided_by, d.decided_at`;

/** The latest choice made for each evaluation (join it after `sponsor_evaluation e`). */
export const DECISION_JOIN = `left join lateral (
    select g.grade, g.reason, g.decided_by, g.decided_at from evaluations.grade_decision g
     where g.tenant_id = e.tenant_id and g.evaluation_id = e.id order by g.decided_at desc, g.id limit 1) d on true`;

const json = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));
const textArray = (v: unknown): string[] =>
  Array.isArray(v) ? v.map(String) : typeof v === 'string' ? v.replace(/^\{|\}$/g, '').split(',').filter(Boolean) : [];

export const toEvaluation = (r: Record<string, unknown>): EvaluationRow => ({
  id: r.id as string,
  runId: r.run_id as string,
  sponsorId: r.sponsor_id as string,
  programId: r.program_id as string,
  year: Number(r.year),
  grade: ((r.decided_grade ?? r.grade) as string | null) ?? null,
  outcome: (r.outcome as string | null) ?? 'GRADED',
  proposedGrade: (r.grade as string | null) ?? null,
  eligibleGrades: textArray(r.eligible_grades),
  excludedBy: textArray(r.excluded_by),
  decision:
    r.decided_grade == null
      ? null
      : { grade: r.decided_grade as string, reason: r.decided_reason as string, decidedBy: r.decided_by as string, decidedAt: iso(r.decided_at)! },
  status: r.status as string,
  ruleSetVersion: Number(r.rule_set_version),
  rules: json(r.rules),
  facts: json(r.facts),
  cappedBy: textArray(r.capped_by),
  summaryVi: r.summary_vi as string,
  summaryEn: r.summary_en as string,
  factsAsOf: day(r.facts_as_of),
});

/**
 * The run "in force" for a programme's year, in SQL: the latest APPROVED run, else the DRAFT.
 * `statuses` narrows it (APPROVED only for a sponsor; DRAFT to read the draft after an approval).
 */
export const IN_FORCE_ORDER = `(r.status = 'APPROVED') desc, coalesce(r.approved_at, r.computed_at) desc, r.id`;
