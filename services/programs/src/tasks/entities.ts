import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

const intArray = () => p.array<number>((v) => Number(v), (v) => String(v)).columnType('smallint[]');

/**
 * A task the programme assigns. Its due is typed columns, not free text: a day (`due_date`), a
 * calendar rule (`due_months`/`due_quarters`/`due_day`/`due_by`/`due_year`/`due_interval_months`),
 * ongoing, or as needed; `due_wording` keeps the document's words. No due (`due_kind` null): the
 * document sets no time.
 */
export const TaskEntity = defineEntity({
  name: 'Task',
  tableName: 'task',
  properties: {
    tenantId: p.string().primary().fieldName('tenant_id'),
    id: p.uuid().primary(),
    programId: p.uuid().fieldName('program_id'),
    title: p.text(),
    leadAgency: p.text().fieldName('lead_agency'),
    coordinatingAgencies: p.array().columnType('text[]').fieldName('coordinating_agencies'),
    directingBody: p.text().nullable().fieldName('directing_body'),
    dueKind: p.string().nullable().fieldName('due_kind'),
    dueDate: p.date().nullable().fieldName('due_date'),
    dueMonths: intArray().fieldName('due_months'),
    dueQuarters: intArray().fieldName('due_quarters'),
    dueDay: p.integer().nullable().fieldName('due_day'),
    dueBy: p.boolean().fieldName('due_by'),
    dueYear: p.integer().nullable().fieldName('due_year'),
    dueIntervalMonths: p.integer().nullable().fieldName('due_interval_months'),
    dueWording: p.text().nullable().fieldName('due_wording'),
    status: p.string(),
    reference: p.string().nullable(),
    position: p.integer(),
    version: p.integer(),
  },
});
export type Task = InferEntity<typeof TaskEntity>;
