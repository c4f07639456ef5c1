import { entities } from './units/entities.js';
import { Migration20261125000100_init } from './migrations/Migration20261125000100_init.js';

/** This subgraph's PostgreSQL schema. */
export const DB_SCHEMA = 'communes';
export { entities };
export const migrations = [Migration20261125000100_init];
