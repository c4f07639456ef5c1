import 'reflect-metadata';
import { main, type SubgraphDefinition } from '@kn/platform';
import { sponsorsEnv } from './env.js';
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
  peers: ['communes', 'programs'],
};

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    sponsorsEnv(); // this subgraph's own settings: refuse to boot on a bad value
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
  main(sponsors);
}
