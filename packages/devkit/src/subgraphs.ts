import { createRequire } from 'node:module';
import type { EntitySchema } from '@mikro-orm/core';
import type { Migration } from '@mikro-orm/migrations';
import type { GraphQLSchema } from 'graphql';
import type { ClientBase } from 'pg';
import { communes } from '@kn/communes';
import { evaluations } from '@kn/evaluations';
import { notifications } from '@kn/notifications';
import type { PeerDocument, SubgraphDefinition } from '@kn/platform';
import { programs } from '@kn/programs';
import { sponsors } from '@kn/sponsors';

const require = createRequire(import.meta.url);

/** Everything the tooling needs to know about a subgraph, read from the subgraph's own definition. */
export interface SubgraphModule {
  name: string;
  dbSchema: string;
  /** Default port; the committed supergraph points at it. */
  port: number;
  /** The compiled entry point (`node <entry>` serves the subgraph). */
  entry: string;
  entities: EntitySchema<any, any>[];
  migrations: (new (...args: any[]) => Migration)[];
  buildSchema: () => Promise<GraphQLSchema>;
  seedDemo: (client: ClientBase) => Promise<void>;
  /** Subgraphs it asks directly (their URLs are passed in SUBGRAPH_URLS). */
  peers?: string[];
  /** Every document it sends them (checked against their schemas by `schema:check`). */
  peerDocuments: PeerDocument[];
  /** It writes events to its own outbox (`enqueueOutbox`): the worker relays them (docs/NOTIFICATIONS.md). */
  outbox: boolean;
}

/** The tooling's view of a subgraph declared in `services/<name>/src/index.ts` (package `@kn/<name>`). */
const fromDefinition = (d: SubgraphDefinition<any>): SubgraphModule => ({
  name: d.name,
  dbSchema: d.dbSchema,
  port: d.defaultPort,
  entry: require.resolve(`@kn/${d.name}`),
  entities: d.entities,
  migrations: d.migrations,
  buildSchema: d.buildSchema,
  seedDemo: (client) => d.seedDemo(client),
  ...(d.peers ? { peers: d.peers } : {}),
  peerDocuments: d.peerDocuments ?? [],
  outbox: d.outbox !== undefined,
});

/**
 * The one list of subgraphs, in the order they are migrated, seeded and started. A sixth subgraph
 * is its own folder (declared in its `index.ts`) plus one entry here.
 */
export const SUBGRAPHS: SubgraphModule[] = [communes, programs, sponsors, evaluations, notifications].map(fromDefinition);
