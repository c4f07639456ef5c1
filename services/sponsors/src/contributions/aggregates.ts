/**
 * Maintained aggregates of contributions (issue 16): two summary tables that PostgreSQL keeps equal
 * to the raw rows, in the same transaction as every change — an insert (a write, a partner's
 * write, an import, a reversal), an update (a verification, an edit before verification), a delete
 * — by statement-level triggers over the statement's transition tables, and a trigger on a
 * sponsor's kind. `contributionTotals` and the dashboards read them where the question can be
 * answered from them (`aggregateSource`), else the raw rows.
 *
 *   contribution_total_category        (tenant_id, year, category, sponsor_kind, status)
 *   contribution_total_commune         (tenant_id, year, commune_id, status)
 *   contribution_total_sponsor         (tenant_id, year, sponsor_id, sponsor_kind, category, status)
 *   contribution_total_commune_detail  (tenant_id, year, commune_id, category, sponsor_kind, status)
 *
 * Each row holds the sums the raw statement computes (`cash_vnd`, `in_kind_vnd`, households,
 * models, people trained, beneficiaries, `n` = contributions − reversals) and `row_count`, the
 * number of raw rows behind it: a group exists exactly when a raw row does (rows whose count falls
 * to 0 are deleted). Money is `numeric` (the raw `sum(bigint)` is numeric too): exact, never a float.
 */

export const S = 'sponsors';

type Dim = 'commune_id' | 'sponsor_id' | 'category' | 'sponsor_kind';

/**
 * The summary tables, smallest first: each is keyed by (tenant_id, year, <its dimensions>, status).
 * A question is read from the first one whose dimensions hold every group-by and filter it names.
 * Measured on the national dataset (1,000,000 contributions): `category` ≈ 30,000 rows,
 * `commune` ≈ 143,000 (≈ 400 a province and year), `sponsor` ≈ 700,000, `commune_detail` ≈ 730,000.
 */
export const AGGREGATES = {
  category: { table: `${S}.contribution_total_category`, dims: ['category', 'sponsor_kind'] },
  commune: { table: `${S}.contribution_total_commune`, dims: ['commune_id'] },
  sponsor: { table: `${S}.contribution_total_sponsor`, dims: ['sponsor_id', 'sponsor_kind', 'category'] },
  commune_detail: { table: `${S}.contribution_total_commune_detail`, dims: ['commune_id', 'category', 'sponsor_kind'] },
} as const satisfies Record<string, { table: string; dims: readonly Dim[] }>;
export type AggregateSource = keyof typeof AGGREGATES;
export const AGGREGATE_SOURCES = Object.keys(AGGREGATES) as AggregateSource[];
export const AGGREGATE_TABLES = Object.fromEntries(AGGREGATE_SOURCES.map((k) => [k, AGGREGATES[k].table])) as Record<AggregateSource, string>;

const MEASURES = ['cash_vnd', 'in_kind_vnd', 'poor_households_helped', 'models_built', 'people_trained', 'beneficiaries'] as const;

export function aggregateKey(source: AggregateSource): string[] {
  return ['tenant_id', 'year', ...AGGREGATES[source].dims, 'status'];
}

/** The DDL of one summary table (RLS as every tenant-owned table: the caller adds `tenantTableRls`). */
export function aggregateTableSql(source: AggregateSource): string {
  const key = aggregateKey(source);
  const dims = AGGREGATES[source].dims as readonly Dim[];
  return `create table ${AGGREGATES[source].table} (
    tenant_id text not null,
    year smallint not null,
    ${dims.map((d) => `${d} ${d.endsWith('_id') ? 'uuid' : 'text'} not null`).join(',\n    ')},
    status text not null,
    row_count bigint not null,
    n bigint not null,
    ${MEASURES.map((m) => `${m} numeric not null`).join(',\n    ')},
    primary key (${key.join(', ')})
  )`;
}

/**
 * The signed contribution of the raw rows of `rel` (a transition table or the contribution table):
 * one row per raw row, multiplied by `sign`, with the sponsor's kind as of now.
 */
function signedRows(rel: string, sign: string, where = 'true'): string {
  return `select r.tenant_id, r.year, r.commune_id, r.sponsor_id, r.category, s.kind as sponsor_kind, r.status,
                 ${sign}::bigint as row_count,
                 ${sign}::bigint * (case when r.reverses_id is null then 1 else -1 end) as n,
                 ${MEASURES.map((m) => `${sign}::numeric * r.${m} as ${m}`).join(', ')}
            from ${rel} r join ${S}.sponsor s on s.tenant_id = r.tenant_id and s.id = r.sponsor_id
           where ${where}`;
}

/**
 * Adds the deltas of `deltaSql` (rows shaped as `signedRows`) to both tables: summed per key, in key
 * order (two transactions touching the same keys lock them in the same order: no deadlock), then
 * removes the keys whose raw rows are all gone.
 */
function applyDeltas(deltaSql: string): string[] {
  return AGGREGATE_SOURCES.flatMap((source) => {
    const t = AGGREGATE_TABLES[source];
    const key = aggregateKey(source);
    const sums = ['row_count', 'n', ...MEASURES];
    return [
      `insert into ${t} as a (${[...key, ...sums].join(', ')})
         select ${key.join(', ')}, ${sums.map((m) => `sum(${m})`).join(', ')}
           from (${deltaSql}) d
          group by ${key.join(', ')}
          having ${sums.map((m) => `sum(${m}) <> 0`).join(' or ')}
          order by ${key.join(', ')}
       on conflict (${key.join(', ')}) do update set ${sums.map((m) => `${m} = a.${m} + excluded.${m}`).join(', ')}`,
      `delete from ${t} a using (select distinct ${key.join(', ')} from (${deltaSql}) d) k
        where ${key.map((c) => `a.${c} = k.${c}`).join(' and ')} and a.row_count = 0`,
    ];
  });
}

const plpgsql = (name: string, statements: string[]) =>
  `create function ${S}.${name}() returns trigger language plpgsql as $$
   begin
     ${statements.join(';\n     ')};
     return null;
   end $$`;

/** Columns whose change moves a contribution between aggregate rows or changes its figures. */
const TRACKED = ['year', 'commune_id', 'sponsor_id', 'category', 'status', 'reverses_id', ...MEASURES];

/** The triggers that keep the tables equal to the raw rows. */
export function aggregateTriggersSql(): string[] {
  const changed = TRACKED.map((c) => `o.${c} is distinct from n.${c}`).join(' or ');
  const pairs = `new_rows n join old_rows o on o.tenant_id = n.tenant_id and o.id = n.id where ${changed}`;
  const updateDelta = `${signedRows(`(select n.* from ${pairs})`, '1')}
    union all
    ${signedRows(`(select o.* from ${pairs})`, '-1')}`;
  // a sponsor whose kind changes: its contributions move from the old kind's rows to the new kind's
  const kindDelta = (sign: string, kind: string) =>
    `select r.tenant_id, r.year, r.commune_id, r.sponsor_id, r.category, ${kind} as sponsor_kind, r.status,
            ${sign}::bigint as row_count, ${sign}::bigint * (case when r.reverses_id is null then 1 else -1 end) as n,
            ${MEASURES.map((m) => `${sign}::numeric * r.${m} as ${m}`).join(', ')}
       from ${S}.contribution r where r.tenant_id = new.tenant_id and r.sponsor_id = new.id`;
  return [
    plpgsql('contribution_totals_insert', applyDeltas(signedRows('new_rows', '1'))),
    plpgsql('contribution_totals_delete', applyDeltas(signedRows('old_rows', '-1'))),
    plpgsql('contribution_totals_update', applyDeltas(updateDelta)),
    plpgsql('contribution_totals_sponsor_kind', applyDeltas(`${kindDelta('1', 'new.kind')} union all ${kindDelta('-1', 'old.kind')}`)),
    `create trigger contribution_totals_insert after insert on ${S}.contribution
       referencing new table as new_rows for each statement execute function ${S}.contribution_totals_insert()`,
    `create trigger contribution_totals_delete after delete on ${S}.contribution
       referencing old table as old_rows for each statement execute function ${S}.contribution_totals_delete()`,
    `create trigger contribution_totals_update after update on ${S}.contribution
       referencing old table as old_rows new table as new_rows for each statement execute function ${S}.contribution_totals_update()`,
    `create trigger contribution_totals_sponsor_kind after update of kind on ${S}.sponsor
       for each row when (old.kind is distinct from new.kind) execute function ${S}.contribution_totals_sponsor_kind()`,
  ];
}

/** The rows a summary table must hold, computed from the raw rows (what `verify` compares with). */
export function expectedAggregateSql(source: AggregateSource, tenantPredicate = 'true'): string {
  const key = aggregateKey(source);
  const sums = ['row_count', 'n', ...MEASURES];
  return `select ${key.join(', ')}, ${sums.map((m) => `sum(${m}) as ${m}`).join(', ')}
            from (${signedRows(`${S}.contribution`, '1', tenantPredicate)}) d
           group by ${key.join(', ')}`;
}

/**
 * Differences between a summary table and the raw rows: rows missing, extra or with other figures
 * (empty when they are equal). Run under a tenant setting (or `app.read_all`) by `pnpm run aggregates`.
 */
export function aggregateDifferenceSql(source: AggregateSource, tenantPredicate = 'true'): string {
  const key = aggregateKey(source);
  const cols = [...key, 'row_count', 'n', ...MEASURES].join(', ');
  const actual = `select ${cols} from ${AGGREGATE_TABLES[source]} r where ${tenantPredicate}`;
  return `with e as (${expectedAggregateSql(source, tenantPredicate)}), a as (${actual})
          (select 'missing or different' as problem, * from (select ${cols} from e except all select ${cols} from a) x)
          union all
          (select 'extra or different' as problem, * from (select ${cols} from a except all select ${cols} from e) y)`;
}

/** Recomputes a summary table from the raw rows for the tenants `tenantPredicate` selects. */
export function rebuildAggregateSql(source: AggregateSource, tenantPredicate = 'true'): string[] {
  const key = aggregateKey(source);
  const sums = ['row_count', 'n', ...MEASURES];
  return [
    `delete from ${AGGREGATE_TABLES[source]} r where ${tenantPredicate}`,
    `insert into ${AGGREGATE_TABLES[source]} (${[...key, ...sums].join(', ')})
       select * from (${expectedAggregateSql(source, tenantPredicate)}) e order by ${key.join(', ')}`,
  ];
}

/**
 * Where `contributionTotals` reads a question from: a summary table when every filter and group-by
 * is one of its columns, else the raw rows. The raw rows answer what the tables cannot: a programme
 * filter, a commune's rolled-up figures (which depend on each twinning's successor), communes as on
 * a date, sponsor and commune together — and any caller narrowed beyond its tenant by a setting
 * the tables know nothing of (a unit scope, a tenant lineage: a non-empty `app.*` setting other
 * than the tenant's), so a new narrowing is safe before it is taught to the aggregates.
 */
export function aggregateSource(
  settings: Readonly<Record<string, string>>,
  filter: Readonly<Record<string, unknown>>,
  groupBy: ReadonlySet<string>,
  ownSponsorScope: boolean,
): AggregateSource | 'raw' {
  if (process.env.SPONSORS_TOTALS_SOURCE === 'raw') return 'raw';
  for (const [name, value] of Object.entries(settings)) {
    // '', 'off' and '{}' (an empty list) narrow nothing; any other value of an unknown setting does
    if (!KNOWN_SETTINGS.has(name) && !['', 'off', '{}'].includes(value)) return 'raw';
  }
  // a filter the tables know nothing of (a programme, a commune's roll-up, a range of days, any
  // field added later) is answered from the raw rows
  for (const [name, value] of Object.entries(filter)) if (value != null && !AGGREGATE_FILTERS.has(name)) return 'raw';
  if (groupBy.has('COMMUNE') && filter.communesAsOf != null) return 'raw';
  const needed = new Set<Dim>();
  if (groupBy.has('COMMUNE') || groupBy.has('DISTRICT') || filter.districtCode != null) needed.add('commune_id');
  if (groupBy.has('SPONSOR') || filter.sponsorId != null || ownSponsorScope) needed.add('sponsor_id');
  if (groupBy.has('CATEGORY') || filter.category != null) needed.add('category');
  if (groupBy.has('SPONSOR_KIND') || filter.sponsorKind != null) needed.add('sponsor_kind');
  for (const source of AGGREGATE_SOURCES) {
    const dims = new Set<Dim>(AGGREGATES[source].dims);
    if ([...needed].every((d) => dims.has(d))) return source;
  }
  return 'raw';
}

/** The filter fields a summary table can apply (its columns, or a district as a set of communes). */
const AGGREGATE_FILTERS = new Set(['year', 'yearFrom', 'yearTo', 'statuses', 'category', 'sponsorKind', 'sponsorId', 'districtCode', 'communesAsOf']);

/** The settings the summary tables' policies already apply (tenant, national read). */
const KNOWN_SETTINGS = new Set(['app.tenant_id', 'app.read_all']);
