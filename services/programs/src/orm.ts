import { FundingLineEntity } from './funding/entities.js';
import { IndicatorEntity } from './indicators/entities.js';
import { Migration20261125000200_programs } from './migrations/Migration20261125000200_programs.js';
import { Migration20261206220000_provenance } from './migrations/Migration20261206220000_provenance.js';
import { Migration20261208010100_tenant_lineage } from './migrations/Migration20261208010100_tenant_lineage.js';
import { CoveredCommuneEntity, ProgramEntity } from './programs/entities.js';
import { TargetEntity } from './targets/entities.js';
import { TaskEntity } from './tasks/entities.js';

/** This subgraph's PostgreSQL schema. */
export const DB_SCHEMA = 'programs';
export const entities = [ProgramEntity, CoveredCommuneEntity, IndicatorEntity, TargetEntity, TaskEntity, FundingLineEntity];
export const migrations = [Migration20261125000200_programs, Migration20261206220000_provenance, Migration20261208010100_tenant_lineage];
