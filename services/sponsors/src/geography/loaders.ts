import { big, int, isUuid, type RequestContext, tenantWhere } from '@kn/platform';
import { paramGroupedLoader } from '../common/loaders.js';
import { sponsorScope } from '../common/scope.js';
import { ACTIVE_IN_YEAR } from '../common/sql.js';
import { TWINNING_COLUMNS, toTwinning, type TwinningRow } from '../twinnings/rows.js';
import { geographyFor } from './client.js';
import type { RollUpPair } from './model.js';

/** The roll-up pairs as ONE bound parameter, and the SQL that reads them as a table `p`. */
export function pairsParam(pairs: RollUpPair[]): string {
  return JSON.stringify(
    pairs.map((p) => ({ source: p.source, target: p.target, conditional: p.conditional, default_target: p.defaultTarget })),
  );
}
export const PAIRS_TABLE =
  'jsonb_to_recordset(?::jsonb) as p(source uuid, target uuid, conditional boolean, default_target uuid)';
/** A twinning `t` (or its contribution) counts under `p.target`. */
export const PAIR_MATCHES = '(not p.conditional or coalesce(t.successor_commune_id, p.default_target) = p.target)';

export interface SponsorshipRow {
  communeId: string;
  activeTwinnings: number;
  cashVnd: bigint;
  inKindVnd: bigint;
  totalVnd: bigint;
  poorHouseholdsHelped: number;
  modelsBuilt: number;
  peopleTrained: number;
  contributions: number;
}

export function createCommuneLoaders(ctx: RequestContext<unknown>) {
  /** Twinnings that count under a commune (its own and, rolled up, its predecessors'); param: a year or empty. */
  const twinningsOfCommune = paramGroupedLoader<TwinningRow & { forCommune: string }>(async (ids, year) => {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    const geo = await geographyFor(ctx);
    const em = await ctx.em();
    const w = tenantWhere('t', ctx.readTenants);
    const scope = sponsorScope(ctx, 't.sponsor_id');
    const rows = await em.execute(
      `select p.target as for_commune, ${TWINNING_COLUMNS}
         from ${PAIRS_TABLE}
         join sponsors.twinning t on t.commune_id = p.source
        where ${w.sql} and ${scope.sql} and ${PAIR_MATCHES} ${year ? `and ${ACTIVE_IN_YEAR('t')}` : ''}
        order by t.starts_on, t.code`,
      [pairsParam(geo.rollUpPairs(valid)), ...w.params, ...scope.params, ...(year ? [Number(year), Number(year)] : [])],
    );
    return rows.map((r) => ({ ...toTwinning(r), forCommune: r.for_commune as string }));
  }, (t) => t.forCommune);

  /** What sponsors did for a commune in a year (param), rolled up; one statement for any number of communes. */
  const sponsorshipOfCommune = paramGroupedLoader<SponsorshipRow>(async (ids, yearText) => {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    const year = Number(yearText);
    const geo = await geographyFor(ctx);
    const em = await ctx.em();
    const tw = tenantWhere('t', ctx.readTenants);
    const cw = tenantWhere('c', ctx.readTenants);
    const ts = sponsorScope(ctx, 't.sponsor_id');
    const cs = sponsorScope(ctx, 'c.sponsor_id');
    const rows = await em.execute(
      `with p as (select * from ${PAIRS_TABLE}),
       tw as (
         select p.target, count(*) as active
           from p join sponsors.twinning t on t.commune_id = p.source
          where ${tw.sql} and ${ts.sql} and ${ACTIVE_IN_YEAR('t')} and ${PAIR_MATCHES}
          group by p.target),
       co as (
         select p.target, sum(c.cash_vnd) as cash, sum(c.in_kind_vnd) as in_kind,
                sum(c.poor_households_helped) as households, sum(c.models_built) as models,
                sum(c.people_trained) as trained, sum(case when c.reverses_id is null then 1 else -1 end) as n
           from p join sponsors.contribution c on c.commune_id = p.source
           join sponsors.twinning t on t.tenant_id = c.tenant_id and t.id = c.twinning_id
          where ${cw.sql} and ${cs.sql} and c.year = ? and c.status in ('DONE', 'VERIFIED') and ${PAIR_MATCHES}
          group by p.target)
       select k.target, tw.active, co.cash, co.in_kind, co.households, co.models, co.trained, co.n
         from (select distinct target from p) k
         left join tw on tw.target = k.target
         left join co on co.target = k.target`,
      [pairsParam(geo.rollUpPairs(valid)), ...tw.params, ...ts.params, year, year, ...cw.params, ...cs.params, year],
    );
    return rows.map((r) => {
      const cash = big(r.cash);
      const inKind = big(r.in_kind);
      return {
        communeId: r.target as string,
        activeTwinnings: int(r.active),
        cashVnd: cash,
        inKindVnd: inKind,
        totalVnd: cash + inKind,
        poorHouseholdsHelped: int(r.households),
        modelsBuilt: int(r.models),
        peopleTrained: int(r.trained),
        contributions: int(r.n),
      };
    });
  }, (s) => s.communeId);

  return { twinningsOfCommune, sponsorshipOfCommune };
}
