import { READ_ALL_SETTING, TENANT_SETTING } from './rls.js';

/** The part of a `pg` client a seed needs. */
export interface SeedClient {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/**
 * Runs `fn` in one transaction of `tenant` on a seeding connection: row-level security applies to
 * the owner role too, so a seed writes only the tenant it names. Rolls back on any error.
 */
export async function inTenant<T>(client: SeedClient, tenant: string, fn: () => Promise<T>): Promise<T> {
  await client.query('begin');
  try {
    await client.query(`select set_config('${TENANT_SETTING}', $1, true), set_config('${READ_ALL_SETTING}', 'off', true)`, [tenant]);
    const result = await fn();
    await client.query('commit');
    return result;
  } catch (e) {
    await client.query('rollback');
    throw e;
  }
}
