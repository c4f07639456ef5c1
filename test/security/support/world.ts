import type { GraphQLSchema } from 'graphql';
import type { Role } from '@kn/platform/identity';
import { platform } from '../../support/client.js';
import { harvest, type TenantData } from './harvest.js';
import { TokenPool, type Who } from './http.js';
import { publicSchema, subgraphSchema, type SubgraphSchema } from './schema.js';

/** The two demo provinces: each attacks the other. */
export const TENANTS = ['lang-son', 'quang-nam'] as const;
/** Quảng Nam's successor (#18 §2): harvested too (it reads Quảng Nam's past), probed in isolation's lineage part. */
export const SUCCESSOR_TENANT = 'da-nang';
/** Roles that belong to a tenant. */
export const TENANT_ROLES: Role[] = ['admin', 'officer', 'analyst', 'sponsor'];

export interface World {
  schema: GraphQLSchema;
  subgraphs: SubgraphSchema[];
  tenants: Record<string, TenantData>;
  tokens: TokenPool;
  /** (tenant, role) with the tenant's own sponsor id for the sponsor role. */
  who(tenant: string | null, role: Role): Who;
  /** Values that belong to `tenant` only: its ids and its slug, none of the other tenant's. */
  ownedOnly(tenant: string): Set<string>;
}

let world: Promise<World> | null = null;

/** Schema, subgraph schemas and both tenants' harvested values, computed once per run. */
export function getWorld(): Promise<World> {
  world ??= (async () => {
    const tokens = new TokenPool();
    const schema = publicSchema();
    const reader: Who = { tenant: TENANTS[0], role: 'admin' };
    const subgraphs = await Promise.all(
      Object.entries(platform().subgraphUrls).map(([name, url]) => subgraphSchema(name, url, reader)),
    );
    const tenants: Record<string, TenantData> = {};
    for (const t of [...TENANTS, SUCCESSOR_TENANT]) tenants[t] = await harvest(schema, t, tokens);
    const owned = new Map<string, Set<string>>();
    for (const t of TENANTS) {
      const others = TENANTS.filter((o) => o !== t).flatMap((o) => [...tenants[o]!.store.ids]);
      const mine = new Set([...tenants[t]!.store.ids].filter((id) => !others.includes(id)));
      mine.add(t);
      owned.set(t, mine);
    }
    return {
      schema,
      subgraphs,
      tenants,
      tokens,
      who: (tenant, role) => ({
        tenant: role === 'national' ? null : tenant,
        role,
        ...(role === 'sponsor' && tenant ? { sponsorId: tenants[tenant]?.sponsorId ?? `sponsor-of-${tenant}` } : {}),
      }),
      ownedOnly: (tenant) => owned.get(tenant) ?? new Set(),
    };
  })();
  return world;
}

/** Which phases run: all, or those named in KN_SECURITY_ONLY (comma-separated). */
export function phaseEnabled(name: string): boolean {
  const only = process.env.KN_SECURITY_ONLY;
  return !only || only.split(',').map((s) => s.trim()).includes(name);
}

export const envNumber = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
