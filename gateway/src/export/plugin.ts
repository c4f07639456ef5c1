import { Readable } from 'node:stream';
import type { GatewayPlugin, GatewayRuntime } from '@graphql-hive/gateway-runtime';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import { REQUEST_ID_HEADER } from '@kn/platform/identity';
import { requestInfo, type EdgeIdentity } from '../auth.js';
import { ExportError } from './plan.js';
import { exportRequestSchema, prepareExport, type ExportRequest, type PageFetcher } from './run.js';
import { CONTENT_TYPE } from './writers.js';
import type { ExportJob, JobStore } from './jobs.js';
import { buildReport, reportPdf, reportRequestSchema, reportXlsx } from './report.js';

/**
 * Page requests an export derived from a registered operation (the paging fields added): the
 * trusted-documents check lets them through for partners, who may otherwise send only registered ids.
 * Only this process can put a Request object here.
 */
export const derivedFromRegistered = new WeakSet<Request>();

export interface ExportOptions {
  /** The gateway itself: every page goes through its whole pipeline (auth, limits, rate limits, planner). */
  runtime: () => GatewayRuntime | null;
  trustedDocuments: Map<string, string>;
  pageSize: number;
  jobs: JobStore;
  logger: Logger;
}

function json(status: number, body: unknown, requestId: string, extra: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', [REQUEST_ID_HEADER]: requestId, ...extra },
  });
}

const errorBody = (e: ExportError, requestId: string) => ({
  errors: (e as ExportError & { errors?: { message: string; extensions?: Record<string, unknown> }[] }).errors?.map((x) => ({
    ...x,
    extensions: { ...x.extensions, requestId },
  })) ?? [{ message: e.message, extensions: { code: e.code, reason: e.reason, requestId } }],
});

const stamp = () => new Date().toISOString().slice(0, 16).replace(/[-:T]/g, '');

const publicJob = (job: ExportJob) => ({
  id: job.id,
  kind: job.kind,
  status: job.status,
  format: job.format,
  progress: job.progress,
  createdAt: job.createdAt,
  finishedAt: job.finishedAt,
  expiresAt: job.expiresAt,
  bytes: job.bytes,
  error: job.error,
  url: job.status === 'DONE' ? `/export/jobs/${job.id}/file` : null,
});

const FILE_TYPES: Record<string, string> = { ...CONTENT_TYPE, pdf: 'application/pdf' };

const ownerOf = (identity: EdgeIdentity) => ({ sub: identity.claims.sub, tenant: identity.claims.tenant ?? null });

/**
 * `POST /export` — a query's whole answer as a file (CSV, XLSX, JSON lines), run as the caller:
 * each page is an ordinary request to this gateway with the caller's own credential, so identity,
 * tenant, scope, trusted documents, limits and rate limits all apply as they do at /graphql.
 * With `"job": true` it runs in the background: `GET /export/jobs/:id` (status, progress) and
 * `GET /export/jobs/:id/file`, for its owner only, for a day.
 */
export function useExport(opts: ExportOptions): GatewayPlugin {
  const fetcherFor = (request: Request, requestId: string, registered: boolean): PageFetcher => {
    const authorization = request.headers.get('authorization') ?? '';
    return async (body, page) => {
      const runtime = opts.runtime();
      if (!runtime) throw new ExportError('The gateway is not ready', 'SERVICE_UNAVAILABLE', 'NOT_READY', 503);
      const pageRequest = new Request(new URL('/graphql', request.url), {
        method: 'POST',
        headers: {
          authorization,
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          [REQUEST_ID_HEADER]: `${requestId}.p${page}`,
        },
        body: JSON.stringify(body),
      });
      if (registered) derivedFromRegistered.add(pageRequest);
      return runtime.fetch(pageRequest);
    };
  };

  const schemaOf = async (): Promise<GraphQLSchema> => {
    const runtime = opts.runtime();
    if (!runtime) throw new ExportError('The gateway is not ready', 'SERVICE_UNAVAILABLE', 'NOT_READY', 503);
    return runtime.getSchema();
  };

  async function start(request: Request, requestId: string, identity: EdgeIdentity): Promise<Response> {
    let raw: unknown;
    try {
      raw = await request.json();
    } catch {
      throw new ExportError('The body must be JSON', 'BAD_USER_INPUT', 'BODY');
    }
    const parsed = exportRequestSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw Object.assign(new ExportError(`${issue.path.join('.') || 'body'}: ${issue.message}`, 'BAD_USER_INPUT', 'BODY'), {});
    }
    const req: ExportRequest = parsed.data;
    const isJob = (raw as { job?: unknown }).job === true;
    let source = req.query;
    if (req.documentId) {
      source = opts.trustedDocuments.get(req.documentId.replace(/^sha256:/, ''));
      if (!source) throw new ExportError('No registered operation has this id', 'PERSISTED_QUERY_NOT_FOUND', 'UNKNOWN_OPERATION');
    } else if (identity.via === 'apiKey') {
      throw new ExportError('Partner requests must use a registered operation id', 'PERSISTED_QUERY_NOT_FOUND', 'UNREGISTERED');
    }
    const schema = await schemaOf();
    const fetchPage = fetcherFor(request, requestId, !!req.documentId);
    const filename = `ket-nghia-${req.operationName ?? 'export'}-${stamp()}.${req.format}`;

    if (!isJob) {
      const prepared = await prepareExport(schema, req, source!, opts.pageSize, fetchPage);
      const started = performance.now();
      void prepared.run().then(
        (p) => opts.logger.info({ requestId, rows: p.done, ms: Math.round(performance.now() - started), format: req.format }, 'export done'),
        (e: unknown) => opts.logger.warn({ requestId, err: e }, 'export failed after its first page; the download is cut short'),
      );
      return new Response(Readable.toWeb(prepared.sink.readable) as ReadableStream, {
        status: 200,
        headers: {
          'content-type': CONTENT_TYPE[req.format],
          'content-disposition': `attachment; filename="${filename}"`,
          'x-export-columns': String(prepared.plan.columns.length),
          [REQUEST_ID_HEADER]: requestId,
        },
      });
    }

    // a job: the same pipeline, written to the job's file; progress saved as pages come
    const job = await opts.jobs.create(ownerOf(identity), 'export', req.format, filename);
    void (async () => {
      const beating = opts.jobs.heartbeat(job);
      try {
        const prepared = await prepareExport(schema, req, source!, opts.pageSize, fetchPage);
        let lastSave = 0;
        const writing = opts.jobs.writeFile(job, prepared.sink.readable);
        const result = await prepared.run((p) => {
          job.progress = p;
          if (Date.now() - lastSave > 500) {
            lastSave = Date.now();
            void opts.jobs.save(job).catch(() => undefined);
          }
        });
        await writing;
        job.progress = result;
        job.status = 'DONE';
      } catch (e) {
        job.status = 'FAILED';
        job.error = e instanceof ExportError ? { code: e.code, message: e.message } : { code: 'INTERNAL_SERVER_ERROR', message: `Unexpected error; request id ${requestId}` };
        if (!(e instanceof ExportError)) opts.logger.error({ requestId, err: e }, 'export job failed');
      }
      beating();
      job.finishedAt = new Date().toISOString();
      await opts.jobs.save(job).catch((e: unknown) => opts.logger.error({ requestId, err: e }, 'cannot save export job'));
    })();
    return json(202, publicJob(job), requestId, { location: `/export/jobs/${job.id}` });
  }

  /** `POST /reports`: a report template filled for a period, as the caller (docs/REPORTS.md). */
  async function startReport(request: Request, requestId: string, identity: EdgeIdentity): Promise<Response> {
    let raw: unknown;
    try {
      raw = await request.json();
    } catch {
      throw new ExportError('The body must be JSON', 'BAD_USER_INPUT', 'BODY');
    }
    const parsed = reportRequestSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new ExportError(`${issue.path.join('.') || 'body'}: ${issue.message}`, 'BAD_USER_INPUT', 'BODY');
    }
    const req = parsed.data;
    const schema = await schemaOf();
    const fetchPage = fetcherFor(request, requestId, false);
    const render = async () => {
      const report = await buildReport(schema, req, fetchPage, opts.pageSize, identity.claims.sub);
      const filename = `${report.code}-${req.period}.${req.format}`;
      return { report, filename, readable: req.format === 'pdf' ? await reportPdf(report) : Readable.from([await reportXlsx(report)]) };
    };
    if ((raw as { job?: unknown }).job !== true) {
      const { filename, readable } = await render();
      return new Response(Readable.toWeb(readable) as ReadableStream, {
        headers: { 'content-type': FILE_TYPES[req.format]!, 'content-disposition': `attachment; filename="${filename}"`, [REQUEST_ID_HEADER]: requestId },
      });
    }
    const job = await opts.jobs.create(ownerOf(identity), 'report', req.format, `report-${req.period}.${req.format}`);
    void (async () => {
      const beating = opts.jobs.heartbeat(job);
      try {
        const { report, filename, readable } = await render();
        job.filename = filename;
        await opts.jobs.writeFile(job, readable);
        const rows = report.tables.reduce((s, t) => s + t.rows.length, 0);
        job.progress = { done: rows, total: rows };
        job.status = 'DONE';
      } catch (e) {
        job.status = 'FAILED';
        job.error = e instanceof ExportError ? { code: e.code, message: e.message } : { code: 'INTERNAL_SERVER_ERROR', message: `Unexpected error; request id ${requestId}` };
        if (!(e instanceof ExportError)) opts.logger.error({ requestId, err: e }, 'report job failed');
      }
      beating();
      job.finishedAt = new Date().toISOString();
      await opts.jobs.save(job).catch((e: unknown) => opts.logger.error({ requestId, err: e }, 'cannot save report job'));
    })();
    return json(202, publicJob(job), requestId, { location: `/export/jobs/${job.id}` });
  }

  return {
    async onRequest({ request, url, endResponse }) {
      if (url.pathname !== '/export' && url.pathname !== '/reports' && !url.pathname.startsWith('/export/')) return;
      const info = requestInfo.get(request);
      const requestId = info?.requestId ?? 'unknown';
      const identity = info?.identity;
      if (!identity) return; // authentication answered already
      try {
        if (url.pathname === '/export' || url.pathname === '/reports') {
          if (request.method !== 'POST') throw new ExportError('Use POST', 'BAD_REQUEST', 'METHOD', 405);
          return endResponse(await (url.pathname === '/export' ? start : startReport)(request, requestId, identity));
        }
        const m = /^\/export\/jobs\/([^/]+)(\/file)?$/.exec(url.pathname);
        if (!m || request.method !== 'GET') throw new ExportError('No such route', 'NOT_FOUND', 'ROUTE', 404);
        const job = await opts.jobs.get(m[1]!, ownerOf(identity));
        if (!job) throw new ExportError('No such export', 'NOT_FOUND', 'NO_JOB', 404);
        if (!m[2]) return endResponse(json(200, publicJob(job), requestId));
        if (job.status !== 'DONE') throw new ExportError(`The export is ${job.status.toLowerCase()}`, 'CONFLICT', job.status === 'FAILED' ? 'FAILED' : 'NOT_READY', 409);
        return endResponse(
          new Response(Readable.toWeb(opts.jobs.readFile(job)) as ReadableStream, {
            headers: {
              'content-type': FILE_TYPES[job.format] ?? 'application/octet-stream',
              'content-disposition': `attachment; filename="${job.filename}"`,
              'content-length': String(job.bytes ?? 0),
              [REQUEST_ID_HEADER]: requestId,
            },
          }),
        );
      } catch (e) {
        if (e instanceof ExportError) return endResponse(json(e.status, errorBody(e, requestId), requestId));
        opts.logger.error({ requestId, err: e }, 'export failed');
        return endResponse(json(500, { errors: [{ message: `Unexpected error; request id ${requestId}`, extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } }] }, requestId));
      }
    },
  };
}
