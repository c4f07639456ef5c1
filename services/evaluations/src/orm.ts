import { Migration20261207130100_outbox } from './migrations/Migration20261207130100_outbox.js';
import { EvaluationRunEntity, GradeDecisionEntity, SponsorEvaluationEntity } from './evaluations/entities.js';
import { CriteriaSetEntity, CriterionEntity, MeasurementEntity } from './measurements/entities.js';
import { Migration20261125000400_init } from './migrations/Migration20261125000400_init.js';
import { Migration20261207100100_review_chain } from './migrations/Migration20261207100100_review_chain.js';
import { REVIEW_ENTITIES } from '@kn/platform';
import { Migration20261206214000_unit_scope } from './migrations/Migration20261206214000_unit_scope.js';
import { Migration20261206220200_provenance_outcomes } from './migrations/Migration20261206220200_provenance_outcomes.js';
import { CalendarRuleEntity, ReportEntity } from './reports/entities.js';
import { RuleSetEntity } from './rules/entities.js';
import { ReportTemplateEntity } from './templates/entities.js';
import { Migration20261206214000_report_templates } from './migrations/Migration20261206214000_report_templates.js';
import { Migration20261208010300_tenant_lineage } from './migrations/Migration20261208010300_tenant_lineage.js';

/** This subgraph's PostgreSQL schema. */
export const DB_SCHEMA = 'evaluations';

export const entities = [
  RuleSetEntity,
  CalendarRuleEntity,
  ReportEntity,
  CriteriaSetEntity,
  CriterionEntity,
  MeasurementEntity,
  EvaluationRunEntity,
  SponsorEvaluationEntity,
  GradeDecisionEntity,
  ReportTemplateEntity,
  ...REVIEW_ENTITIES,
];
export const migrations = [Migration20261125000400_init, Migration20261206214000_report_templates, Migration20261206214000_unit_scope, Migration20261206220200_provenance_outcomes, Migration20261207100100_review_chain, Migration20261207130100_outbox, Migration20261208010300_tenant_lineage];
