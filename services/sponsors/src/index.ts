import 'reflect-metadata';
import { main, type SubgraphDefinition } from '@kn/platform';
import { createLoaders, type Loaders } from './loaders.js';
import { DB_SCHEMA, entities } from './orm.js';
import { buildSchema } from './schema.js';

export const sponsors: SubgraphDefinition<Loaders> = {
  name: 'sponsors',
  dbSchema: DB_SCHEMA,
  defaultPort: 4003,
  entities,
  buildSchema,
  createLoaders,
  peers: ['communes'],
};

if (import.meta.url === `file://${process.argv[1]}`) main(sponsors);
