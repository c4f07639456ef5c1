import { Rng } from '../rng.js';
import { orderedListProbes } from './lists.js';
import { graphqlRequest, type BenchRequest, type PreparedScenario, type Scenario, type ScenarioContext, type SqlProbe } from './types.js';

/** Tenants the load spreads over: 8 of the 34, spread across the sorted list. */
export function spreadTenants(all: string[], n = 8): string[] {
  if (all.length <= n) return [...all];
  const step = all.length / n;
  return Array.from({ length: n }, (_, i) => all[Math.floor(i * step)]!);
}

/** `perTenant` communes of each tenant (old and new units alike), chosen deterministically from the seed. */
export async function pickCommunes(ctx: ScenarioContext, tenants: string[], perTenant: number): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  const { rows } = await ctx.db.query<{ tenant_id: string; id: string }>(
    `select tenant_id, id from (
       select tenant_id, id, row_number() over (partition by tenant_id order by md5(id::text || $2)) as k
         from communes.admin_unit where level = 'COMMUNE' and tenant_id = any($1)
     ) x where k <= $3 order by tenant_id, k`,
    [tenants, ctx.seed, perTenant],
  );
  for (const r of rows) out.set(r.tenant_id, [...(out.get(r.tenant_id) ?? []), r.id]);
  for (const t of tenants) if (!out.get(t)?.length) throw new Error(`no communes for tenant ${t}: is the national dataset loaded?`);
  return out;
}

/** Analyst tokens, `perTenant` distinct users per tenant. */
export async function analystTokens(ctx: ScenarioContext, tenants: string[], perTenant = 2): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const t of tenants) {
    const list: string[] = [];
    for (let k = 0; k < perTenant; k++) list.push(await ctx.token(t, 'analyst', { sub: `bench:${t}:analyst-${k}` }));
    out.set(t, list);
  }
  return out;
}

/**
 * A request pool interleaving tenants (tenant 1 commune 1, tenant 2 commune 1, …), each request
 * with a token of the commune's own tenant, users alternating.
 */
export async function communePool(ctx: ScenarioContext, query: string, perTenant = 50): Promise<{ requests: BenchRequest[]; describe: string }> {
  const tenants = spreadTenants(ctx.tenants);
  const ids = await pickCommunes(ctx, tenants, perTenant);
  const tokens = await analystTokens(ctx, tenants);
  const requests: BenchRequest[] = [];
  for (let k = 0; k < perTenant; k++) {
    for (const t of tenants) {
      const id = ids.get(t)![k];
      if (!id) continue;
      const users = tokens.get(t)!;
      requests.push(graphqlRequest(users[k % users.length]!, query, { id }));
    }
  }
  const rng = new Rng(ctx.seed, 'commune-pool');
  // keep the interleaving but start each pass at a different tenant, so no two runs of the pool line up
  const offset = rng.int(0, Math.max(0, tenants.length - 1));
  return {
    requests: [...requests.slice(offset), ...requests.slice(0, offset)],
    describe: `${requests.length} communes of ${tenants.length} tenants (${tenants.join(', ')}), ${tenants.length * 2} analyst tokens`,
  };
}

const PROBE_DAY = '2020-01-01';

/**
 * The probes for commune scenarios: the scenario's fields over N communes valid on one day, read
 * by the national role (a tenant has at most ~560 communes on a day).
 *
 * One list field serves at most 500 rows (the API's largest page), so 1,000 rows in one request
 * means two root fields (two pages). Those two fields resolve concurrently in the subgraph, and
 * whether their DataLoader batches meet depends on timing, so that shape is shown but the target
 * is judged on the single list at 10 and 500 rows.
 */
export function communeListProbes(
  ctx: ScenarioContext,
  fields: string,
  opts: { token?: () => Promise<string>; who?: string } = {},
): SqlProbe[] {
  const national = opts.token ?? (() => ctx.token(null, 'national', { sub: 'bench:national' }));
  const who = opts.who ?? 'national role';
  return [
    {
      describe: `one list field: communes(first: N) with the scenario's fields (${who}, valid on ${PROBE_DAY})`,
      sizes: [10, 500],
      async build(size) {
        const query = `query Probe($n: Int!) { communes(filter: { asOf: "${PROBE_DAY}" }, first: $n) { nodes { ${fields} } } }`;
        return { request: graphqlRequest(await national(), query, { n: size }), rows: (data: any) => data?.communes?.nodes?.length ?? 0 };
      },
    },
    {
      describe: 'two pages of N/2 in one request (1,000 rows need two root fields)',
      sizes: [10, 1000],
      informational: 'two root fields resolve concurrently; whether their loader batches meet depends on timing',
      async build(size, send) {
        const half = Math.ceil(size / 2);
        const token = await national();
        const first = await send(
          graphqlRequest(token, `query Cursor($half: Int!) { communes(filter: { asOf: "${PROBE_DAY}" }, first: $half) { pageInfo { endCursor } } }`, { half }),
        );
        const after = first?.data?.communes?.pageInfo?.endCursor;
        if (typeof after !== 'string') throw new Error(`probe: no cursor (${JSON.stringify(first?.errors ?? first).slice(0, 300)})`);
        const query = `query Probe($half: Int!, $after: String!) {
          a: communes(filter: { asOf: "${PROBE_DAY}" }, first: $half) { nodes { ${fields} } }
          b: communes(filter: { asOf: "${PROBE_DAY}" }, first: $half, after: $after) { nodes { ${fields} } }
        }`;
        return {
          request: graphqlRequest(token, query, { half, after }),
          rows: (data: any) => (data?.a?.nodes?.length ?? 0) + (data?.b?.nodes?.length ?? 0),
        };
      },
    },
  ];
}

export const COMMUNE_BY_ID_FIELDS = 'id code name kind';
export const COMMUNE_PAGE_FIELDS = `id code name fullName kind validFrom validTo
      district { id code name }
      province { id code name }
      predecessors { id code name }
      successors { id code name }
      classifications`;

export const communeById: Scenario = {
  name: 'commune-by-id',
  title: 'by-id lookup: commune(id) { id code name kind }',
  needs: ['communes'],
  targets: { p95Ms: 50 },
  async prepare(ctx): Promise<PreparedScenario> {
    const pool = await communePool(ctx, `query CommuneById($id: ID!) { commune(id: $id) { ${COMMUNE_BY_ID_FIELDS} } }`);
    return {
      ...pool,
      check: (data) => (data?.commune?.id ? null : 'commune not found'),
      sqlProbes: communeListProbes(ctx, COMMUNE_BY_ID_FIELDS),
    };
  },
};

export const communePage: Scenario = {
  name: 'commune-page',
  title: 'commune page: commune with district, province, predecessors/successors, classifications',
  needs: ['communes'],
  targets: { p95Ms: 50 },
  async prepare(ctx): Promise<PreparedScenario> {
    const pool = await communePool(ctx, `query CommunePage($id: ID!) { commune(id: $id) { ${COMMUNE_PAGE_FIELDS} } }`);
    return {
      ...pool,
      check: (data) => (data?.commune?.province?.id ? null : 'commune or its province missing'),
      sqlProbes: [...communeListProbes(ctx, COMMUNE_PAGE_FIELDS), ...orderedListProbes(ctx, 'communes')],
    };
  },
};
