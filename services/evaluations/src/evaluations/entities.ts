import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** One computation of a programme's year: DRAFT, then APPROVED (frozen) or SUPERSEDED. */
export const EvaluationRunEntity = defineEntity({
  name: 'EvaluationRun',
  tableName: 'evaluation_run',
  properties: {
    tenantId: p.string().primary().fieldName('tenant_id'),
    id: p.uuid().primary(),
    programId: p.uuid().fieldName('program_id'),
    year: p.integer(),
    ruleSetId: p.uuid().fieldName('rule_set_id'),
    ruleSetVersion: p.integer().fieldName('rule_set_version'),
    status: p.string(),
    factsAsOf: p.string().columnType('date').fieldName('facts_as_of'),
    computedAt: p.datetime().fieldName('computed_at'),
    computedBy: p.string().fieldName('computed_by'),
    approvedAt: p.datetime().nullable().fieldName('approved_at'),
    approvedBy: p.string().nullable().fieldName('approved_by'),
  },
});
export type EvaluationRunRecord = InferEntity<typeof EvaluationRunEntity>;

/** A sponsor's result in a run: every rule's target, actual and explanation, and the grade. Written once. */
export const SponsorEvaluationEntity = defineEntity({
  name: 'SponsorEvaluation',
  tableName: 'sponsor_evaluation',
  properties: {
    tenantId: p.string().primary().fieldName('tenant_id'),
    id: p.uuid().primary(),
    runId: p.uuid().fieldName('run_id'),
    sponsorId: p.uuid().fieldName('sponsor_id'),
    grade: p.string().nullable(),
    outcome: p.string(),
    eligibleGrades: p.array().columnType('text[]').fieldName('eligible_grades'),
    excludedBy: p.array().columnType('text[]').fieldName('excluded_by'),
    rules: p.json<unknown[]>().columnType('jsonb'),
    facts: p.json<Record<string, unknown>>().columnType('jsonb'),
    cappedBy: p.array().columnType('text[]').fieldName('capped_by'),
    summaryVi: p.text().fieldName('summary_vi'),
    summaryEn: p.text().fieldName('summary_en'),
  },
});
export type SponsorEvaluationRecord = InferEntity<typeof SponsorEvaluationEntity>;

/** An approver's choice of grade for an evaluation proposed as eligible for several: insert-only, with its reason. */
export const GradeDecisionEntity = defineEntity({
  name: 'GradeDecision',
  tableName: 'grade_decision',
  properties: {
    tenantId: p.string().primary().fieldName('tenant_id'),
    id: p.uuid().primary(),
    evaluationId: p.uuid().fieldName('evaluation_id'),
    grade: p.string(),
    reason: p.text(),
    decidedBy: p.string().fieldName('decided_by'),
    decidedAt: p.datetime().fieldName('decided_at'),
  },
});
