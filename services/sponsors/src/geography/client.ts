import { todayInVietnam, type RequestContext } from '@kn/platform';
import { sponsorsEnv } from '../env.js';
import { Geography, withContinuityDistricts, type GeoCommune } from './model.js';

/** The last day of the pre-reform units (the 2025 reform). */
export const LAST_PRE_REFORM_DAY = '2025-06-30';

/**
 * ONE query to the communes subgraph (its public `communes` list) for both periods — the units as
 * they stood on the last pre-reform day and today — paged 500 at a time (a large province needs a
 * second page; a tenant of this demo never does).
 */
const GEOGRAPHY_QUERY = `query SponsorsGeography(
  $oldAsOf: Date!, $curAsOf: Date!, $oldAfter: String, $curAfter: String, $withOld: Boolean!, $withCur: Boolean!
) {
  old: communes(filter: { asOf: $oldAsOf }, first: 500, after: $oldAfter) @include(if: $withOld) { ...page }
  cur: communes(filter: { asOf: $curAsOf }, first: 500, after: $curAfter) @include(if: $withCur) { ...page }
}
fragment page on CommuneConnection {
  pageInfo { hasNextPage endCursor }
  nodes { id code name validFrom validTo district { code } successors { id } classifications }
}`;

interface Page {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: {
    id: string;
    code: string;
    name: string;
    validFrom: string | null;
    validTo: string | null;
    district: { code: string } | null;
    successors: { id: string }[];
    classifications: string[];
  }[];
}

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
    const data = await ctx.peer('communes').query<{ old?: Page; cur?: Page }>(ctx.caller, GEOGRAPHY_QUERY, vars);
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
const cache = new Map<string, { expires: number; value: Promise<Geography> }>();

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
  const hit = cache.get(key);
  let value: Promise<Geography>;
  if (hit && hit.expires > now) {
    value = hit.value;
  } else {
    value = fetchGeography(ctx);
    if (ttl > 0) {
      cache.set(key, { expires: now + ttl, value });
      value.catch(() => {
        if (cache.get(key)?.value === value) cache.delete(key);
      });
    }
  }
  perRequest.set(state, value);
  return value;
}
