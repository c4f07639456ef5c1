import { AsyncLocalStorage } from 'node:async_hooks';
import { DefaultLogger, type LogContext, type LoggerOptions } from '@mikro-orm/core';
import { recordSqlSpan } from './tracing.js';

/** The request a piece of async work belongs to (set by the subgraph server around each request). */
export const requestScope = new AsyncLocalStorage<{ requestId: string }>();

/**
 * Counts SQL statements, in total and per request id. Every statement MikroORM sends (BEGIN,
 * set_config, queries, COMMIT) passes through `logQuery`, whether or not query logging is on.
 * Tests and benchmarks read the per-request figures to prove that a request's statement count
 * does not grow with its result size (no N+1).
 */
export class SqlCounter {
  total = 0;
  private readonly perRequest = new Map<string, { statements: number; requests: number }>();
  constructor(private readonly keep = 10_000) {}

  private entry(requestId: string) {
    let e = this.perRequest.get(requestId);
    if (!e) {
      if (this.perRequest.size >= this.keep) {
        const oldest = this.perRequest.keys().next().value;
        if (oldest !== undefined) this.perRequest.delete(oldest);
      }
      e = { statements: 0, requests: 0 };
      this.perRequest.set(requestId, e);
    }
    return e;
  }

  /** One SQL statement sent on behalf of a request. */
  record(requestId: unknown): void {
    this.total++;
    if (typeof requestId === 'string') this.entry(requestId).statements++;
  }

  /** One GraphQL HTTP request received for a request id (the gateway may send several). */
  recordRequest(requestId: string): void {
    this.entry(requestId).requests++;
  }

  forRequest(requestId: string): { statements: number; requests: number } {
    return this.perRequest.get(requestId) ?? { statements: 0, requests: 0 };
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
    if (context.level !== 'error') this.counter.record(requestScope.getStore()?.requestId);
    if (context.query) recordSqlSpan(context.query, context.took, context.level === 'error');
    if (this.isEnabled('query', context)) super.logQuery(context as LogContext & { query: string });
  }
}
