import { graphqlRequest, type ScenarioContext, type SqlProbe } from './types.js';

/** The largest tenant (most communes): where a list of communes is longest. */
export async function largestTenant(ctx: ScenarioContext): Promise<string> {
  const { rows } = await ctx.db.query<{ tenant_id: string }>(
    `select tenant_id from communes.admin_unit where level = 'COMMUNE' and valid_from is null group by 1 order by count(*) desc, 1 limit 1`,
  );
  return rows[0]!.tenant_id;
}

type Order = { field: string; direction: 'ASC' | 'DESC' }[] | null;

const LISTS = {
  communes: {
    query: (args: string) => `query Probe($n: Int!, $o: [CommuneOrder!]) { communes(filter: { asOf: "2020-01-01" }, ${args}, orderBy: $o) {
        totalCount nodes { id code name district { name } } pageInfo { hasNextPage hasPreviousPage } } }`,
    orders: [
      null,
      [{ field: 'NAME', direction: 'ASC' }],
      [{ field: 'NAME', direction: 'DESC' }],
      [{ field: 'VALID_FROM', direction: 'DESC' }, { field: 'NAME', direction: 'ASC' }],
    ] as Order[],
  },
  contributions: {
    query: (args: string) => `query Probe($n: Int!, $o: [ContributionOrder!]) { contributions(${args}, orderBy: $o) {
        totalCount nodes { id contributedOn totalVnd sponsor { name } twinning { code } } pageInfo { hasNextPage hasPreviousPage } } }`,
    orders: [
      null,
      [{ field: 'TOTAL_VND', direction: 'DESC' }],
      [{ field: 'CASH_VND', direction: 'ASC' }],
      [{ field: 'CONTRIBUTED_ON', direction: 'ASC' }, { field: 'TOTAL_VND', direction: 'DESC' }],
    ] as Order[],
  },
} as const;

const describeOrder = (o: Order) => (o ? o.map((k) => `${k.field} ${k.direction}`).join(', ') : 'default order');

/**
 * Issue 17 §1: a list's SQL statements do not grow with the page under any order — `first: 10`
 * against `first: 500` for each order the probe lists, and the last order once more backwards
 * (`last: N`), as an analyst of the largest tenant.
 */
export function orderedListProbes(ctx: ScenarioContext, list: keyof typeof LISTS): SqlProbe[] {
  const spec = LISTS[list];
  let tenant: Promise<string> | null = null;
  const token = async () => {
    tenant ??= largestTenant(ctx);
    const t = await tenant;
    return ctx.token(t, 'analyst', { sub: `bench:${t}:analyst-order-probe` });
  };
  const probe = (order: Order, backwards: boolean): SqlProbe => ({
    describe: `${list}(${backwards ? 'last' : 'first'}: N, orderBy: ${describeOrder(order)}) with nested fields (an analyst of the largest tenant)`,
    sizes: [10, 500],
    async build(size) {
      return {
        request: graphqlRequest(await token(), spec.query(backwards ? 'last: $n' : 'first: $n'), { n: size, o: order }),
        rows: (data: any) => data?.[list]?.nodes?.length ?? 0,
      };
    },
  });
  return [...spec.orders.map((o) => probe(o, false)), probe(spec.orders.at(-1)!, true)];
}
