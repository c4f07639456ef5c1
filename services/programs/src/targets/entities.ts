import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * A quantified target. Values are exact: `numeric` for counts, rates and averages ("61", "9.5"),
 * `bigint` đồng for money (indicators in VND) — never a float.
 */
export const TargetEntity = defineEntity({
  name: 'Target',
  tableName: 'target',
  properties: {
    tenantId: p.string().primary().fieldName('tenant_id'),
    id: p.uuid().primary(),
    programId: p.uuid().fieldName('program_id'),
    indicatorId: p.uuid().fieldName('indicator_id'),
    startYear: p.integer().fieldName('start_year'),
    endYear: p.integer().fieldName('end_year'),
    yearly: p.boolean(),
    comparison: p.string().nullable(),
    targetValue: p.decimal('string').nullable().columnType('numeric').fieldName('target_value'),
    targetValueMax: p.decimal('string').nullable().columnType('numeric').fieldName('target_value_max'),
    targetAmount: p.bigint('bigint').nullable().fieldName('target_amount'),
    targetAmountMax: p.bigint('bigint').nullable().fieldName('target_amount_max'),
    outOf: p.decimal('string').nullable().columnType('numeric').fieldName('out_of'),
    baseline: p.decimal('string').nullable().columnType('numeric'),
    baselineAmount: p.bigint('bigint').nullable().fieldName('baseline_amount'),
    baselineYear: p.integer().nullable().fieldName('baseline_year'),
    scopeKind: p.string().fieldName('scope_kind'),
    scopeGroup: p.string().nullable().fieldName('scope_group'),
    scopeLabel: p.text().fieldName('scope_label'),
    scopeSize: p.integer().nullable().fieldName('scope_size'),
    note: p.text().nullable(),
    position: p.integer(),
    version: p.integer(),
  },
});
export type Target = InferEntity<typeof TargetEntity>;
