import type { IncomingMessage } from 'node:http';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { RequestContext, OperationKind } from './context.js';
import { ErrorCode, type AppError } from './errors.js';
import type { Logger } from './logger.js';

/**
 * What a route answers: a JSON body (sent once the request's transaction has committed), or bytes
 * streamed from inside the transaction (a download), which is committed after the last byte.
 */
export type RouteAnswer =
  | { status: number; json: unknown; headers?: Record<string, string> }
  | { status: number; headers: Record<string, string>; body: AsyncIterable<Uint8Array> };

/**
 * An HTTP route a subgraph serves beside `/graphql`, behind the gateway (which forwards to it, e.g.
 * `POST /files`): the same gateway-signed identity, the same per-request context and transaction
 * (tenant set for row-level security), `ctx.write` for audited writes when `kind` is `mutation`.
 */
export interface SubgraphRoute<L> {
  method: 'GET' | 'POST' | 'DELETE';
  /** `/files` or `/files/:id`: `:name` segments become `params`. */
  path: string;
  /** `mutation`: a read-write transaction whose COMMIT is waited for; `query`: read only. */
  kind: Extract<OperationKind, 'query' | 'mutation'>;
  handle(req: IncomingMessage, ctx: RequestContext<L>, params: Record<string, string>): Promise<RouteAnswer>;
}

/** Finds the route for a method and path, with its `:params`. */
export function matchRoute<L>(
  routes: readonly SubgraphRoute<L>[],
  method: string,
  path: string,
): { route: SubgraphRoute<L>; params: Record<string, string> } | null {
  const parts = path.split('/').filter(Boolean);
  for (const route of routes) {
    if (route.method !== method) continue;
    const pattern = route.path.split('/').filter(Boolean);
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < pattern.length; i++) {
      const p = pattern[i]!;
      if (p.startsWith(':')) params[p.slice(1)] = decodeURIComponent(parts[i]!);
      else if (p !== parts[i]) ok = false;
    }
    if (ok) return { route, params };
  }
  return null;
}

const STATUS_BY_CODE: Record<string, number> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.SERVICE_UNAVAILABLE]: 503,
};

/** The HTTP status and GraphQL-shaped error body of a refusal (`AppError`) answered by a route. */
export function routeError(e: AppError, requestId: string): { status: number; body: unknown } {
  const { http, ...extensions } = e.extensions as { http?: { status?: number } } & Record<string, unknown>;
  return {
    status: http?.status ?? STATUS_BY_CODE[e.code] ?? 400,
    body: { errors: [{ message: e.message, extensions: { ...extensions, code: e.code, requestId } }] },
  };
}

/**
 * Work a subgraph runs by itself, every `everyMs` (e.g. removing uploads never attached): not on
 * behalf of a caller, so it sets each tenant's settings itself (row-level security stays forced).
 */
export interface BackgroundTask {
  name: string;
  everyMs: number;
  run(orm: MikroORM, now: Date, logger: Logger): Promise<unknown>;
}

/** Starts the tasks (first run after one period); the returned function stops them. */
export function startBackground(tasks: readonly BackgroundTask[], orm: MikroORM, logger: Logger): () => Promise<void> {
  const running = new Set<Promise<unknown>>();
  const timers = tasks.map((task) => {
    let busy = false;
    const timer = setInterval(() => {
      if (busy) return; // a slow run is not overlapped by the next one
      busy = true;
      const p = task
        .run(orm, new Date(), logger)
        .then(
          (result) => logger.info({ task: task.name, result }, 'background task done'),
          (err: unknown) => logger.error({ task: task.name, err }, 'background task failed'),
        )
        .finally(() => {
          busy = false;
          running.delete(p);
        });
      running.add(p);
    }, task.everyMs);
    timer.unref();
    return timer;
  });
  return async () => {
    for (const t of timers) clearInterval(t);
    await Promise.allSettled([...running]);
  };
}

