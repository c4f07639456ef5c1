import { createRequire } from 'node:module';
import type { EntitySchema } from '@mikro-orm/core';
import type { Migration } from '@mikro-orm/migrations';
import type { GraphQLSchema } from 'graphql';
import type { ClientBase } from 'pg';
import * as communesOrm from '@kn/communes/orm';
import { buildSchema as communesSchema } from '@kn/communes/schema';
import { seedCommunes } from '@kn/communes/seed/index';
import { PEERS as evaluationsPeers } from '@kn/evaluations';
import * as evaluationsOrm from '@kn/evaluations/orm';
import { buildSchema as evaluationsSchema } from '@kn/evaluations/schema';
import { seedEvaluations } from '@kn/evaluations/seed/index';
import { PEERS as programsPeers } from '@kn/programs';
import * as programsOrm from '@kn/programs/orm';
import { buildSchema as programsSchema } from '@kn/programs/schema';
import { seedPrograms } from '@kn/programs/seed/index';
import * as sponsorsOrm from '@kn/sponsors/orm';
import { buildSchema as sponsorsSchema } from '@kn/sponsors/schema';
import { seedSponsors } from '@kn/sponsors/seed/index';

const require = createRequire(import.meta.url);

/** Everything the tooling needs to know about a subgraph. The one list of subgraphs. */
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
}

export const SUBGRAPHS: SubgraphModule[] = [
  {
    name: 'communes',
    dbSchema: communesOrm.DB_SCHEMA,
    port: 4001,
    entry: require.resolve('@kn/communes'),
    entities: communesOrm.entities,
    migrations: communesOrm.migrations,
    buildSchema: communesSchema,
    seedDemo: (client) => seedCommunes(client),
  },
  {
    name: 'programs',
    dbSchema: programsOrm.DB_SCHEMA,
    port: 4002,
    entry: require.resolve('@kn/programs'),
    entities: programsOrm.entities,
    migrations: programsOrm.migrations,
    buildSchema: programsSchema,
    seedDemo: (client) => seedPrograms(client),
    peers: programsPeers,
  },
  {
    name: 'sponsors',
    dbSchema: sponsorsOrm.DB_SCHEMA,
    port: 4003,
    entry: require.resolve('@kn/sponsors'),
    entities: sponsorsOrm.entities,
    migrations: sponsorsOrm.migrations,
    buildSchema: sponsorsSchema,
    seedDemo: (client) => seedSponsors(client),
    peers: ['communes', 'programs'],
  },
  {
    name: 'evaluations',
    dbSchema: evaluationsOrm.DB_SCHEMA,
    port: 4004,
    entry: require.resolve('@kn/evaluations'),
    entities: evaluationsOrm.entities,
    migrations: evaluationsOrm.migrations,
    buildSchema: evaluationsSchema,
    seedDemo: (client) => seedEvaluations(client),
    peers: evaluationsPeers,
  },
];
