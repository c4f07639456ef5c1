import { AsyncLocalStorage } from 'node:async_hooks';
import { DefaultLogger, type LogContext, type LoggerOptions } from '@mikro-orm/core';
import { recordSqlSpan } from './tracing.js';

/** The request a piece of async work belongs to (set by the subgraph server around each request). */
export const requestScope = new AsyncLocalStorage<{ requestId: string }>();

/** Set around work the request's answer does not wait for (the COMMIT of a read-only request). */
export const unwaitedScope = new AsyncLocalStorage<true>();

/** Transaction plumbing: BEGIN (with its settings), settings sent alone, COMMIT, ROLLBACK. */
const PLUMBING = /^\s*(begin|start transaction|commit|rollback|select set_config|set local)\b/i;

export interface RequestSqlCount {
  /** Statements (messages) sent for the request, plumbing included. */
  statements: number;
  /** GraphQL HTTP requests received for the request id. */
  requests: number;
  /** Of the statements, transaction plumbing (BEGIN+settings, COMMIT, ROLLBACK). */
  plumbing: number;
  /** Of the plumbing, what the answer waited for (a read-only request's COMMIT is not waited for). */
  plumbingWaited: number;
}

/**
 * Counts SQL statements, in total and per request id. Every statement MikroORM sends (BEGIN,
 * set_config, queries, COMMIT) passes through `logQuery`, whether or not query logging is on.
 * Tests and benchmarks read the per-request figures to prove that a request's statement count
 * does not grow with its result size (no N+1).
 */
export class SqlCounter {
  total = 0;
  private readonly perRequest = new Map<string, RequestSqlCount>();
  /** Every statement's text as sent, for tests that check what went out (off unless set). */
  trace: ((sql: string, requestId: string | undefined) => void) | undefined;
  constructor(private readonly keep = 10_000) {}

  private entry(requestId: string) {
    let e = this.perRequest.get(requestId);
    if (!e) {
      if (this.perRequest.size >= this.keep) {
        const oldest = this.perRequest.keys().next().value;
        if (oldest !== undefined) this.perRequest.delete(oldest);
      }
      e = { statements: 0, requests: 0, plumbing: 0, plumbingWaited: 0 };
      this.perRequest.set(requestId, e);
    }
    return e;
  }

  /** One SQL statement sent on behalf of a request. */
  record(requestId: unknown, sql = '', waited = true): void {
    this.total++;
    if (typeof requestId === 'string') {
      const e = this.entry(requestId);
      e.statements++;
      if (PLUMBING.test(sql)) {
        e.plumbing++;
        if (waited) e.plumbingWaited++;
      }
    }
    this.trace?.(sql, typeof requestId === 'string' ? requestId : undefined);
  }

  /** One GraphQL HTTP request received for a request id (the gateway may send several). */
  recordRequest(requestId: string): void {
    this.entry(requestId).requests++;
  }

  forRequest(requestId: string): RequestSqlCount {
    return { ...(this.perRequest.get(requestId) ?? { statements: 0, requests: 0, plumbing: 0, plumbingWaited: 0 }) };
  }
}

export class CountingLogger extends DefaultLogger {
  constructor(
    options: LoggerOptions,
    private readonly counter: SqlCounter,
  ) {
    super(options);
  }

  override logQuery(context: LogContext): void {
    if (context.level !== 'error') this.counter.record(requestScope.getStore()?.requestId, context.query ?? '', !unwaitedScope.getStore());
    if (context.query) recordSqlSpan(context.query, context.took, context.level === 'error');
    if (this.isEnabled('query', context)) super.logQuery(context as LogContext & { query: string });
  }
}
