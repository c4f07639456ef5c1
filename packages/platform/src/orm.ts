import type { EntitySchema } from '@mikro-orm/core';
import type { Migration } from '@mikro-orm/migrations';
import { Migrator } from '@mikro-orm/migrations';
import { MikroORM } from '@mikro-orm/postgresql';
import { AuditSubscriber } from './audit.js';
import { OneTripDriver } from './session.js';
import { CountingLogger, SqlCounter } from './sql-counter.js';

/** Role names of a subgraph's schema: the owner runs migrations, the app role serves requests. */
export const dbRoles = (schema: string) => ({ owner: `kn_${schema}_owner`, app: `kn_${schema}_app` });

export interface OrmOptions {
  /** Connection URL (the app role for serving, the owner role for migrating). */
  url: string;
  /** The subgraph's PostgreSQL schema. */
  schema: string;
  entities: EntitySchema<any, any>[];
  migrations?: (new (...args: any[]) => Migration)[];
  poolMax?: number;
  counter?: SqlCounter;
  debug?: boolean;
}

/**
 * The one MikroORM set-up every subgraph uses: PostgreSQL, the subgraph's schema, session context
 * applied per transaction (RLS: `SET LOCAL` in BEGIN's own message, `session.ts`), the tenant filter
 * as a second belt, the audit subscriber and the SQL statement counter.
 */
export async function createOrm(opts: OrmOptions): Promise<MikroORM> {
  const counter = opts.counter ?? new SqlCounter();
  const tenantEntities = opts.entities
    .filter((e) => 'tenantId' in (e.meta.properties ?? {}))
    .map((e) => e.meta.className);
  return MikroORM.init({
    driver: OneTripDriver,
    clientUrl: opts.url,
    schema: opts.schema,
    entities: opts.entities,
    extensions: opts.migrations ? [Migrator] : [],
    migrations: opts.migrations
      ? {
          migrationsList: opts.migrations.map((m) => ({ name: m.name, class: m })),
          tableName: 'mikro_orm_migrations',
          transactional: true,
          allOrNothing: true,
          snapshot: false,
          silent: true,
        }
      : undefined,
    sessionContext: 'transaction',
    implicitTransactions: true,
    allowGlobalContext: false,
    forceUtcTimezone: true,
    ensureDatabase: false,
    discovery: { warnWhenNoEntities: false },
    pool: { min: 0, max: opts.poolMax ?? 10, idleTimeoutMillis: 30_000 },
    debug: opts.debug ?? false,
    loggerFactory: (options) => new CountingLogger(options, counter),
    subscribers: [new AuditSubscriber()],
    filters: {
      tenant: {
        name: 'tenant',
        entity: tenantEntities,
        default: true,
        // one tenant, or (a query of a tenant that succeeded others) the tenant and its predecessors
        cond: (args: { tenantId?: string | readonly string[] | null }) =>
          Array.isArray(args.tenantId) ? { tenantId: { $in: args.tenantId } } : args.tenantId ? { tenantId: args.tenantId } : {},
      },
    },
  });
}

export { SqlCounter };
