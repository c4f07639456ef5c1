import { Migration } from '@mikro-orm/migrations';
import { auditTableSql, dbRoles, tenantTableRls } from '@kn/platform';

const S = 'programs';

const KINDS = `'TWINNING', 'NEW_RURAL_DEVELOPMENT', 'POVERTY_REDUCTION', 'BORDER_ECONOMY', 'OTHER'`;
const UNITS = `'HOUSEHOLDS', 'COMMUNES', 'CRITERIA', 'PERCENT', 'VND', 'MODELS', 'PEOPLE', 'ORGANISATIONS', 'FACILITIES', 'KILOMETRES', 'HECTARES'`;
const SOURCES = `'CENTRAL_BUDGET', 'LOCAL_BUDGET', 'INTEGRATED_PROGRAMMES', 'ENTERPRISES', 'CREDIT', 'COMMUNITY', 'OTHER'`;

/**
 * The programs schema. Every table is tenant-owned: `tenant_id` first in the primary key and in
 * every foreign key, row-level security forced. Exact values: `numeric` for target values, `bigint`
 * đồng for money, `date` for days. Communes are ids of the communes subgraph (no foreign key across
 * schemas: that subgraph owns them).
 */
export class Migration20261125000200_programs extends Migration {
  override async up(): Promise<void> {
    const sql = [
      `create table ${S}.program (
        tenant_id text not null,
        id uuid not null,
        code text not null check (code ~ '^[A-Z0-9][A-Z0-9./-]{1,39}$'),
        title text not null check (length(btrim(title)) > 0),
        title_en text,
        kind text not null check (kind in (${KINDS})),
        status text not null check (status in ('DRAFT', 'ISSUED', 'CLOSED', 'CANCELLED')),
        document_number text,
        issued_on date,
        issuer text,
        signer text,
        signer_title text,
        start_year int not null check (start_year between 1945 and 2100),
        end_year int check (end_year between 1945 and 2100),
        objectives text[] not null default '{}',
        provisions jsonb not null default '[]' check (jsonb_typeof(provisions) = 'array'),
        source_note text,
        search_key text not null,
        version int not null default 1 check (version > 0),
        primary key (tenant_id, id),
        unique (tenant_id, code),
        check (end_year is null or end_year >= start_year)
      )`,
      `create index program_kind on ${S}.program (tenant_id, kind, code)`,
      `create index program_period on ${S}.program (tenant_id, start_year, end_year)`,
      ...tenantTableRls(S, 'program'),

      `create table ${S}.covered_commune (
        tenant_id text not null,
        program_id uuid not null,
        commune_id uuid not null,
        primary key (tenant_id, program_id, commune_id),
        foreign key (tenant_id, program_id) references ${S}.program (tenant_id, id)
      )`,
      `create index covered_commune_by_commune on ${S}.covered_commune (tenant_id, commune_id)`,
      ...tenantTableRls(S, 'covered_commune'),

      `create table ${S}.indicator (
        tenant_id text not null,
        id uuid not null,
        code text not null check (code ~ '^[A-Z][A-Z0-9_]{1,59}$'),
        name text not null check (length(btrim(name)) > 0),
        name_en text,
        unit text not null check (unit in (${UNITS})),
        higher_is_better boolean,
        search_key text not null,
        version int not null default 1 check (version > 0),
        primary key (tenant_id, id),
        unique (tenant_id, code)
      )`,
      ...tenantTableRls(S, 'indicator'),

      `create table ${S}.target (
        tenant_id text not null,
        id uuid not null,
        program_id uuid not null,
        indicator_id uuid not null,
        start_year int not null,
        end_year int not null,
        yearly boolean not null default false,
        comparison text check (comparison in ('AT_LEAST', 'AT_MOST', 'EXACTLY', 'ABOUT', 'BETWEEN')),
        target_value numeric check (target_value >= 0),
        target_value_max numeric,
        target_amount bigint check (target_amount >= 0),
        target_amount_max bigint,
        out_of numeric check (out_of >= 0),
        baseline numeric check (baseline >= 0),
        baseline_amount bigint check (baseline_amount >= 0),
        baseline_year int,
        scope_kind text not null
          check (scope_kind in ('PROVINCE', 'DISTRICT_GROUP', 'COMMUNE_GROUP', 'DISTRICT_AND_COMMUNE_GROUP', 'SPONSOR_KIND')),
        scope_group text check (scope_group ~ '^[A-Z][A-Z0-9_]{1,59}$'),
        scope_label text not null,
        scope_size int check (scope_size > 0),
        note text,
        position int not null,
        version int not null default 1 check (version > 0),
        primary key (tenant_id, id),
        foreign key (tenant_id, program_id) references ${S}.program (tenant_id, id),
        foreign key (tenant_id, indicator_id) references ${S}.indicator (tenant_id, id),
        check (end_year >= start_year),
        check (target_value is null or target_amount is null),
        check (target_value_max is null or target_value_max >= target_value),
        check (target_amount_max is null or target_amount_max >= target_amount),
        check ((scope_kind = 'PROVINCE') = (scope_group is null)),
        check ((comparison = 'BETWEEN') = (target_value_max is not null or target_amount_max is not null))
      )`,
      `create index target_by_program on ${S}.target (tenant_id, program_id, position)`,
      `create index target_by_indicator on ${S}.target (tenant_id, indicator_id)`,
      ...tenantTableRls(S, 'target'),

      `create table ${S}.task (
        tenant_id text not null,
        id uuid not null,
        program_id uuid not null,
        title text not null check (length(btrim(title)) > 0),
        lead_agency text not null check (length(btrim(lead_agency)) > 0),
        coordinating_agencies text[] not null default '{}',
        directing_body text,
        due_kind text check (due_kind in ('DATE', 'RULE', 'ONGOING', 'AS_NEEDED')),
        due_date date,
        due_months smallint[] not null default '{}' check (due_months <@ '{1,2,3,4,5,6,7,8,9,10,11,12}'),
        due_quarters smallint[] not null default '{}' check (due_quarters <@ '{1,2,3,4}'),
        due_day smallint check (due_day between 1 and 31),
        due_by boolean not null default false,
        due_year int,
        due_interval_months smallint check (due_interval_months in (1, 2, 3, 4, 6, 12)),
        due_wording text,
        status text not null check (status in ('PLANNED', 'IN_PROGRESS', 'DONE', 'CANCELLED')),
        reference text,
        position int not null,
        version int not null default 1 check (version > 0),
        primary key (tenant_id, id),
        foreign key (tenant_id, program_id) references ${S}.program (tenant_id, id),
        check ((due_kind = 'DATE') = (due_date is not null)),
        check (due_kind = 'RULE' or (due_months = '{}' and due_quarters = '{}' and due_day is null
                                     and due_year is null and due_interval_months is null and not due_by))
      )`,
      `create index task_by_program on ${S}.task (tenant_id, program_id, position)`,
      ...tenantTableRls(S, 'task'),

      `create table ${S}.funding_line (
        tenant_id text not null,
        id uuid not null,
        program_id uuid not null,
        source text not null check (source in (${SOURCES})),
        amount bigint not null check (amount >= 0),
        year int,
        note text,
        position int not null,
        version int not null default 1 check (version > 0),
        primary key (tenant_id, id),
        foreign key (tenant_id, program_id) references ${S}.program (tenant_id, id)
      )`,
      `create index funding_line_by_program on ${S}.funding_line (tenant_id, program_id, position)`,
      ...tenantTableRls(S, 'funding_line'),

      ...auditTableSql(S, dbRoles(S).app),

      `create table ${S}.seed_log (name text primary key, applied_at timestamptz not null default now())`,
      `revoke all on ${S}.seed_log from "${dbRoles(S).app}"`,
    ];
    for (const s of sql) this.addSql(s);
  }
}
