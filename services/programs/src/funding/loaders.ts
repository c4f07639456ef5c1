import { groupedLoader, isUuid, pgArray, tenantWhere, type RequestContext } from '@kn/platform';
import { FUNDING_COLUMNS, toFundingLine, type FundingLineRow } from './rows.js';

export function createFundingLoaders(ctx: RequestContext<unknown>) {
  const fundingLinesByProgram = groupedLoader<string, FundingLineRow>(async (ids) => {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    const em = await ctx.em();
    const w = tenantWhere('f', ctx.readTenants);
    const rows = await em.execute(
      `select ${FUNDING_COLUMNS} from programs.funding_line f
        where ${w.sql} and f.program_id = any(?::uuid[]) order by f.program_id, f.position, f.id`,
      [...w.params, pgArray(valid)],
    );
    return rows.map(toFundingLine);
  }, (f) => f.programId);
  return { fundingLinesByProgram };
}
