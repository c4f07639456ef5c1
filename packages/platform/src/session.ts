import { AsyncLocalStorage } from 'node:async_hooks';
import { PostgreSqlConnection, PostgreSqlDriver, type Configuration } from '@mikro-orm/postgresql';

/**
 * The transaction plumbing of every request, in ONE round trip (issue 16).
 *
 * MikroORM begins a transaction with BEGIN and then applies the session context with a second
 * statement (`select set_config(…, true)`): two round trips before the first real statement. Here the
 * settings travel in the same simple-protocol message as BEGIN:
 *
 *     start transaction read only; set local app.tenant_id = 'lang-son'; set local app.read_all = 'off'
 *
 * so the tenant is set before any statement of the transaction can run, with no extra round trip.
 * `SET LOCAL` (not `set_config`) because it is what Citus propagates to its workers
 * (`citus.propagate_set_commands = 'local'`, docs/SCALING.md §3).
 *
 * Fail closed: if the settings were not sent in BEGIN's message (the hook below was not reached),
 * the transaction is rolled back and the request fails — it never runs without its tenant.
 */

/** A setting's name: `prefix.name`, lower-case words (what `current_setting('app.x')` reads). */
const SETTING_NAME = /^[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*$/;

/** PostgreSQL's `quote_literal`: safe whatever `standard_conforming_strings` is. */
export function quoteLiteral(value: string): string {
  if (value.includes('\u0000')) throw new Error('a session setting cannot hold a NUL character');
  const doubled = value.replaceAll("'", "''");
  return value.includes('\\') ? `E'${doubled.replaceAll('\\', '\\\\')}'` : `'${doubled}'`;
}

/** The `SET LOCAL` statements of a settings map, in one string (checked names, quoted values). */
export function setLocalSql(settings: Readonly<Record<string, unknown>>): string {
  return Object.entries(settings)
    .map(([name, value]) => {
      if (!SETTING_NAME.test(name)) throw new Error(`invalid session setting name: ${name}`);
      const text = value instanceof Date ? value.toISOString() : String(value);
      return `set local ${name} = ${quoteLiteral(text)}`;
    })
    .join('; ');
}

interface PendingSettings {
  /** The `SET LOCAL` statements to send with BEGIN. */
  readonly sql: string;
  /** Set by the driver once BEGIN and the settings went out in one message. */
  sent: boolean;
  logged: boolean;
}

/** The settings of the transaction being begun in this async context (set only around `begin`). */
const pendingSettings = new AsyncLocalStorage<PendingSettings>();

interface KyselyLikeConnection {
  executeQuery(query: { sql: string; parameters: readonly unknown[]; queryId?: unknown; query?: unknown }): Promise<unknown>;
}
interface TransactionSettings {
  isolationLevel?: string;
  accessMode?: string;
}

function beginSql(settings: TransactionSettings): string {
  if (!settings.isolationLevel && !settings.accessMode) return 'begin';
  let sql = 'start transaction';
  if (settings.isolationLevel) sql += ` isolation level ${settings.isolationLevel}`;
  if (settings.accessMode) sql += ` ${settings.accessMode}`;
  return sql;
}

const raw = (sql: string) => ({ sql, parameters: [] as readonly unknown[], query: { kind: 'RawNode', sqlFragments: [sql], parameters: [] } });

/** The pg connection of MikroORM, with BEGIN and the session settings sent as one message. */
export class OneTripConnection extends PostgreSqlConnection {
  override createKyselyDialect(
    overrides: Parameters<PostgreSqlConnection['createKyselyDialect']>[0],
  ): ReturnType<PostgreSqlConnection['createKyselyDialect']> {
    const dialect = super.createKyselyDialect(overrides);
    const createDriver = dialect.createDriver.bind(dialect);
    dialect.createDriver = () => {
      const driver = createDriver();
      const begin = driver.beginTransaction.bind(driver);
      driver.beginTransaction = async (connection, settings) => {
        const pending = pendingSettings.getStore();
        if (!pending || pending.sent) return begin(connection, settings);
        const conn = connection as unknown as KyselyLikeConnection;
        try {
          // no parameters: pg sends a simple query, which may hold several statements
          await conn.executeQuery(raw(`${beginSql(settings as TransactionSettings)}; ${pending.sql}`));
        } catch (e) {
          // a failed message leaves the transaction open and aborted: end it before the pool reuses it
          await conn.executeQuery(raw('rollback')).catch(() => undefined);
          throw e;
        }
        pending.sent = true;
      };
      return driver;
    };
    return dialect;
  }

  override async begin(options: Parameters<PostgreSqlConnection['begin']>[0] = {}): ReturnType<PostgreSqlConnection['begin']> {
    const variables = options.sessionContext?.variables;
    if (options.ctx || !variables || Object.keys(variables).length === 0 || options.sessionContext?.role) {
      return super.begin(options);
    }
    const { sessionContext: _applied, ...rest } = options;
    const pending: PendingSettings = { sql: setLocalSql(variables), sent: false, logged: false };
    const trx = await pendingSettings.run(pending, () => super.begin(rest));
    if (!pending.sent) {
      await trx.rollback().execute().catch(() => undefined);
      throw new Error('the session settings were not sent with BEGIN: the transaction was refused');
    }
    return trx;
  }

  /** BEGIN is logged (and counted) once, with the settings that went out in its message. */
  override logQuery(query: string, context?: Parameters<PostgreSqlConnection['logQuery']>[1]): void {
    const pending = pendingSettings.getStore();
    if (pending?.sent && !pending.logged && /^(begin|start transaction)/.test(query)) {
      pending.logged = true;
      query = `${query}; ${pending.sql}`;
    }
    super.logQuery(query, context);
  }
}

/** MikroORM's PostgreSQL driver on `OneTripConnection`. */
export class OneTripDriver extends PostgreSqlDriver {
  constructor(config: Configuration) {
    super(config);
    (this as unknown as { connection: PostgreSqlConnection }).connection = new OneTripConnection(this.config);
  }
}
