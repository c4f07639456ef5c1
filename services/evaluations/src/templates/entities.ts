import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** One version of a report template of a programme. Never updated: a change is a new version. */
export const ReportTemplateEntity = defineEntity({
  name: 'ReportTemplate',
  tableName: 'report_template',
  properties: {
    tenantId: p.string().primary().fieldName('tenant_id'),
    id: p.uuid().primary(),
    programId: p.uuid().fieldName('program_id'),
    code: p.string(),
    version: p.integer(),
    title: p.text(),
    definition: p.json<Record<string, unknown>>().columnType('jsonb'),
    note: p.text().nullable(),
    createdBy: p.string().fieldName('created_by'),
    createdAt: p.datetime().fieldName('created_at'),
  },
});
export type ReportTemplateRecord = InferEntity<typeof ReportTemplateEntity>;
