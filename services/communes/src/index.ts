import 'reflect-metadata';
import { main, type SubgraphDefinition } from '@kn/platform';
import { createLoaders, type Loaders } from './loaders.js';
import { DB_SCHEMA, entities } from './orm.js';
import { buildSchema } from './schema.js';

export const communes: SubgraphDefinition<Loaders> = {
  name: 'communes',
  dbSchema: DB_SCHEMA,
  defaultPort: 4001,
  entities,
  buildSchema,
  createLoaders,
};

if (import.meta.url === `file://${process.argv[1]}`) main(communes);
