import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import type { JWK } from 'jose';
import { signUserToken } from '@kn/devkit/tokens';
import type { IdentityClaims, Role } from '@kn/platform/identity';

export const platform = () => inject('platform');

export interface GqlResult<T = any> {
  status: number;
  requestId: string;
  data: T | null | undefined;
  errors: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[] | undefined;
  body: any;
}

/** A user token, as the provinces' identity provider would issue it. */
export function tokenFor(
  tenant: string | null,
  roles: Role | Role[],
  extra: Partial<IdentityClaims> & { expiresInSeconds?: number } = {},
): Promise<string> {
  const list = Array.isArray(roles) ? roles : [roles];
  const { expiresInSeconds, ...claims } = extra;
  return signUserToken(
    platform().issuerPrivateJwk as JWK,
    { sub: `test:${tenant ?? 'national'}:${list.join('+')}`, tenant, roles: list, ...claims },
    { expiresInSeconds },
  );
}

/** Sends one GraphQL request through the gateway over HTTP. */
export async function gql<T = any>(
  token: string | null,
  query: string,
  variables?: Record<string, unknown>,
  opts: { url?: string; headers?: Record<string, string>; requestId?: string } = {},
): Promise<GqlResult<T>> {
  const requestId = opts.requestId ?? `test-${randomUUID()}`;
  const res = await fetch(opts.url ?? platform().gatewayUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-request-id': requestId,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...opts.headers,
    },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = { raw: text };
  }
  return { status: res.status, requestId, data: body?.data, errors: body?.errors, body };
}

/** The error codes of a result, in order. */
export const codes = (r: GqlResult) => (r.errors ?? []).map((e) => e.extensions?.code);

/** SQL statements a request cost, summed over every subgraph (counted by the subgraphs themselves). */
export async function sqlStatements(requestId: string): Promise<number> {
  let total = 0;
  for (const url of Object.values(platform().subgraphUrls)) {
    const res = await fetch(url.replace(/\/graphql$/, `/debug/sql/${encodeURIComponent(requestId)}`));
    total += ((await res.json()) as { statements: number }).statements;
  }
  return total;
}

/** GraphQL HTTP requests the subgraphs received for a request id, summed over every subgraph. */
export async function subgraphCalls(requestId: string): Promise<number> {
  let total = 0;
  for (const url of Object.values(platform().subgraphUrls)) {
    const res = await fetch(url.replace(/\/graphql$/, `/debug/sql/${encodeURIComponent(requestId)}`));
    total += ((await res.json()) as { requests: number }).requests;
  }
  return total;
}

/** A PostgreSQL connection (admin, or a subgraph's app/owner role); closed after `fn`. */
export async function withDb<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * The text of services' log files once it contains `expected` (logs are buffered and written within
 * about a second, issue 16), or as it is after `timeoutMs`.
 */
export async function logsContaining(paths: string[], expected: string, timeoutMs = 4000): Promise<string> {
  const { readFileSync } = await import('node:fs');
  const until = Date.now() + timeoutMs;
  for (;;) {
    const text = paths.map((p) => readFileSync(p, 'utf8')).join('\n');
    if (text.includes(expected) || Date.now() > until) return text;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Fails with the GraphQL errors when a request that must succeed did not. */
export function ok<T = any>(r: GqlResult<T>): T {
  if (r.errors?.length || !r.data) throw new Error(`request failed: ${JSON.stringify(r.errors ?? r.body)}`);
  return r.data;
}

/** Rows of a query run as the database superuser (tests only: the services never do this). */
export const adminSql = <T = any>(sql: string, params: unknown[] = []) =>
  withDb(platform().adminDbUrl, async (c) => (await c.query(sql, params)).rows as T[]);
