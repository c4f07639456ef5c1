import DataLoader from 'dataloader';
import { tenantWhere, type RequestContext } from '@kn/platform';
import { VALID_ON } from '../units/rows.js';

export interface DashboardLoaders {
  /** year → tenant → border communes valid on 31/12 of the year; ONE statement for every province asked. */
  borderCommunesByTenant: DataLoader<number, Map<string, number>>;
}

export function createDashboardLoaders(ctx: RequestContext<unknown>): DashboardLoaders {
  const borderCommunesByTenant = new DataLoader<number, Map<string, number>>(async (years) =>
    Promise.all(
      years.map(async (y) => {
        const day = `${y}-12-31`;
        const em = await ctx.em();
        const w = tenantWhere('u', ctx.readTenants);
        const rows = await em.execute(
          `select u.tenant_id, count(*)::int as n from communes.admin_unit u
            where ${w.sql} and u.level = 'COMMUNE' and ${VALID_ON}
              and exists (select 1 from communes.unit_classification c
                           where c.tenant_id = u.tenant_id and c.unit_id = u.id and c.classification = 'BORDER')
            group by u.tenant_id`,
          [...w.params, day, day],
        );
        return new Map(rows.map((r) => [r.tenant_id as string, Number(r.n)]));
      }),
    ),
  );
  return { borderCommunesByTenant };
}
