import 'reflect-metadata';
import { main, type SubgraphDefinition } from '@kn/platform';
import { createLoaders, type Loaders } from './loaders.js';
import { DB_SCHEMA, entities } from './orm.js';
import { buildSchema } from './schema.js';

/** Subgraphs this one asks as its caller: communes (to check covered communes exist and are the caller's). */
export const PEERS = ['communes', 'sponsors'];

export const programs: SubgraphDefinition<Loaders> = {
  name: 'programs',
  dbSchema: DB_SCHEMA,
  defaultPort: 4002,
  entities,
  buildSchema,
  createLoaders,
  peers: PEERS,
};

if (import.meta.url === `file://${process.argv[1]}`) main(programs);
