import pg from 'pg';
import { createOrm, dbRoles } from '@kn/platform';
import { rolePassword, type DevSecrets } from './secrets.js';
import { SUBGRAPHS, type SubgraphModule } from './subgraphs.js';

export const DATABASE = 'kn';

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;
const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Same server and database as `url`, as another user. */
export function urlAs(url: string, user: string, password: string): string {
  const u = new URL(url);
  u.username = encodeURIComponent(user);
  u.password = encodeURIComponent(password);
  return u.toString();
}

export async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  await withClient(adminUrl, async (c) => {
    const { rowCount } = await c.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) await c.query(`create database ${ident(name)} encoding 'UTF8' template template0`);
  });
}

export interface DatabaseLayout {
  /** Per subgraph: the URL its service connects with (app role) and the owner URL (migrations). */
  urls: Record<string, { app: string; owner: string }>;
}

/**
 * Creates (or re-asserts) each subgraph's schema and its two roles: the owner, which owns the
 * tables and runs migrations, and the app role the service connects as — not owner, not
 * superuser, no BYPASSRLS, granted only what it needs on its own schema.
 */
export async function bootstrap(dbUrl: string, dataDir: string, secrets: DevSecrets): Promise<DatabaseLayout> {
  const urls: DatabaseLayout['urls'] = {};
  const database = new URL(dbUrl).pathname.slice(1);
  await withClient(dbUrl, async (c) => {
    for (const sg of SUBGRAPHS) {
      const { owner, app } = dbRoles(sg.dbSchema);
      for (const role of [owner, app]) {
        const pw = rolePassword(dataDir, secrets, role);
        const { rowCount } = await c.query('select 1 from pg_roles where rolname = $1', [role]);
        const attrs = `login nosuperuser nocreatedb nocreaterole nobypassrls noreplication password ${literal(pw)}`;
        await c.query(`${rowCount ? 'alter' : 'create'} role ${ident(role)} with ${attrs}`);
        await c.query(`grant connect on database ${ident(database)} to ${ident(role)}`);
        urls[sg.name] ??= { app: '', owner: '' };
        urls[sg.name]![role === owner ? 'owner' : 'app'] = urlAs(dbUrl, role, pw);
      }
      await c.query(`create schema if not exists ${ident(sg.dbSchema)} authorization ${ident(owner)}`);
      await c.query(`grant usage on schema ${ident(sg.dbSchema)} to ${ident(app)}`);
      await c.query(
        `alter default privileges for role ${ident(owner)} in schema ${ident(sg.dbSchema)} grant select, insert, update, delete on tables to ${ident(app)}`,
      );
      await c.query(
        `alter default privileges for role ${ident(owner)} in schema ${ident(sg.dbSchema)} grant usage, select on sequences to ${ident(app)}`,
      );
    }
    await c.query(`revoke create on schema public from public`);
  });
  return { urls };
}

/** Applies each subgraph's pending migrations as its owner role. */
export async function migrate(layout: DatabaseLayout, subgraphs: SubgraphModule[] = SUBGRAPHS): Promise<string[]> {
  const applied: string[] = [];
  for (const sg of subgraphs) {
    const orm = await createOrm({
      url: layout.urls[sg.name]!.owner,
      schema: sg.dbSchema,
      entities: sg.entities,
      migrations: sg.migrations,
      poolMax: 2,
    });
    try {
      const done = await orm.migrator.up();
      applied.push(...done.map((m) => `${sg.name}: ${m.name}`));
      // the migrations ledger is the owner's business only
      await orm.em.getConnection().execute(
        `revoke all on ${ident(sg.dbSchema)}.mikro_orm_migrations from ${ident(dbRoles(sg.dbSchema).app)}`,
      );
    } finally {
      await orm.close();
    }
  }
  return applied;
}

/** Loads each subgraph's demo data once (recorded in its schema's seed_log). */
export async function seedDemo(layout: DatabaseLayout, subgraphs: SubgraphModule[] = SUBGRAPHS): Promise<string[]> {
  const seeded: string[] = [];
  for (const sg of subgraphs) {
    await withClient(layout.urls[sg.name]!.owner, async (c) => {
      const { rowCount } = await c.query(`select 1 from ${ident(sg.dbSchema)}.seed_log where name = 'demo'`);
      if (rowCount) return;
      await sg.seedDemo(c);
      await c.query(`insert into ${ident(sg.dbSchema)}.seed_log (name) values ('demo') on conflict do nothing`);
      seeded.push(sg.name);
    });
  }
  return seeded;
}
