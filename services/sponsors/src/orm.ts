import { Migration20261207130200_outbox } from './migrations/Migration20261207130200_outbox.js';
import { SponsorEntity } from './sponsors/entities.js';
import { TwinningEntity } from './twinnings/entities.js';
import { CycleDeadlineEntity, NeedsItemEntity, NeedsProposalEntity, PlanItemEntity, YearlyPlanEntity } from './cycle/entities.js';
import { ContributionEntity, IdempotencyKeyEntity } from './contributions/entities.js';
import { ImportBatchEntity } from './imports/entities.js';
import { Migration20261125000300_init } from './migrations/Migration20261125000300_init.js';
import { Migration20261125000310_api_keys } from './migrations/Migration20261125000310_api_keys.js';
import { Migration20261125093000_contribution_totals_covering } from './migrations/Migration20261125093000_contribution_totals_covering.js';
import { Migration20261125130000_reference_indexes } from './migrations/Migration20261125130000_reference_indexes.js';
import { Migration20261206213000_exports_contributed_on } from './migrations/Migration20261206213000_exports_contributed_on.js';
import { Migration20261206214000_unit_scope } from './migrations/Migration20261206214000_unit_scope.js';
import { Migration20261206220000_contribution_aggregates_perf } from './migrations/Migration20261206220000_contribution_aggregates_perf.js';
import { Migration20261206220100_provenance } from './migrations/Migration20261206220100_provenance.js';
import { ApiKeyEntity } from './apikeys/entities.js';
import { Migration20261207100000_review_chain } from './migrations/Migration20261207100000_review_chain.js';
import { REVIEW_ENTITIES } from '@kn/platform';
import { FileAttachmentEntity, StoredFileEntity } from './files/entities.js';
import { Migration20261207120000_files } from './migrations/Migration20261207120000_files.js';
import { Migration20261208010200_tenant_lineage } from './migrations/Migration20261208010200_tenant_lineage.js';

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
  ...REVIEW_ENTITIES,
  StoredFileEntity,
  FileAttachmentEntity,
];
export const migrations = [
  Migration20261125000300_init,
  Migration20261125000310_api_keys,
  Migration20261125093000_contribution_totals_covering,
  Migration20261125130000_reference_indexes,
  Migration20261206213000_exports_contributed_on,
  Migration20261206214000_unit_scope,
  Migration20261206220000_contribution_aggregates_perf,
  Migration20261206220100_provenance,
  Migration20261207100000_review_chain,
  Migration20261207120000_files,
  Migration20261207130200_outbox,
  Migration20261208010200_tenant_lineage,
];
