import { todayInVietnam, TtlCache, type RequestContext } from '@kn/platform';
import { sponsorsEnv } from '../env.js';
import { GEOGRAPHY } from '../peers.js';
import { Geography, withContinuityDistricts, type GeoCommune } from './model.js';

/** The last day of the pre-reform units (the 2025 reform). */
export const LAST_PRE_REFORM_DAY = '2025-06-30';

async function fetchGeography(ctx: RequestContext<unknown>): Promise<Geography> {
  const today = todayInVietnam();
  const both = today > LAST_PRE_REFORM_DAY;
  const found = new Map<string, GeoCommune>();
  let vars = {
    oldAsOf: LAST_PRE_REFORM_DAY,
    curAsOf: today,
    oldAfter: null as string | null,
    curAfter: null as string | null,
    withOld: true,
    withCur: both,
  };
  for (let guard = 0; guard < 200 && (vars.withOld || vars.withCur); guard++) {
    const data = await ctx.peer('communes').query(ctx.caller, GEOGRAPHY, vars);
    for (const page of [data.old, data.cur]) {
      for (const n of page?.nodes ?? []) {
        found.set(n.id, {
          id: n.id,
          code: n.code,
          name: n.name,
          validFrom: n.validFrom,
          validTo: n.validTo,
          districtCode: n.district?.code ?? null,
          successors: n.successors.map((s) => s.id),
          predecessors: [],
          classifications: n.classifications,
        });
      }
    }
    vars = {
      ...vars,
      oldAfter: data.old?.pageInfo.endCursor ?? null,
      curAfter: data.cur?.pageInfo.endCursor ?? null,
      withOld: vars.withOld && (data.old?.pageInfo.hasNextPage ?? false),
      withCur: vars.withCur && (data.cur?.pageInfo.hasNextPage ?? false),
    };
  }
  return new Geography(withContinuityDistricts([...found.values()]));
}

/**
 * Per tenant (the national role: one entry for all), for GEOGRAPHY_TTL_SECONDS. The key is the
 * tenant of the verified identity, so no tenant ever sees another's entry; every role of a tenant
 * reads the same communes. A failed fetch is not kept. Units change on a reform or a
 * reclassification, so a minute of staleness is harmless.
 */
const cache = new TtlCache<string, Promise<Geography>>(1000);

/** Drops every cached geography (tests, or after a known change). */
export function clearGeographyCache(): void {
  cache.clear();
}

const perRequest = new WeakMap<object, Promise<Geography>>();

/** The caller's tenant's geography: at most one communes query per request, usually none (cached). */
export function geographyFor(ctx: RequestContext<unknown>): Promise<Geography> {
  const state = ctx.loaders as object;
  const mine = perRequest.get(state);
  if (mine) return mine;
  const key = ctx.identity.tenant ?? '*';
  const ttl = sponsorsEnv().GEOGRAPHY_TTL_SECONDS * 1000;
  const now = Date.now();
  let value = cache.get(key);
  if (!value) {
    const fetched = fetchGeography(ctx);
    value = fetched;
    if (ttl > 0) {
      cache.set(key, fetched, now + ttl);
      fetched.catch(() => cache.delete(key, fetched));
    }
  }
  perRequest.set(state, value);
  return value;
}
