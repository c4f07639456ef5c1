import 'reflect-metadata';
import type { ClientBase } from 'pg';
import { main, type SubgraphDefinition } from '@kn/platform';
import { createLoaders, type Loaders } from './loaders.js';
import { DB_SCHEMA, entities, migrations } from './orm.js';
import { PEER_DOCUMENTS } from './peers.js';
import { buildSchema } from './schema.js';
import { reportReminders } from './reports/reminders.js';

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
  migrations,
  buildSchema,
  createLoaders,
  // the seed and its data are loaded only by the tooling, never by the running subgraph
  seedDemo: async (client: ClientBase) => (await import('./seed/index.js')).seedEvaluations(client),
  peers: PEERS,
  peerDocuments: PEER_DOCUMENTS,
  // changes someone must act on go to its outbox; the worker relays them and runs its reminder scan
  outbox: { reminders: reportReminders },
};

if (import.meta.url === `file://${process.argv[1]}`) main(evaluations);
