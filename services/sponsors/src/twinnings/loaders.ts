import { isUuid, keyedLoader, pgArray, tenantWhere, type RequestContext } from '@kn/platform';
import { CONTRIBUTION_COLUMNS, toContribution, type ContributionRow } from '../contributions/rows.js';
import { paramGroupedLoader } from '../common/loaders.js';
import { sponsorScope } from '../common/scope.js';
import { ACTIVE_IN_YEAR } from '../common/sql.js';
import { TWINNING_COLUMNS, toTwinning, type TwinningRow } from './rows.js';

export function createTwinningLoaders(ctx: RequestContext<unknown>) {
  const twinningById = keyedLoader<string, TwinningRow>(async (ids) => {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    const em = await ctx.em();
    const w = tenantWhere('t', ctx.readTenants);
    const scope = sponsorScope(ctx, 't.sponsor_id');
    const rows = await em.execute(
      `select ${TWINNING_COLUMNS} from sponsors.twinning t where ${w.sql} and ${scope.sql} and t.id = any(?::uuid[])`,
      [...w.params, ...scope.params, pgArray(valid)],
    );
    return rows.map(toTwinning);
  }, (t) => t.id);

  /** A programme's twinnings; param `<status>,<activeIn year>` (either may be empty). */
  const twinningsByProgram = paramGroupedLoader<TwinningRow>(async (ids, param) => {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    const [status, year] = param.split(',');
    const em = await ctx.em();
    const w = tenantWhere('t', ctx.readTenants);
    const scope = sponsorScope(ctx, 't.sponsor_id');
    const extra: string[] = [];
    const params: unknown[] = [];
    if (status) {
      extra.push('t.status = ?');
      params.push(status);
    }
    if (year) {
      extra.push(ACTIVE_IN_YEAR('t'));
      params.push(Number(year), Number(year));
    }
    const rows = await em.execute(
      `select ${TWINNING_COLUMNS} from sponsors.twinning t
        where ${w.sql} and ${scope.sql} and t.program_id = any(?::uuid[]) ${extra.map((e) => `and ${e}`).join(' ')}
        order by t.code, t.id`,
      [...w.params, ...scope.params, pgArray(valid), ...params],
    );
    return rows.map(toTwinning);
  }, (t) => t.programId);

  /** A twinning's contributions; param: a year or empty. */
  const contributionsByTwinning = paramGroupedLoader<ContributionRow>(async (ids, year) => {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    const em = await ctx.em();
    const w = tenantWhere('c', ctx.readTenants);
    const scope = sponsorScope(ctx, 'c.sponsor_id');
    const rows = await em.execute(
      `select ${CONTRIBUTION_COLUMNS} from sponsors.contribution c
        where ${w.sql} and ${scope.sql} and c.twinning_id = any(?::uuid[]) ${year ? 'and c.year = ?' : ''}
        order by c.contributed_on, c.id`,
      [...w.params, ...scope.params, pgArray(valid), ...(year ? [Number(year)] : [])],
    );
    return rows.map(toContribution);
  }, (c) => c.twinningId);

  return { twinningById, twinningsByProgram, contributionsByTwinning };
}
