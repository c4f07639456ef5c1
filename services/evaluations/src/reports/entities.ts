import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** Which reports a programme asks for, from whom, due when: data per tenant. */
export const CalendarRuleEntity = defineEntity({
  name: 'ReportCalendarRule',
  tableName: 'report_calendar_rule',
  properties: {
    tenantId: p.string().primary().fieldName('tenant_id'),
    id: p.uuid().primary(),
    programId: p.uuid().fieldName('program_id'),
    code: p.string(),
    kind: p.string(),
    reporterKind: p.string().fieldName('reporter_kind'),
    reporters: p.string(),
    classification: p.string().nullable(),
    reporterIds: p.array().columnType('uuid[]').fieldName('reporter_ids'),
    periodicity: p.string(),
    dueMonth: p.integer().nullable().fieldName('due_month'),
    dueDay: p.integer().nullable().fieldName('due_day'),
    dueYearOffset: p.integer().fieldName('due_year_offset'),
    dueDaysAfterPeriod: p.integer().nullable().fieldName('due_days_after_period'),
    firstYear: p.integer().fieldName('first_year'),
    lastYear: p.integer().nullable().fieldName('last_year'),
    titleVi: p.text().fieldName('title_vi'),
    titleEn: p.text().fieldName('title_en'),
    source: p.text(),
    effectiveFrom: p.string().nullable().columnType('date').fieldName('effective_from'),
    provenance: p.json<Record<string, unknown>>().nullable(),
    version: p.integer(),
    updatedAt: p.datetime().fieldName('updated_at'),
  },
});
export type CalendarRule = InferEntity<typeof CalendarRuleEntity>;

/** An expected report and, once it came in, the day it did. */
export const ReportEntity = defineEntity({
  name: 'Report',
  tableName: 'report',
  properties: {
    tenantId: p.string().primary().fieldName('tenant_id'),
    id: p.uuid().primary(),
    programId: p.uuid().fieldName('program_id'),
    kind: p.string(),
    reporterKind: p.string().fieldName('reporter_kind'),
    reporterId: p.uuid().fieldName('reporter_id'),
    periodStart: p.string().columnType('date').fieldName('period_start'),
    periodEnd: p.string().columnType('date').fieldName('period_end'),
    dueOn: p.string().columnType('date').fieldName('due_on'),
    calendarRuleId: p.uuid().nullable().fieldName('calendar_rule_id'),
    submittedOn: p.string().columnType('date').nullable().fieldName('submitted_on'),
    recordedBy: p.string().nullable().fieldName('recorded_by'),
    note: p.text().nullable(),
    /** Where it is in the reporting chain (docs/WORKFLOW.md): DRAFT until it comes in. */
    status: p.string(),
    version: p.integer(),
    createdAt: p.datetime().fieldName('created_at'),
    updatedAt: p.datetime().fieldName('updated_at'),
  },
});
export type Report = InferEntity<typeof ReportEntity>;
