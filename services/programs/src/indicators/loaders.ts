import { isUuid, keyedLoader, pgArray, tenantWhere, type RequestContext } from '@kn/platform';
import { INDICATOR_COLUMNS, toIndicator, type IndicatorRow } from './rows.js';

export function createIndicatorLoaders(ctx: RequestContext<unknown>) {
  const indicatorById = keyedLoader<string, IndicatorRow>(async (ids) => {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    const em = await ctx.em();
    const w = tenantWhere('i', ctx.readTenants);
    const rows = await em.execute(
      `select ${INDICATOR_COLUMNS} from programs.indicator i where ${w.sql} and i.id = any(?::uuid[])`,
      [...w.params, pgArray(valid)],
    );
    return rows.map((r) => toIndicator(r));
  }, (i) => i.id);
  return { indicatorById };
}
