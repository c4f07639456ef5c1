import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** One version of a tenant's rule set for a programme. Never updated: a change is a new version. */
export const RuleSetEntity = defineEntity({
  name: 'RuleSet',
  tableName: 'rule_set',
  properties: {
    tenantId: p.string().primary().fieldName('tenant_id'),
    id: p.uuid().primary(),
    programId: p.uuid().fieldName('program_id'),
    version: p.integer(),
    code: p.string(),
    titleVi: p.text().fieldName('title_vi'),
    titleEn: p.text().fieldName('title_en'),
    definition: p.json<Record<string, unknown>>().columnType('jsonb'),
    note: p.text().nullable(),
    createdBy: p.string().fieldName('created_by'),
    createdAt: p.datetime().fieldName('created_at'),
  },
});
export type RuleSetRecord = InferEntity<typeof RuleSetEntity>;
