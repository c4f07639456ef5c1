import { setTimeout as delay } from 'node:timers/promises';
import type { GraphQLSchema } from 'graphql';
import { z } from 'zod';
import { AFTER_VAR, ExportError, PAGE_ALIAS, TOTAL_ALIAS, at, planExport, valuesAt, type ExportPlan } from './plan.js';
import { createSink, type ExportFormat, type RowSink } from './writers.js';

export const exportRequestSchema = z
  .object({
    query: z.string().min(1).optional(),
    /** A registered operation: `sha256:<hex>` or the bare hex, as at /graphql. */
    documentId: z.string().min(1).optional(),
    operationName: z.string().min(1).nullish(),
    variables: z.record(z.string(), z.unknown()).nullish(),
    format: z.enum(['csv', 'xlsx', 'jsonl']),
    /** Column headers: the schema's Vietnamese descriptions where given (default), or field paths. */
    headers: z.enum(['vi', 'paths']).default('vi'),
    /** Rows per page (at most the gateway's EXPORT_PAGE_SIZE): smaller pages for a selection the cost limit refuses at full size. */
    pageSize: z.number().int().min(1).optional(),
  })
  .refine((r) => !!r.query !== !!r.documentId, { message: 'Send either `query` or `documentId`' });
export type ExportRequest = z.infer<typeof exportRequestSchema>;

/** Asks one page of the export through the gateway's own pipeline, as the caller. */
export type PageFetcher = (body: { query: string; variables: Record<string, unknown>; operationName: string | null }, page: number) => Promise<Response>;

export interface Progress {
  done: number;
  total: number | null;
}

export interface PreparedExport {
  plan: ExportPlan;
  format: ExportFormat;
  sink: RowSink;
  /** Resolves when every page is written (or rejects: the stream is then destroyed). */
  run(onProgress?: (p: Progress) => void): Promise<Progress>;
}

/** Longest a rate-limited page waits for its window before the export gives up. */
const MAX_RATE_WAIT_MS = 120_000;

export async function askPage(fetchPage: PageFetcher, body: Parameters<PageFetcher>[0], page: number): Promise<Record<string, unknown>> {
  let waited = 0;
  for (;;) {
    const res = await fetchPage(body, page);
    const json = (await res.json().catch(() => null)) as { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] } | null;
    if (res.status === 429 && waited < MAX_RATE_WAIT_MS) {
      // the caller's own rate limit: an export is many requests, it waits for its window like any client would
      const seconds = Number(res.headers.get('retry-after') ?? 1);
      const ms = Math.max(1, seconds) * 1000;
      waited += ms;
      await delay(ms);
      continue;
    }
    const first = json?.errors?.[0];
    if (first) {
      const code = typeof first.extensions?.code === 'string' ? first.extensions.code : 'INTERNAL_SERVER_ERROR';
      const err = new ExportError(first.message, code, 'GRAPHQL_ERROR', res.status >= 400 ? res.status : 400);
      (err as ExportError & { errors?: unknown }).errors = json!.errors;
      throw err;
    }
    if (!json?.data) throw new ExportError(`Page ${page} had no data (HTTP ${res.status})`, 'INTERNAL_SERVER_ERROR', 'NO_DATA', 502);
    return json.data;
  }
}

export const rowsOf = (plan: ExportPlan, data: unknown): unknown[] => (plan.rowsPath.length === 0 ? [data] : valuesAt(data, plan.rowsPath));

/**
 * Plans the export and asks its first page before anything is sent, so that a bad document, a refusal
 * or a limit is an ordinary coded error; then the returned `run` follows every page of the connection
 * into the sink, one page in memory at a time.
 */
export async function prepareExport(
  schema: GraphQLSchema,
  request: ExportRequest,
  source: string,
  pageSize: number,
  fetchPage: PageFetcher,
): Promise<PreparedExport> {
  const plan = planExport(schema, source, request.operationName, Math.min(pageSize, request.pageSize ?? pageSize));
  if (request.headers === 'paths') for (const c of plan.columns) c.header = c.path.join('.');
  const variables = { ...(request.variables ?? {}) };
  const body = (after: string | null) => ({ query: after === null ? plan.document : plan.nextDocument, variables: { ...variables, [AFTER_VAR]: after }, operationName: plan.operationName });
  const first = await askPage(fetchPage, body(null), 1);
  const sink = await createSink(request.format, plan.columns);
  const toRows = (nodes: unknown[]) => nodes.map((n) => plan.columns.map((c) => (c.list ? valuesAt(n, c.path) : valuesAt(n, c.path)[0])));

  return {
    plan,
    format: request.format,
    sink,
    async run(onProgress) {
      let data: Record<string, unknown> = first;
      let page = 1;
      let done = 0;
      let total: number | null = null;
      try {
        for (;;) {
          const nodes = rowsOf(plan, data);
          await sink.page(toRows(nodes), nodes);
          done += nodes.length;
          const conn = plan.connectionPath ? (at(data, plan.connectionPath) as Record<string, unknown> | null) : null;
          if (page === 1) total = conn && typeof conn[TOTAL_ALIAS] === 'number' ? (conn[TOTAL_ALIAS] as number) : plan.connectionPath ? null : done;
          onProgress?.({ done, total });
          const info = conn?.[PAGE_ALIAS] as { hasNextPage?: boolean; endCursor?: string | null } | undefined;
          if (!info?.hasNextPage || !info.endCursor) {
            await sink.end();
            return { done, total: total ?? done };
          }
          page += 1;
          data = await askPage(fetchPage, body(info.endCursor), page);
        }
      } catch (e) {
        sink.readable.destroy(e as Error);
        throw e;
      }
    },
  };
}
