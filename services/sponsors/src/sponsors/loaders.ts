import { isUuid, keyedLoader, pgArray, tenantWhere, type RequestContext } from '@kn/platform';
import { CONTRIBUTION_COLUMNS, toContribution, type ContributionRow } from '../contributions/rows.js';
import { paramGroupedLoader } from '../common/loaders.js';
import { sponsorScope } from '../common/scope.js';
import { TWINNING_COLUMNS, toTwinning, type TwinningRow } from '../twinnings/rows.js';
import { SPONSOR_COLUMNS, toSponsor, type SponsorRow } from './rows.js';

export function createSponsorLoaders(ctx: RequestContext<unknown>) {
  const sponsorById = keyedLoader<string, SponsorRow>(async (ids) => {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    const em = await ctx.em();
    const w = tenantWhere('s', ctx.readTenants);
    const scope = sponsorScope(ctx, 's.id');
    const rows = await em.execute(
      `select ${SPONSOR_COLUMNS} from sponsors.sponsor s where ${w.sql} and ${scope.sql} and s.id = any(?::uuid[])`,
      [...w.params, ...scope.params, pgArray(valid)],
    );
    return rows.map(toSponsor);
  }, (s) => s.id);

  /** A sponsor's twinnings; param: a status or empty. */
  const twinningsBySponsor = paramGroupedLoader<TwinningRow>(async (ids, status) => {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    const em = await ctx.em();
    const w = tenantWhere('t', ctx.readTenants);
    const scope = sponsorScope(ctx, 't.sponsor_id');
    const rows = await em.execute(
      `select ${TWINNING_COLUMNS} from sponsors.twinning t
        where ${w.sql} and ${scope.sql} and t.sponsor_id = any(?::uuid[]) ${status ? 'and t.status = ?' : ''}
        order by t.starts_on, t.code`,
      [...w.params, ...scope.params, pgArray(valid), ...(status ? [status] : [])],
    );
    return rows.map(toTwinning);
  }, (t) => t.sponsorId);

  /** A sponsor's contributions; param: a year or empty (every year). */
  const contributionsBySponsor = paramGroupedLoader<ContributionRow>(async (ids, year) => {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    const em = await ctx.em();
    const w = tenantWhere('c', ctx.readTenants);
    const scope = sponsorScope(ctx, 'c.sponsor_id');
    const rows = await em.execute(
      `select ${CONTRIBUTION_COLUMNS} from sponsors.contribution c
        where ${w.sql} and ${scope.sql} and c.sponsor_id = any(?::uuid[]) ${year ? 'and c.year = ?' : ''}
        order by c.contributed_on, c.id`,
      [...w.params, ...scope.params, pgArray(valid), ...(year ? [Number(year)] : [])],
    );
    return rows.map(toContribution);
  }, (c) => c.sponsorId);

  return { sponsorById, twinningsBySponsor, contributionsBySponsor };
}
