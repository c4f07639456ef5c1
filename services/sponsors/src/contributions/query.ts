import { badInput, forbidden, isUuid, pgArray, tenantWhere, todayInVietnam } from '@kn/platform';
import { geographyFor } from '../geography/client.js';
import { pairsParam } from '../geography/loaders.js';
import type { Ctx } from '../loaders.js';
import { sponsorScope } from '../shared/scope.js';
import { year as checkYear } from '../shared/validate.js';
import { ContributionGroupBy, type ContributionFilter } from './types.js';

/** The FROM/WHERE of a statement over contributions `c`, built from a filter. */
export interface ContributionQuery {
  /** `with …` prefix (may be empty) and its parameters, which come first. */
  withSql: string;
  withParams: unknown[];
  joins: string[];
  where: string[];
  params: unknown[];
  /** SQL expression per group-by dimension. */
  groupExpr: Partial<Record<ContributionGroupBy, string>>;
}

const DEFAULT_TOTAL_STATUSES = ['DONE', 'VERIFIED'];

function normaliseDistrictCode(code: string): string {
  const c = code.trim();
  if (!/^[0-9]{1,3}$/.test(c)) throw badInput('A district code is made of digits only, e.g. "504"', { field: 'filter.districtCode' });
  return c.padStart(3, '0');
}

/**
 * Builds the statement parts for `filter` and the requested group-by dimensions. Geography (district
 * of each commune, successions) comes from the communes subgraph, cached per tenant, and enters the
 * statement as ONE bound JSON parameter read with `jsonb_to_recordset`: the figures are still summed
 * by PostgreSQL in one statement.
 */
export async function contributionQuery(
  ctx: Ctx,
  filter: ContributionFilter | null | undefined,
  groupBy: ReadonlySet<ContributionGroupBy>,
  mode: 'totals' | 'list',
): Promise<ContributionQuery> {
  const f = filter ?? {};
  if (ctx.isNational) {
    const detail = [ContributionGroupBy.SPONSOR, ContributionGroupBy.COMMUNE].filter((g) => groupBy.has(g));
    if (detail.length > 0 || f.sponsorId != null || f.communeId != null) {
      throw forbidden('The national role reads totals by province, year, category, sponsor kind or district, not per sponsor or commune');
    }
  }
  const joins = new Set<'sponsor' | 'twinning' | 'geo'>();
  const w = tenantWhere('c', ctx.identity.tenant);
  const scope = sponsorScope(ctx, 'c.sponsor_id');
  const where: string[] = [w.sql, scope.sql];
  const params: unknown[] = [...w.params, ...scope.params];

  const statuses = f.statuses ?? (mode === 'totals' ? DEFAULT_TOTAL_STATUSES : null);
  if (statuses) {
    if (statuses.length === 0) throw badInput('`statuses` must name at least one status', { field: 'filter.statuses' });
    where.push('c.status = any(?::text[])');
    params.push(pgArray([...new Set(statuses)]));
  }
  if (f.year != null && (f.yearFrom != null || f.yearTo != null)) {
    throw badInput('Give `year` or `yearFrom`/`yearTo`, not both', { field: 'filter.year' });
  }
  if (f.year != null) {
    where.push('c.year = ?');
    params.push(checkYear(f.year, 'filter.year'));
  }
  if (f.yearFrom != null) {
    where.push('c.year >= ?');
    params.push(checkYear(f.yearFrom, 'filter.yearFrom'));
  }
  if (f.yearTo != null) {
    where.push('c.year <= ?');
    params.push(checkYear(f.yearTo, 'filter.yearTo'));
  }
  if (f.yearFrom != null && f.yearTo != null && f.yearFrom > f.yearTo) {
    throw badInput('`yearFrom` is after `yearTo`', { field: 'filter.yearFrom' });
  }
  for (const [value, column] of [
    [f.programId, 'c.program_id'],
    [f.sponsorId, 'c.sponsor_id'],
  ] as const) {
    if (value == null) continue;
    if (!isUuid(value)) where.push('false');
    else {
      where.push(`${column} = ?::uuid`);
      params.push(value.toLowerCase());
    }
  }
  if (f.category != null) {
    where.push('c.category = ?');
    params.push(f.category);
  }
  if (f.sponsorKind != null) {
    joins.add('sponsor');
    where.push('s.kind = ?');
    params.push(f.sponsorKind);
  }

  const needsGeo =
    f.districtCode != null ||
    f.communeId != null ||
    groupBy.has(ContributionGroupBy.DISTRICT) ||
    (groupBy.has(ContributionGroupBy.COMMUNE) && f.communesAsOf != null);
  const geo = needsGeo ? await geographyFor(ctx) : null;

  if (f.districtCode != null) {
    const communes = geo!.communesOfDistrict(normaliseDistrictCode(f.districtCode));
    if (communes.length === 0) where.push('false');
    else {
      where.push('c.commune_id = any(?::uuid[])');
      params.push(pgArray(communes));
    }
  }
  if (f.communeId != null) {
    if (!isUuid(f.communeId)) where.push('false');
    else {
      // the commune's own figures and, rolled up, its predecessors' that continue in it
      const pairs = geo!.rollUpPairs([f.communeId.toLowerCase()]);
      joins.add('twinning');
      where.push('c.commune_id = any(?::uuid[])');
      params.push(pgArray([...new Set(pairs.map((p) => p.source))]));
      where.push(
        `exists (select 1 from jsonb_to_recordset(?::jsonb) as p(source uuid, target uuid, conditional boolean, default_target uuid)
                  where p.source = c.commune_id and (not p.conditional or coalesce(t.successor_commune_id, p.default_target) = p.target))`,
      );
      params.push(pairsParam(pairs));
    }
  }

  const groupExpr: ContributionQuery['groupExpr'] = {
    [ContributionGroupBy.YEAR]: 'c.year',
    [ContributionGroupBy.CATEGORY]: 'c.category',
    [ContributionGroupBy.SPONSOR]: 'c.sponsor_id',
    [ContributionGroupBy.TENANT]: 'c.tenant_id',
    [ContributionGroupBy.COMMUNE]: 'c.commune_id',
  };
  if (groupBy.has(ContributionGroupBy.SPONSOR_KIND)) {
    joins.add('sponsor');
    groupExpr[ContributionGroupBy.SPONSOR_KIND] = 's.kind';
  }
  let withSql = '';
  const withParams: unknown[] = [];
  const geoNeededInStatement =
    groupBy.has(ContributionGroupBy.DISTRICT) || (groupBy.has(ContributionGroupBy.COMMUNE) && f.communesAsOf != null);
  if (geoNeededInStatement) {
    joins.add('geo');
    withSql = `with geo as (select * from jsonb_to_recordset(?::jsonb)
                 as g(commune_id uuid, district_code text, valid_at boolean, default_target uuid))`;
    withParams.push(geo!.sqlMap(f.communesAsOf ?? todayInVietnam()));
    groupExpr[ContributionGroupBy.DISTRICT] = 'g.district_code';
    if (f.communesAsOf != null) {
      joins.add('twinning');
      groupExpr[ContributionGroupBy.COMMUNE] =
        '(case when g.valid_at is not false then c.commune_id else coalesce(t.successor_commune_id, g.default_target) end)';
    }
  }
  const joinSql: string[] = [];
  if (joins.has('sponsor')) joinSql.push('join sponsors.sponsor s on s.tenant_id = c.tenant_id and s.id = c.sponsor_id');
  if (joins.has('twinning')) joinSql.push('join sponsors.twinning t on t.tenant_id = c.tenant_id and t.id = c.twinning_id');
  if (joins.has('geo')) joinSql.push('left join geo g on g.commune_id = c.commune_id');
  return { withSql, withParams, joins: joinSql, where, params, groupExpr };
}
