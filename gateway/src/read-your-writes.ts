import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { COMMIT_LSN_HEADER, MIN_LSN_HEADER, formatLsn, parseLsn } from '@kn/platform/read-routing';
import { requestInfo } from './auth.js';

/** The header a client may keep and send back to read its own writes through any gateway process. */
export const READ_AFTER_HEADER = 'kn-read-after';

/**
 * Read-your-writes across read replicas (docs/SCALING.md §2). A subgraph that committed a write
 * answers with the primary's WAL position; the gateway keeps the highest one per caller (tenant and
 * subject) for `windowMs` and sends it as `x-kn-min-lsn` with that caller's next subgraph requests,
 * so a replica serves them only once it has replayed the write. The position is also returned to the
 * client (`kn-read-after`): behind a load balancer with several gateways, a client that sends it
 * back reads its writes whichever gateway answers. Without replicas no subgraph sends a position and
 * this costs one map lookup per subgraph request.
 */
export function useReadYourWrites(opts: { windowMs: number; maxCallers?: number }): GatewayPlugin {
  const maxCallers = opts.maxCallers ?? 100_000;
  const lastWrite = new Map<string, { lsn: bigint; until: number }>();
  const seen = new WeakMap<Request, bigint>();
  const keyOf = (request: Request): string | null => {
    const identity = requestInfo.get(request)?.identity;
    return identity ? `${identity.claims.tenant ?? '*'}|${identity.claims.sub}` : null;
  };
  const remember = (key: string, lsn: bigint) => {
    const known = lastWrite.get(key);
    lastWrite.delete(key); // re-insert: the map's order is the eviction order
    lastWrite.set(key, { lsn: known && known.lsn > lsn ? known.lsn : lsn, until: Date.now() + opts.windowMs });
    if (lastWrite.size > maxCallers) lastWrite.delete(lastWrite.keys().next().value!);
  };
  return {
    onFetch({ context, options, setOptions }) {
      const request = (context as { request?: Request } | undefined)?.request;
      if (!request) return;
      const key = keyOf(request);
      if (!key) return;
      let min = parseLsn(request.headers.get(READ_AFTER_HEADER));
      const known = lastWrite.get(key);
      if (known) {
        if (known.until < Date.now()) lastWrite.delete(key);
        else if (min === null || known.lsn > min) min = known.lsn;
      }
      const observed = seen.get(request);
      if (observed !== undefined && (min === null || observed > min)) min = observed;
      if (min !== null) {
        setOptions({ ...options, headers: { ...(options.headers as Record<string, string> | undefined), [MIN_LSN_HEADER]: formatLsn(min) } });
      }
      return ({ response }) => {
        const lsn = parseLsn(response.headers.get(COMMIT_LSN_HEADER));
        if (lsn === null) return;
        remember(key, lsn);
        const before = seen.get(request);
        if (before === undefined || lsn > before) seen.set(request, lsn);
      };
    },
    onResponse({ request, response }) {
      const lsn = seen.get(request);
      if (lsn !== undefined) response.headers.set(READ_AFTER_HEADER, formatLsn(lsn));
    },
  };
}
