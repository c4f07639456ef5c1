import { EvaluationRunEntity, SponsorEvaluationEntity } from './evaluations/entities.js';
import { CriteriaSetEntity, CriterionEntity, MeasurementEntity } from './measurements/entities.js';
import { Migration20261125000400_init } from './migrations/Migration20261125000400_init.js';
import { CalendarRuleEntity, ReportEntity } from './reports/entities.js';
import { RuleSetEntity } from './rules/entities.js';

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
];
export const migrations = [Migration20261125000400_init];
