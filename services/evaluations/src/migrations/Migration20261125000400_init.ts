import { Migration } from '@mikro-orm/migrations';
import { auditTableSql, dbRoles, tenantTableRls } from '@kn/platform';

const S = 'evaluations';
const APP = dbRoles(S).app;

const REPORT_KINDS = `'SEMIANNUAL', 'ANNUAL', 'YEAR_END_ASSESSMENT', 'NEEDS_PROPOSAL', 'PLAN'`;
const REPORTER_KINDS = `'SPONSOR', 'DISTRICT', 'COMMUNE'`;
const GRADES = `'EXCELLENT', 'GOOD', 'FAIR', 'AVERAGE', 'WEAK'`;

/**
 * The evaluations schema. Every table is tenant-owned: `tenant_id` first in the primary key, in every
 * foreign key and in every index; row-level security forced. Sponsors, communes, districts and
 * programmes are ids of the subgraphs that own them (no foreign key across schemas).
 *
 * What is frozen stays frozen in the database too: rule-set versions are never updated or deleted by
 * the service role; an APPROVED evaluation run and every sponsor evaluation are never updated (a
 * trigger refuses it) nor deleted (not granted).
 */
export class Migration20261125000400_init extends Migration {
  override async up(): Promise<void> {
    const sql = [
      // --- rule sets: per tenant and programme, versioned, JSON validated by the rule language
      `create table ${S}.rule_set (
        tenant_id text not null,
        id uuid not null,
        program_id uuid not null,
        version int not null check (version > 0),
        code text not null check (length(code) between 1 and 100),
        title_vi text not null,
        title_en text not null,
        definition jsonb not null check (jsonb_typeof(definition) = 'object'),
        note text,
        created_by text not null,
        created_at timestamptz not null default now(),
        primary key (tenant_id, id),
        unique (tenant_id, program_id, version)
      )`,
      ...tenantTableRls(S, 'rule_set'),
      `revoke update, delete, truncate on ${S}.rule_set from "${APP}"`,

      // --- calendar rules: which reports a programme asks for, from whom, due when (data per tenant)
      `create table ${S}.report_calendar_rule (
        tenant_id text not null,
        id uuid not null,
        program_id uuid not null,
        code text not null check (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$'),
        kind text not null check (kind in (${REPORT_KINDS})),
        reporter_kind text not null check (reporter_kind in (${REPORTER_KINDS})),
        reporters text not null check (reporters in ('PROGRAM_SPONSORS', 'TWINNED_COMMUNES', 'CLASSIFIED_COMMUNES_DISTRICTS', 'NAMED')),
        classification text check (classification in ('BORDER', 'ETHNIC_MINORITY_MOUNTAINOUS', 'EXTREMELY_DIFFICULT', 'LOWLAND')),
        reporter_ids uuid[] not null default '{}',
        periodicity text not null check (periodicity in ('YEAR', 'HALF_YEAR', 'QUARTER')),
        due_month smallint check (due_month between 1 and 12),
        due_day smallint check (due_day between 1 and 31),
        due_year_offset smallint not null default 0 check (due_year_offset between 0 and 1),
        due_days_after_period smallint check (due_days_after_period between 0 and 366),
        first_year smallint not null check (first_year between 2000 and 2100),
        last_year smallint check (last_year between 2000 and 2100),
        title_vi text not null,
        title_en text not null,
        source text not null,
        version int not null default 1 check (version > 0),
        updated_at timestamptz not null default now(),
        primary key (tenant_id, id),
        unique (tenant_id, code),
        check (last_year is null or last_year >= first_year),
        -- a fixed day of the year (yearly reports) or a number of days after the period, never both
        check ((due_month is not null and due_day is not null and due_days_after_period is null and periodicity = 'YEAR')
            or (due_month is null and due_day is null and due_days_after_period is not null)),
        check ((reporters = 'CLASSIFIED_COMMUNES_DISTRICTS') = (classification is not null)),
        check (reporters <> 'NAMED' or cardinality(reporter_ids) > 0),
        check (reporters <> 'PROGRAM_SPONSORS' or reporter_kind = 'SPONSOR'),
        check (reporters <> 'TWINNED_COMMUNES' or reporter_kind = 'COMMUNE'),
        check (reporters <> 'CLASSIFIED_COMMUNES_DISTRICTS' or reporter_kind = 'DISTRICT')
      )`,
      `create index report_calendar_rule_program on ${S}.report_calendar_rule (tenant_id, program_id, code)`,
      ...tenantTableRls(S, 'report_calendar_rule'),

      // --- reports: one expected report (kind, reporter, programme, period), its due date as computed
      // when it was scheduled (a rule changed later does not rewrite it), and when it came in.
      // Status is never stored: it is derived against a date.
      `create table ${S}.report (
        tenant_id text not null,
        id uuid not null,
        program_id uuid not null,
        kind text not null check (kind in (${REPORT_KINDS})),
        reporter_kind text not null check (reporter_kind in (${REPORTER_KINDS})),
        reporter_id uuid not null,
        period_start date not null,
        period_end date not null,
        due_on date not null,
        calendar_rule_id uuid,
        submitted_on date,
        recorded_by text,
        note text,
        version int not null default 1 check (version > 0),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (tenant_id, id),
        unique (tenant_id, program_id, kind, reporter_kind, reporter_id, period_start),
        foreign key (tenant_id, calendar_rule_id) references ${S}.report_calendar_rule (tenant_id, id),
        check (period_end >= period_start),
        check (due_on >= period_start)
      )`,
      `create index report_due on ${S}.report (tenant_id, due_on)`,
      `create index report_period on ${S}.report (tenant_id, period_start, kind)`,
      `create index report_reporter on ${S}.report (tenant_id, reporter_id, period_start)`,
      `create index report_program on ${S}.report (tenant_id, program_id, period_start)`,
      ...tenantTableRls(S, 'report'),
      `revoke delete, truncate on ${S}.report from "${APP}"`,

      // --- NTM criteria sets as data: 2016–2020 (19), 2021–2025 (19), 2026–2030 (10)
      `create table ${S}.criteria_set (
        tenant_id text not null,
        code text not null check (code ~ '^[A-Z0-9][A-Z0-9-]{0,39}$'),
        title_vi text not null,
        title_en text not null,
        decision text not null,
        first_year smallint not null check (first_year between 2000 and 2100),
        last_year smallint check (last_year between 2000 and 2100),
        criteria_count smallint not null check (criteria_count between 1 and 50),
        version int not null default 1 check (version > 0),
        primary key (tenant_id, code),
        check (last_year is null or last_year >= first_year)
      )`,
      `create index criteria_set_years on ${S}.criteria_set (tenant_id, first_year)`,
      ...tenantTableRls(S, 'criteria_set'),

      `create table ${S}.criterion (
        tenant_id text not null,
        set_code text not null,
        number smallint not null check (number between 1 and 50),
        name_vi text not null check (length(btrim(name_vi)) > 0),
        name_en text not null check (length(btrim(name_en)) > 0),
        primary key (tenant_id, set_code, number),
        foreign key (tenant_id, set_code) references ${S}.criteria_set (tenant_id, code) on delete cascade
      )`,
      ...tenantTableRls(S, 'criterion'),

      // --- a commune's measurements of a year (as the commune stood on 31/12 of the year)
      `create table ${S}.commune_measurement (
        tenant_id text not null,
        id uuid not null,
        commune_id uuid not null,
        year smallint not null check (year between 2000 and 2100),
        criteria_set_code text,
        criteria_met jsonb,
        criteria_met_count smallint generated always as (case when criteria_met is null then null else jsonb_array_length(criteria_met) end) stored,
        ntm_certified boolean not null default false,
        households int not null check (households >= 0),
        poor_households int not null check (poor_households >= 0),
        near_poor_households int not null check (near_poor_households >= 0),
        source text not null,
        synthetic boolean not null default false,
        version int not null default 1 check (version > 0),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (tenant_id, id),
        unique (tenant_id, commune_id, year),
        foreign key (tenant_id, criteria_set_code) references ${S}.criteria_set (tenant_id, code),
        check (poor_households + near_poor_households <= households),
        check ((criteria_set_code is null) = (criteria_met is null)),
        check (criteria_met is null or jsonb_typeof(criteria_met) = 'array')
      )`,
      `create index commune_measurement_year on ${S}.commune_measurement (tenant_id, year, criteria_met_count)`,
      ...tenantTableRls(S, 'commune_measurement'),
      `revoke delete, truncate on ${S}.commune_measurement from "${APP}"`,

      // --- evaluations: a run per (programme, year) computation; DRAFT until an admin approves it
      `create table ${S}.evaluation_run (
        tenant_id text not null,
        id uuid not null,
        program_id uuid not null,
        year smallint not null check (year between 2000 and 2100),
        rule_set_id uuid not null,
        rule_set_version int not null,
        status text not null check (status in ('DRAFT', 'APPROVED', 'SUPERSEDED')),
        facts_as_of date not null,
        computed_at timestamptz not null default now(),
        computed_by text not null,
        approved_at timestamptz,
        approved_by text,
        primary key (tenant_id, id),
        foreign key (tenant_id, rule_set_id) references ${S}.rule_set (tenant_id, id),
        check ((status = 'APPROVED') = (approved_at is not null)),
        check ((approved_at is null) = (approved_by is null))
      )`,
      // one draft at a time per programme and year (a new evaluation supersedes the draft)
      `create unique index evaluation_run_draft on ${S}.evaluation_run (tenant_id, program_id, year) where status = 'DRAFT'`,
      `create index evaluation_run_program on ${S}.evaluation_run (tenant_id, program_id, year, computed_at desc)`,
      `create index evaluation_run_year on ${S}.evaluation_run (tenant_id, year, status)`,
      ...tenantTableRls(S, 'evaluation_run'),

      `create table ${S}.sponsor_evaluation (
        tenant_id text not null,
        id uuid not null,
        run_id uuid not null,
        sponsor_id uuid not null,
        grade text check (grade in (${GRADES})),
        rules jsonb not null check (jsonb_typeof(rules) = 'array'),
        facts jsonb not null check (jsonb_typeof(facts) = 'object'),
        capped_by text[] not null default '{}',
        summary_vi text not null,
        summary_en text not null,
        primary key (tenant_id, id),
        unique (tenant_id, run_id, sponsor_id),
        foreign key (tenant_id, run_id) references ${S}.evaluation_run (tenant_id, id)
      )`,
      `create index sponsor_evaluation_sponsor on ${S}.sponsor_evaluation (tenant_id, sponsor_id, run_id)`,
      ...tenantTableRls(S, 'sponsor_evaluation'),
      `revoke update, delete, truncate on ${S}.sponsor_evaluation, ${S}.evaluation_run from "${APP}"`,
      `grant update (status, approved_at, approved_by) on ${S}.evaluation_run to "${APP}"`,
      // the database's own belt: an approved run is final; a run only moves DRAFT → APPROVED or SUPERSEDED
      `create function ${S}.refuse_frozen_run() returns trigger language plpgsql as $$
       begin
         if old.status <> 'DRAFT' then
           raise exception 'evaluation run % is %: it is frozen', old.id, old.status using errcode = 'check_violation';
         end if;
         if new.program_id <> old.program_id or new.year <> old.year or new.rule_set_id <> old.rule_set_id
            or new.rule_set_version <> old.rule_set_version or new.facts_as_of <> old.facts_as_of then
           raise exception 'evaluation run %: only its status changes', old.id using errcode = 'check_violation';
         end if;
         return new;
       end $$`,
      `create trigger evaluation_run_frozen before update on ${S}.evaluation_run
         for each row execute function ${S}.refuse_frozen_run()`,

      ...auditTableSql(S, APP),

      `create table ${S}.seed_log (name text primary key, applied_at timestamptz not null default now())`,
      `revoke all on ${S}.seed_log from "${APP}"`,
    ];
    for (const s of sql) this.addSql(s);
  }
}
