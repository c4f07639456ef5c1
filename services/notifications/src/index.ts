import 'reflect-metadata';
import type { ClientBase } from 'pg';
import { main, type SubgraphDefinition } from '@kn/platform';
import { createLoaders, type Loaders } from './loaders.js';
import { DB_SCHEMA, entities, migrations } from './orm.js';
import { PEER_DOCUMENTS } from './peers.js';
import { buildSchema } from './schema.js';

/**
 * Notifications and webhooks (issue #14 §3): what the worker relayed from the other subgraphs'
 * outboxes, read per reader (`notifications`), and partner webhooks with their deliveries.
 */
export const notifications: SubgraphDefinition<Loaders> = {
  name: 'notifications',
  dbSchema: DB_SCHEMA,
  defaultPort: 4005,
  entities,
  migrations,
  buildSchema,
  createLoaders,
  seedDemo: async (client: ClientBase) => (await import('./seed/index.js')).seedNotifications(client),
  peerDocuments: PEER_DOCUMENTS,
};

if (import.meta.url === `file://${process.argv[1]}`) main(notifications);
