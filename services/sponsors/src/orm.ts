import { SponsorEntity } from './sponsors/entities.js';
import { TwinningEntity } from './twinnings/entities.js';
import { CycleDeadlineEntity, NeedsItemEntity, NeedsProposalEntity, PlanItemEntity, YearlyPlanEntity } from './cycle/entities.js';
import { ContributionEntity, IdempotencyKeyEntity } from './contributions/entities.js';
import { ImportBatchEntity } from './imports/entities.js';
import { Migration20261125000300_init } from './migrations/Migration20261125000300_init.js';
import { Migration20261125000310_api_keys } from './migrations/Migration20261125000310_api_keys.js';
import { Migration20261125093000_contribution_totals_covering } from './migrations/Migration20261125093000_contribution_totals_covering.js';
import { Migration20261125130000_reference_indexes } from './migrations/Migration20261125130000_reference_indexes.js';
import { ApiKeyEntity } from './apikeys/entities.js';

/** This subgraph's PostgreSQL schema. */
export const DB_SCHEMA = 'sponsors';

export const entities = [
  SponsorEntity,
  TwinningEntity,
  CycleDeadlineEntity,
  NeedsProposalEntity,
  NeedsItemEntity,
  YearlyPlanEntity,
  PlanItemEntity,
  ContributionEntity,
  IdempotencyKeyEntity,
  ImportBatchEntity,
  ApiKeyEntity,
];
export const migrations = [Migration20261125000300_init, Migration20261125000310_api_keys, Migration20261125093000_contribution_totals_covering, Migration20261125130000_reference_indexes];
