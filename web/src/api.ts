import type { TypedDocumentString } from './gql/graphql.js';

export class GraphQLRequestError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly status: number,
  ) {
    super(message);
  }
}

export const GRAPHQL_PATH = '/graphql';

/** One operation through the gateway, as the signed-in user. */
export async function request<R, V>(token: string, doc: TypedDocumentString<R, V>, variables: V): Promise<R> {
  const res = await fetch(GRAPHQL_PATH, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: doc.toString(), variables }),
  });
  const body = (await res.json().catch(() => null)) as { data?: R; errors?: { message: string; extensions?: { code?: string } }[] } | null;
  if (body?.errors?.length) {
    const first = body.errors[0]!;
    throw new GraphQLRequestError(first.message, first.extensions?.code, res.status);
  }
  if (!res.ok || !body?.data) throw new GraphQLRequestError(`HTTP ${res.status}`, undefined, res.status);
  return body.data;
}

/** The IDE, opened on this operation and its variables (in a tab of its own). */
export function ideLink(document: string, variables: Record<string, unknown>): string {
  const params = new URLSearchParams({ query: document.trim(), variables: JSON.stringify(variables) });
  return `${GRAPHQL_PATH}?${params}`;
}

export interface DevTokens {
  roles: string[];
}

/** Development only: the devkit's token endpoint (404 in any deployment). */
export async function devTokenInfo(): Promise<DevTokens | null> {
  try {
    const res = await fetch('/dev/token', { headers: { accept: 'application/json' } });
    return res.ok ? ((await res.json()) as DevTokens) : null;
  } catch {
    return null;
  }
}

export async function devToken(tenant: string | null, role: string): Promise<string> {
  const res = await fetch('/dev/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tenant, role }),
  });
  const body = (await res.json().catch(() => ({}))) as { token?: string; error?: string };
  if (!res.ok || !body.token) throw new Error(body.error ?? `HTTP ${res.status}`);
  return body.token;
}
