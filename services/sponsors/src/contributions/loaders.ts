import { isUuid, keyedLoader, pgArray, tenantWhere, type RequestContext } from '@kn/platform';
import { sponsorScope } from '../common/scope.js';
import { CONTRIBUTION_COLUMNS, toContribution, type ContributionRow } from './rows.js';

export function createContributionLoaders(ctx: RequestContext<unknown>) {
  const byColumn = (column: 'id' | 'reverses_id') =>
    keyedLoader<string, ContributionRow>(async (ids) => {
      const valid = ids.filter(isUuid);
      if (valid.length === 0) return [];
      const em = await ctx.em();
      const w = tenantWhere('c', ctx.readTenants);
      const scope = sponsorScope(ctx, 'c.sponsor_id');
      const rows = await em.execute(
        `select ${CONTRIBUTION_COLUMNS} from sponsors.contribution c
          where ${w.sql} and ${scope.sql} and c.${column} = any(?::uuid[])`,
        [...w.params, ...scope.params, pgArray(valid)],
      );
      return rows.map(toContribution);
    }, (c) => (column === 'id' ? c.id : c.reversesId!));

  return { contributionById: byColumn('id'), reversalOf: byColumn('reverses_id') };
}
