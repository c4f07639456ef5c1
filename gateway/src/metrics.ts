import { Counter, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The gateway's Prometheus registry. The Hive/Yoga Prometheus plugin adds request counts, errors,
 * latency histograms per operation name and subgraph latency; the counters below add what the
 * operators asked for on top: errors by code and denied requests by reason.
 */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'kn_gateway_process_' });
  const denied = new Counter({
    name: 'kn_gateway_denied_total',
    help: 'Requests refused at the edge, by reason (bad token, revoked key, unknown operation, over a limit, rate limited)',
    labelNames: ['reason'] as const,
    registers: [registry],
  });
  const errors = new Counter({
    name: 'kn_gateway_errors_total',
    help: 'Errors returned to clients, by extensions.code',
    labelNames: ['code'] as const,
    registers: [registry],
  });
  return { registry, denied, errors };
}

export type GatewayMetrics = ReturnType<typeof createMetrics>;
