import 'reflect-metadata';
import type { ClientBase } from 'pg';
import { main, type SubgraphDefinition } from '@kn/platform';
import { createLoaders, type Loaders } from './loaders.js';
import { DB_SCHEMA, entities, migrations } from './orm.js';
import { PEER_DOCUMENTS } from './peers.js';
import { buildSchema } from './schema.js';

/** Subgraphs this one asks as its caller: communes (to check covered communes exist and are the caller's). */
export const PEERS = ['communes', 'sponsors'];

export const programs: SubgraphDefinition<Loaders> = {
  name: 'programs',
  dbSchema: DB_SCHEMA,
  defaultPort: 4002,
  entities,
  migrations,
  buildSchema,
  createLoaders,
  // the seed and its data are loaded only by the tooling, never by the running subgraph
  seedDemo: async (client: ClientBase) => (await import('./seed/index.js')).seedPrograms(client),
  peers: PEERS,
  peerDocuments: PEER_DOCUMENTS,
};

if (import.meta.url === `file://${process.argv[1]}`) main(programs);
