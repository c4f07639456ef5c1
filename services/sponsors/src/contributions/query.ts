import {
  badInput,
  big,
  forbidden,
  int,
  isUuid,
  ownSponsor,
  pgArray,
  type RequestContext,
  sessionSettings,
  tenantWhere,
  todayInVietnam,
  year as checkYear,
} from '@kn/platform';
import { geographyFor } from '../geography/client.js';
import { pairsParam } from '../geography/loaders.js';
import { sponsorScope } from '../common/scope.js';
import { AGGREGATE_TABLES, aggregateSource, type AggregateSource } from './aggregates.js';
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

/** Conditions and parameters collected in order, and the joins they need. */
interface Conditions {
  where: string[];
  params: unknown[];
  joins: Set<'sponsor' | 'twinning' | 'geo'>;
}

function add(c: Conditions, sql: string, ...params: unknown[]): void {
  c.where.push(sql);
  c.params.push(...params);
}

/** The national role sees totals of provinces, never one sponsor's or one commune's. */
function refuseNationalDetail(ctx: RequestContext<unknown>, f: ContributionFilter, groupBy: ReadonlySet<ContributionGroupBy>): void {
  if (!ctx.isNational) return;
  const detail = [ContributionGroupBy.SPONSOR, ContributionGroupBy.COMMUNE].filter((g) => groupBy.has(g));
  if (detail.length > 0 || f.sponsorId != null || f.communeId != null) {
    throw forbidden('The national role reads totals by province, year, category, sponsor kind or district, not per sponsor or commune');
  }
}

/** Statuses, years and contribution dates. */
function timeConditions(c: Conditions, f: ContributionFilter, mode: 'totals' | 'list'): void {
  const statuses = f.statuses ?? (mode === 'totals' ? DEFAULT_TOTAL_STATUSES : null);
  if (statuses) {
    if (statuses.length === 0) throw badInput('`statuses` must name at least one status', { field: 'filter.statuses' });
    add(c, 'c.status = any(?::text[])', pgArray([...new Set(statuses)]));
  }
  if (f.year != null && (f.yearFrom != null || f.yearTo != null)) {
    throw badInput('Give `year` or `yearFrom`/`yearTo`, not both', { field: 'filter.year' });
  }
  if (f.year != null) add(c, 'c.year = ?', checkYear(f.year, 'filter.year'));
  if (f.yearFrom != null) add(c, 'c.year >= ?', checkYear(f.yearFrom, 'filter.yearFrom'));
  if (f.yearTo != null) add(c, 'c.year <= ?', checkYear(f.yearTo, 'filter.yearTo'));
  if (f.yearFrom != null && f.yearTo != null && f.yearFrom > f.yearTo) {
    throw badInput('`yearFrom` is after `yearTo`', { field: 'filter.yearFrom' });
  }
  if (f.contributedFrom != null) add(c, 'c.contributed_on >= ?::date', f.contributedFrom);
  if (f.contributedTo != null) add(c, 'c.contributed_on <= ?::date', f.contributedTo);
  if (f.contributedFrom != null && f.contributedTo != null && f.contributedFrom > f.contributedTo) {
    throw badInput('`contributedFrom` is after `contributedTo`', { field: 'filter.contributedFrom' });
  }
}

/** Programme, sponsor, category and sponsor kind (an id that is not one matches nothing). */
function whoConditions(c: Conditions, f: ContributionFilter, source: 'raw' | AggregateSource): void {
  for (const [value, column] of [
    [f.programId, 'c.program_id'],
    [f.sponsorId, 'c.sponsor_id'],
  ] as const) {
    if (value == null) continue;
    if (!isUuid(value)) c.where.push('false');
    else add(c, `${column} = ?::uuid`, value.toLowerCase());
  }
  if (f.category != null) add(c, 'c.category = ?', f.category);
  if (f.sponsorKind != null) {
    if (source === 'raw') c.joins.add('sponsor');
    add(c, source === 'raw' ? 's.kind = ?' : 'c.sponsor_kind = ?', f.sponsorKind);
  }
}

type Geography = Awaited<ReturnType<typeof geographyFor>>;

/** District and commune, the commune with its predecessors' figures rolled up through succession. */
function placeConditions(c: Conditions, f: ContributionFilter, geo: Geography | null): void {
  if (f.districtCode != null) {
    const communes = geo!.communesOfDistrict(normaliseDistrictCode(f.districtCode));
    if (communes.length === 0) c.where.push('false');
    else add(c, 'c.commune_id = any(?::uuid[])', pgArray(communes));
  }
  if (f.communeId == null) return;
  if (!isUuid(f.communeId)) {
    c.where.push('false');
    return;
  }
  // the commune's own figures and, rolled up, its predecessors' that continue in it
  const pairs = geo!.rollUpPairs([f.communeId.toLowerCase()]);
  c.joins.add('twinning');
  add(c, 'c.commune_id = any(?::uuid[])', pgArray([...new Set(pairs.map((p) => p.source))]));
  add(
    c,
    `exists (select 1 from jsonb_to_recordset(?::jsonb) as p(source uuid, target uuid, conditional boolean, default_target uuid)
              where p.source = c.commune_id and (not p.conditional or coalesce(t.successor_commune_id, p.default_target) = p.target))`,
    pairsParam(pairs),
  );
}

/** The SQL expression of each group-by dimension, and the `with geo` the district and dated commune need. */
function grouping(
  c: Conditions,
  f: ContributionFilter,
  groupBy: ReadonlySet<ContributionGroupBy>,
  source: 'raw' | AggregateSource,
  geo: Geography | null,
): Pick<ContributionQuery, 'withSql' | 'withParams' | 'groupExpr'> {
  const groupExpr: ContributionQuery['groupExpr'] = {
    [ContributionGroupBy.YEAR]: 'c.year',
    [ContributionGroupBy.CATEGORY]: 'c.category',
    [ContributionGroupBy.SPONSOR]: 'c.sponsor_id',
    [ContributionGroupBy.TENANT]: 'c.tenant_id',
    [ContributionGroupBy.COMMUNE]: 'c.commune_id',
  };
  if (groupBy.has(ContributionGroupBy.SPONSOR_KIND)) {
    if (source === 'raw') c.joins.add('sponsor');
    groupExpr[ContributionGroupBy.SPONSOR_KIND] = source === 'raw' ? 's.kind' : 'c.sponsor_kind';
  }
  if (!geoInStatement(f, groupBy)) return { withSql: '', withParams: [], groupExpr };
  c.joins.add('geo');
  groupExpr[ContributionGroupBy.DISTRICT] = 'g.district_code';
  if (f.communesAsOf != null) {
    c.joins.add('twinning');
    groupExpr[ContributionGroupBy.COMMUNE] =
      '(case when g.valid_at is not false then c.commune_id else coalesce(t.successor_commune_id, g.default_target) end)';
  }
  return {
    withSql: `with geo as (select * from jsonb_to_recordset(?::jsonb)
                 as g(commune_id uuid, district_code text, valid_at boolean, default_target uuid))`,
    withParams: [geo!.sqlMap(f.communesAsOf ?? todayInVietnam())],
    groupExpr,
  };
}

function geoInStatement(f: ContributionFilter, groupBy: ReadonlySet<ContributionGroupBy>): boolean {
  return groupBy.has(ContributionGroupBy.DISTRICT) || (groupBy.has(ContributionGroupBy.COMMUNE) && f.communesAsOf != null);
}

/**
 * Builds the statement parts for `filter` and the requested group-by dimensions. Geography (district
 * of each commune, successions) comes from the communes subgraph, cached per tenant, and enters the
 * statement as ONE bound JSON parameter read with `jsonb_to_recordset`: the figures are still summed
 * by PostgreSQL in one statement.
 */
export async function contributionQuery(
  ctx: RequestContext<unknown>,
  filter: ContributionFilter | null | undefined,
  groupBy: ReadonlySet<ContributionGroupBy>,
  mode: 'totals' | 'list',
  /** `raw`: the contribution rows; else one of the summary tables (aggregates.ts), also as `c`. */
  source: 'raw' | AggregateSource = 'raw',
): Promise<ContributionQuery> {
  const f = filter ?? {};
  refuseNationalDetail(ctx, f, groupBy);
  const w = tenantWhere('c', ctx.readTenants);
  const scope = sponsorScope(ctx, 'c.sponsor_id');
  const c: Conditions = { where: [w.sql, scope.sql], params: [...w.params, ...scope.params], joins: new Set() };
  timeConditions(c, f, mode);
  whoConditions(c, f, source);
  const needsGeo = f.districtCode != null || f.communeId != null || geoInStatement(f, groupBy);
  const geo = needsGeo ? await geographyFor(ctx) : null;
  placeConditions(c, f, geo);
  const { withSql, withParams, groupExpr } = grouping(c, f, groupBy, source, geo);

  const joinSql: string[] = [];
  if (c.joins.has('sponsor')) joinSql.push('join sponsors.sponsor s on s.tenant_id = c.tenant_id and s.id = c.sponsor_id');
  if (c.joins.has('twinning')) joinSql.push('join sponsors.twinning t on t.tenant_id = c.tenant_id and t.id = c.twinning_id');
  if (c.joins.has('geo')) joinSql.push('left join geo g on g.commune_id = c.commune_id');
  return { withSql, withParams, joins: joinSql, where: c.where, params: c.params, groupExpr };
}

/**
 * The sums of the contributions `filter` selects, grouped by `groupBy`: ONE statement. No permission
 * check here (the caller's resolver or service has made it); loaders call this, never the service.
 */
export async function contributionTotals(ctx: RequestContext<unknown>, filter: ContributionFilter | null | undefined, groupBy: ContributionGroupBy[]) {
  const dims = [...new Set(groupBy)];
  // the smallest maintained summary table that answers the question, or the raw rows
  const source = aggregateSource(sessionSettings(ctx.identity), { ...(filter ?? {}) }, new Set(dims), ownSponsor(ctx) !== undefined);
  const q = await contributionQuery(ctx, filter, new Set(dims), 'totals', source);
  const selected = dims.map((d, i) => `${q.groupExpr[d]!} as k${i}`);
  const positions = dims.map((_, i) => String(i + 1));
  const em = await ctx.em();
  // the summary tables hold the same sums per key (and n = contributions − reversals)
  const count = source === 'raw' ? 'sum(case when c.reverses_id is null then 1 else -1 end)' : 'sum(c.n)';
  const table = source === 'raw' ? 'sponsors.contribution' : AGGREGATE_TABLES[source];
  const rows = await em.execute(
    `${q.withSql}
     select ${[...selected, ''].join(', ')}
            sum(c.cash_vnd) as cash, sum(c.in_kind_vnd) as in_kind,
            sum(c.poor_households_helped) as households, sum(c.models_built) as models,
            sum(c.people_trained) as trained, sum(c.beneficiaries) as beneficiaries,
            ${count} as n
       from ${table} c ${q.joins.join(' ')}
      where ${q.where.join(' and ')}
      ${dims.length ? `group by ${positions.join(', ')} order by ${positions.map((p) => `${p} nulls last`).join(', ')}` : ''}`,
    [...q.withParams, ...q.params],
  );
  return rows.map((r) => {
    const key = { year: null, category: null, sponsorKind: null, sponsorId: null, communeId: null, districtCode: null, tenant: null } as Record<string, unknown>;
    dims.forEach((d, i) => {
      const v = r[`k${i}`] ?? null;
      const name = {
        YEAR: 'year', CATEGORY: 'category', SPONSOR_KIND: 'sponsorKind', SPONSOR: 'sponsorId',
        COMMUNE: 'communeId', DISTRICT: 'districtCode', TENANT: 'tenant',
      }[d];
      key[name] = d === ContributionGroupBy.YEAR && v !== null ? Number(v) : v;
    });
    const cash = big(r.cash);
    const inKind = big(r.in_kind);
    return {
      key,
      cashVnd: cash,
      inKindVnd: inKind,
      totalVnd: cash + inKind,
      poorHouseholdsHelped: int(r.households),
      modelsBuilt: int(r.models),
      peopleTrained: int(r.trained),
      beneficiaries: int(r.beneficiaries),
      count: int(r.n),
    };
  });
}
