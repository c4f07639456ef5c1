import { context, propagation, trace, SpanKind, SpanStatusCode, type Span } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * OpenTelemetry for subgraphs, off unless an OTLP endpoint is configured. When on: one server span
 * per HTTP request, continuing the gateway's trace (W3C `traceparent`), and one span per SQL
 * statement under it — gateway → subgraph → SQL in one trace. When off, the API is a no-op.
 */
let provider: BasicTracerProvider | null = null;

export function setupTracing(serviceName: string, endpoint: string | undefined): void {
  if (!endpoint || provider) return;
  provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${endpoint.replace(/\/$/, '')}/v1/traces` }), { scheduledDelayMillis: 200 })],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
}

export async function shutdownTracing(): Promise<void> {
  await provider?.shutdown();
  provider = null;
}

const tracer = () => trace.getTracer('kn-subgraph');

/** Runs `fn` inside a server span continuing the caller's trace. */
export function withServerSpan<T>(name: string, headers: IncomingHttpHeaders, fn: (span: Span) => Promise<T>): Promise<T> {
  if (!provider) return fn(trace.wrapSpanContext({ traceId: '', spanId: '', traceFlags: 0 }));
  const parent = propagation.extract(context.active(), headers);
  return tracer().startActiveSpan(name, { kind: SpanKind.SERVER }, parent, async (span) => {
    try {
      return await fn(span);
    } catch (e) {
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw e;
    } finally {
      span.end();
    }
  });
}

/** Records a finished SQL statement as a span of the current request. */
export function recordSqlSpan(query: string, tookMs: number | undefined, failed: boolean): void {
  if (!provider) return;
  const end = Date.now();
  const span = tracer().startSpan('sql', {
    kind: SpanKind.CLIENT,
    startTime: end - (tookMs ?? 0),
    attributes: { 'db.system': 'postgresql', 'db.statement': query.length > 2000 ? `${query.slice(0, 2000)}…` : query },
  });
  if (failed) span.setStatus({ code: SpanStatusCode.ERROR });
  span.end(end);
}
