import 'reflect-metadata';
import { main, type SubgraphDefinition } from '@kn/platform';
import { createLoaders, type Loaders } from './loaders.js';
import { DB_SCHEMA, entities } from './orm.js';
import { buildSchema } from './schema.js';

/**
 * Subgraphs this one asks as its caller: sponsors (each sponsor's recorded facts of a year; the
 * programme's twinnings when scheduling reports), communes (predecessors for roll-ups, districts,
 * communes' existence, the provinces), programs (a programme's existence, the targets dashboards
 * compare with).
 */
export const PEERS = ['communes', 'sponsors', 'programs'];

export const evaluations: SubgraphDefinition<Loaders> = {
  name: 'evaluations',
  dbSchema: DB_SCHEMA,
  defaultPort: 4004,
  entities,
  buildSchema,
  createLoaders,
  peers: PEERS,
};

if (import.meta.url === `file://${process.argv[1]}`) main(evaluations);
