import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { requestInfo } from './auth.js';
import { derivedFromRegistered } from './export/plugin.js';
import type { GatewayMetrics } from './metrics.js';

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * Reads a trusted-documents manifest: Apollo's `persisted-query-manifest.json`
 * (`{ format: "apollo-persisted-query-manifest", version: 1, operations: [{ id, name, type, body }] }`)
 * or the `{ "<sha256>": "<document>" }` map of GraphQL Codegen / Hive. Every id must be the
 * sha256 of its document, or the gateway refuses to start.
 */
export function loadManifest(file: string): Map<string, string> {
  const docs = new Map<string, string>();
  if (!existsSync(file)) return docs;
  const json = JSON.parse(readFileSync(file, 'utf8')) as
    | { format?: string; operations?: { id: string; body: string }[] }
    | Record<string, string>;
  const entries: [string, string][] =
    'operations' in json && Array.isArray(json.operations)
      ? json.operations.map((o) => [o.id, o.body])
      : Object.entries(json as Record<string, string>).filter(([k]) => k !== 'format' && k !== 'version');
  for (const [id, body] of entries) {
    if (sha256(body) !== id) throw new Error(`trusted documents: id ${id} is not the sha256 of its document`);
    docs.set(id, body);
  }
  return docs;
}

const notFound = (message: string) =>
  new GraphQLError(message, { extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', http: { status: 400 } } });

/**
 * Trusted documents. A request names a registered operation by
 * `{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"<hex>"}}}` or `{"documentId":"sha256:<hex>"}`.
 * Partner requests (API keys) must; apps and analysts with tokens may also send documents freely.
 */
export function useTrustedDocuments(docs: Map<string, string>, metrics: GatewayMetrics, logger: Logger): GatewayPlugin {
  const deny = (request: Request, reason: string) => {
    metrics.denied.inc({ reason });
    logger.info({ requestId: requestInfo.get(request)?.requestId, reason }, 'request denied');
  };
  return usePersistedOperations({
    allowArbitraryOperations: (request) => {
      // an export's pages of a registered operation carry the paging fields it added (see export/plugin.ts)
      const arbitrary = requestInfo.get(request)?.identity?.via !== 'apiKey' || derivedFromRegistered.has(request);
      if (!arbitrary) deny(request, 'unregistered_operation');
      return arbitrary;
    },
    extractPersistedOperationId: (params) => {
      const p = params as { documentId?: unknown; extensions?: { persistedQuery?: { version?: number; sha256Hash?: unknown } } };
      if (typeof p.documentId === 'string') return p.documentId.replace(/^sha256:/, '');
      const pq = p.extensions?.persistedQuery;
      return pq?.version === 1 && typeof pq.sha256Hash === 'string' ? pq.sha256Hash : null;
    },
    getPersistedOperation: (id, request) => {
      const doc = docs.get(id) ?? null;
      if (!doc) deny(request, 'unknown_operation');
      return doc;
    },
    customErrors: {
      notFound: () => notFound('No registered operation has this id'),
      keyNotFound: () => notFound('Send a query, or the id of a registered operation'),
      persistedQueryOnly: () => notFound('Partner requests must use a registered operation id'),
    },
  }) as GatewayPlugin;
}
