import 'reflect-metadata';
import type { ClientBase } from 'pg';
import { main, type SubgraphDefinition } from '@kn/platform';
import { createLoaders, type Loaders } from './loaders.js';
import { DB_SCHEMA, entities, migrations } from './orm.js';
import { buildSchema } from './schema.js';

export const communes: SubgraphDefinition<Loaders> = {
  name: 'communes',
  dbSchema: DB_SCHEMA,
  defaultPort: 4001,
  entities,
  migrations,
  buildSchema,
  createLoaders,
  // a successor's geography holds its predecessors' units itself (same ids): read the tenant's own rows
  readsPredecessors: false,
  // the seed and its data are loaded only by the tooling, never by the running subgraph
  seedDemo: async (client: ClientBase) => (await import('./seed/index.js')).seedCommunes(client),
};

if (import.meta.url === `file://${process.argv[1]}`) main(communes);
