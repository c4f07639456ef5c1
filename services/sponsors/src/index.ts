import 'reflect-metadata';
import type { ClientBase } from 'pg';
import { main, type SubgraphDefinition } from '@kn/platform';
import { sponsorsEnv } from './env.js';
import { FILE_ROUTES } from './files/routes.js';
import { filesSweep } from './files/sweep.js';
import { createLoaders, type Loaders } from './loaders.js';
import { DB_SCHEMA, entities, migrations } from './orm.js';
import { PEER_DOCUMENTS } from './peers.js';
import { buildSchema } from './schema.js';
import { cycleReminders } from './cycle/reminders.js';

export const sponsors: SubgraphDefinition<Loaders> = {
  name: 'sponsors',
  dbSchema: DB_SCHEMA,
  defaultPort: 4003,
  entities,
  migrations,
  buildSchema,
  createLoaders,
  // the seed and its data are loaded only by the tooling, never by the running subgraph
  seedDemo: async (client: ClientBase) => (await import('./seed/index.js')).seedSponsors(client),
  peers: ['communes', 'programs', 'evaluations'],
  peerDocuments: PEER_DOCUMENTS,
  // evidence files (docs/FILES.md): the gateway forwards POST /files and GET /files/:id here
  routes: FILE_ROUTES,
  get background() {
    return [filesSweep()];
  },
  // changes someone must act on go to its outbox; the worker relays them and runs its reminder scan
  outbox: { reminders: cycleReminders },
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
