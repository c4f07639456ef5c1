import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A deadline of the yearly cycle, per tenant: data, never a branch in code. */
export const CycleDeadlineEntity = defineEntity({
  name: 'CycleDeadline',
  tableName: 'cycle_deadline',
  properties: {
    tenantId: p.string().primary().fieldName('tenant_id'),
    step: p.string().primary(),
    month: p.integer(),
    day: p.integer(),
    source: p.string().nullable(),
    provenance: p.json<Record<string, unknown>>().nullable(),
    effectiveFrom: p.string().nullable().fieldName('effective_from').columnType('date'),
    version: p.integer(),
    updatedAt: p.datetime().fieldName('updated_at'),
  },
});
export type CycleDeadline = InferEntity<typeof CycleDeadlineEntity>;

/** The commune's needs for a year of a twinning (đề xuất nhu cầu). */
export const NeedsProposalEntity = defineEntity({
  name: 'NeedsProposal',
  tableName: 'needs_proposal',
  properties: {
    tenantId: p.string().primary().fieldName('tenant_id'),
    id: p.uuid().primary(),
    twinningId: p.uuid().fieldName('twinning_id'),
    year: p.integer(),
    submittedOn: p.string().columnType('date').fieldName('submitted_on'),
    /** The tenant's deadline when it was recorded (null: the tenant has none). */
    deadline: p.string().columnType('date').nullable(),
    onTime: p.boolean().nullable().fieldName('on_time'),
    note: p.string().nullable(),
    /** Where it is in the reporting chain (docs/WORKFLOW.md). */
    status: p.string(),
    version: p.integer(),
    createdAt: p.datetime().fieldName('created_at'),
    updatedAt: p.datetime().fieldName('updated_at'),
  },
});
export type NeedsProposal = InferEntity<typeof NeedsProposalEntity>;

export const NeedsItemEntity = defineEntity({
  name: 'NeedsItem',
  tableName: 'needs_item',
  properties: {
    tenantId: p.string().primary().fieldName('tenant_id'),
    id: p.uuid().primary(),
    proposalId: p.uuid().fieldName('proposal_id'),
    position: p.integer(),
    category: p.string(),
    description: p.string(),
    estimatedCostVnd: p.bigint().fieldName('estimated_cost_vnd'),
  },
});
export type NeedsItem = InferEntity<typeof NeedsItemEntity>;

/** The plan both sides sign for a year of a twinning (chương trình / kế hoạch ký kết). */
export const YearlyPlanEntity = defineEntity({
  name: 'YearlyPlan',
  tableName: 'yearly_plan',
  properties: {
    tenantId: p.string().primary().fieldName('tenant_id'),
    id: p.uuid().primary(),
    twinningId: p.uuid().fieldName('twinning_id'),
    year: p.integer(),
    signedOn: p.string().columnType('date').fieldName('signed_on'),
    deadline: p.string().columnType('date').nullable(),
    onTime: p.boolean().nullable().fieldName('on_time'),
    note: p.string().nullable(),
    /** Where it is in the reporting chain (docs/WORKFLOW.md). */
    status: p.string(),
    version: p.integer(),
    createdAt: p.datetime().fieldName('created_at'),
    updatedAt: p.datetime().fieldName('updated_at'),
  },
});
export type YearlyPlan = InferEntity<typeof YearlyPlanEntity>;

export const PlanItemEntity = defineEntity({
  name: 'PlanItem',
  tableName: 'plan_item',
  properties: {
    tenantId: p.string().primary().fieldName('tenant_id'),
    id: p.uuid().primary(),
    planId: p.uuid().fieldName('plan_id'),
    position: p.integer(),
    content: p.string(),
    place: p.string().nullable(),
    beneficiaries: p.string().nullable(),
    fundingVnd: p.bigint().fieldName('funding_vnd'),
    schedule: p.string().nullable(),
  },
});
export type PlanItem = InferEntity<typeof PlanItemEntity>;
