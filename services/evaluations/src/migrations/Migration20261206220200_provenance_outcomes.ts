import { Migration } from '@mikro-orm/migrations';
import { dbRoles, tenantTableRls } from '@kn/platform';

const S = 'evaluations';
const APP = dbRoles(S).app;
const PROVENANCE = (c: string) =>
  `check (${c} is null or (jsonb_typeof(${c}) = 'object' and ${c}->>'kind' in ('DOCUMENT', 'INTERPRETATION', 'PROVINCE_SETTING', 'EXTERNAL', 'SYNTHETIC')))`;
const GRADES = `'EXCELLENT', 'GOOD', 'FAIR', 'AVERAGE', 'WEAK'`;

/**
 * Issue #12 (faithful to the letter).
 * - Calendar rules and criteria sets say where they come from (`provenance`); a calendar rule binds
 *   from the day of the document that creates it (`effective_from`): no report falls due before it.
 * - An evaluation has an outcome of its own beside its grade: GRADED, CHOICE_REQUIRED (the engine
 *   proposes "eligible for xuất sắc or tốt" and a person chooses), NOT_CONSIDERED ("không xem xét thi
 *   đua", grade null), NOT_RATED (no rule applies).
 * - The person's choice is a row of its own (`grade_decision`, insert-only, audited): the stored
 *   evaluation is never changed.
 */
export class Migration20261206220200_provenance_outcomes extends Migration {
  override async up(): Promise<void> {
    const sql = [
      `alter table ${S}.report_calendar_rule add column provenance jsonb ${PROVENANCE('provenance')}`,
      `alter table ${S}.report_calendar_rule add column effective_from date`,
      // seed 002 §IV.1: every district and city committee owes the yearly review, not only the border districts
      `alter table ${S}.report_calendar_rule drop constraint report_calendar_rule_reporters_check`,
      `alter table ${S}.report_calendar_rule add constraint report_calendar_rule_reporters_check
         check (reporters in ('PROGRAM_SPONSORS', 'TWINNED_COMMUNES', 'CLASSIFIED_COMMUNES_DISTRICTS', 'ALL_DISTRICTS', 'NAMED'))`,
      `alter table ${S}.criteria_set add column provenance jsonb ${PROVENANCE('provenance')}`,
      `alter table ${S}.sponsor_evaluation add column outcome text not null default 'GRADED'
         check (outcome in ('GRADED', 'CHOICE_REQUIRED', 'NOT_CONSIDERED', 'NOT_RATED'))`,
      `alter table ${S}.sponsor_evaluation add column eligible_grades text[] not null default '{}'`,
      `alter table ${S}.sponsor_evaluation add column excluded_by text[] not null default '{}'`,
      `alter table ${S}.sponsor_evaluation add constraint sponsor_evaluation_outcome_grade
         check ((outcome = 'GRADED') = (grade is not null))`,
      `create table ${S}.grade_decision (
        tenant_id text not null,
        id uuid not null,
        evaluation_id uuid not null,
        grade text not null check (grade in (${GRADES})),
        reason text not null check (length(btrim(reason)) between 10 and 2000),
        decided_by text not null,
        decided_at timestamptz not null default now(),
        primary key (tenant_id, id),
        foreign key (tenant_id, evaluation_id) references ${S}.sponsor_evaluation (tenant_id, id)
      )`,
      `create index grade_decision_evaluation on ${S}.grade_decision (tenant_id, evaluation_id, decided_at desc)`,
      ...tenantTableRls(S, 'grade_decision'),
      `revoke update, delete, truncate on ${S}.grade_decision from "${APP}"`,
    ];
    for (const s of sql) this.addSql(s);
  }
}
