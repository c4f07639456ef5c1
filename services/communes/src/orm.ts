import { entities } from './units/entities.js';
import { Migration20261125000100_init } from './migrations/Migration20261125000100_init.js';
import { Migration20261206210000_provinces_location } from './migrations/Migration20261206210000_provinces_location.js';
import { Migration20261206220300_classification_provenance } from './migrations/Migration20261206220300_classification_provenance.js';
import { Migration20261207110000_unit_changes } from './migrations/Migration20261207110000_unit_changes.js';
import { Migration20261208010000_tenant_succession } from './migrations/Migration20261208010000_tenant_succession.js';

/** This subgraph's PostgreSQL schema. */
export const DB_SCHEMA = 'communes';
export { entities };
export const migrations = [Migration20261125000100_init, Migration20261206210000_provinces_location, Migration20261206220300_classification_provenance, Migration20261207110000_unit_changes, Migration20261208010000_tenant_succession];
