import { Migration } from '@mikro-orm/migrations';
import { auditTableSql, dbRoles, tenantTableRls } from '@kn/platform';

const S = 'sponsors';

const SPONSOR_KINDS = `'PROVINCIAL_AGENCY', 'DISTRICT', 'ENTERPRISE', 'ECONOMIC_GROUP', 'ARMED_FORCES', 'MASS_ORGANISATION', 'OTHER'`;
const CATEGORIES = `'ECONOMIC_DEVELOPMENT', 'INFRASTRUCTURE', 'EDUCATION', 'HEALTH', 'CULTURE', 'SOCIAL_SECURITY',
  'POLITICAL_SYSTEM_TRAINING', 'PROPAGANDA', 'GIFTS', 'OTHER'`;
const MODEL_KINDS = `'HOUSEHOLD_GROUP', 'CLUB', 'COOPERATIVE_GROUP', 'COOPERATIVE'`;

/**
 * The sponsors subgraph's tables. Every table is tenant-owned: `tenant_id` first in the primary key,
 * in every foreign key and in every index; row-level security forced. Ids of other subgraphs'
 * entities (communes, districts, programmes) are plain uuids: this schema never references theirs.
 */
export class Migration20261125000300_init extends Migration {
  override async up(): Promise<void> {
    const sql = [
      // --- deadlines of the yearly cycle, per tenant, as data (Quảng Nam 1100/QĐ-UBND: 28/02, 31/03)
      `create table ${S}.cycle_deadline (
        tenant_id text not null,
        step text not null check (step in ('NEEDS_PROPOSAL', 'YEARLY_PLAN')),
        month smallint not null check (month between 1 and 12),
        day smallint not null check (day between 1 and 31),
        source text,
        version int not null default 1,
        updated_at timestamptz not null default now(),
        primary key (tenant_id, step)
      )`,
      ...tenantTableRls(S, 'cycle_deadline'),

      // --- sponsors
      `create table ${S}.sponsor (
        tenant_id text not null,
        id uuid not null,
        code text not null check (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$'),
        name text not null check (length(name) between 1 and 300),
        search_key text not null,
        kind text not null check (kind in (${SPONSOR_KINDS})),
        staff_count int check (staff_count >= 0),
        lowland boolean not null default false,
        inside_province boolean not null default true,
        district_id uuid,
        contact_name text,
        contact_phone text,
        contact_email text,
        version int not null default 1,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (tenant_id, id),
        unique (tenant_id, code),
        check (not lowland or kind = 'DISTRICT')
      )`,
      `create index sponsor_kind on ${S}.sponsor (tenant_id, kind, code)`,
      `create index sponsor_search on ${S}.sponsor (tenant_id, search_key)`,
      ...tenantTableRls(S, 'sponsor'),

      // --- twinnings: sponsor × commune under a programme, for a period
      `create table ${S}.twinning (
        tenant_id text not null,
        id uuid not null,
        code text not null check (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$'),
        sponsor_id uuid not null,
        commune_id uuid not null,
        program_id uuid not null,
        signed_on date,
        starts_on date not null,
        ends_on date,
        status text not null check (status in ('PROPOSED', 'ACTIVE', 'SUSPENDED', 'ENDED')),
        successor_commune_id uuid,
        note text,
        version int not null default 1,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (tenant_id, id),
        unique (tenant_id, code),
        -- the target of contribution's foreign key: a contribution's sponsor, commune and programme
        -- are always those of its twinning
        unique (tenant_id, id, sponsor_id, commune_id, program_id),
        foreign key (tenant_id, sponsor_id) references ${S}.sponsor (tenant_id, id),
        check (ends_on is null or ends_on >= starts_on),
        check (status <> 'ENDED' or ends_on is not null),
        check (successor_commune_id is null or successor_commune_id <> commune_id)
      )`,
      `create index twinning_sponsor on ${S}.twinning (tenant_id, sponsor_id, starts_on)`,
      `create index twinning_commune on ${S}.twinning (tenant_id, commune_id, starts_on)`,
      `create index twinning_program on ${S}.twinning (tenant_id, program_id, starts_on)`,
      `create index twinning_status on ${S}.twinning (tenant_id, status, starts_on)`,
      `create index twinning_successor on ${S}.twinning (tenant_id, successor_commune_id) where successor_commune_id is not null`,
      ...tenantTableRls(S, 'twinning'),

      // --- the yearly cycle: the commune's needs proposal, the plan both sides sign
      `create table ${S}.needs_proposal (
        tenant_id text not null,
        id uuid not null,
        twinning_id uuid not null,
        year smallint not null check (year between 2000 and 2100),
        submitted_on date not null,
        deadline date,
        on_time boolean,
        note text,
        version int not null default 1,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (tenant_id, id),
        unique (tenant_id, twinning_id, year),
        foreign key (tenant_id, twinning_id) references ${S}.twinning (tenant_id, id),
        check ((deadline is null) = (on_time is null))
      )`,
      `create index needs_proposal_year on ${S}.needs_proposal (tenant_id, year, on_time)`,
      ...tenantTableRls(S, 'needs_proposal'),

      `create table ${S}.needs_item (
        tenant_id text not null,
        id uuid not null,
        proposal_id uuid not null,
        position int not null check (position >= 0),
        category text not null check (category in (${CATEGORIES})),
        description text not null,
        estimated_cost_vnd bigint not null check (estimated_cost_vnd >= 0),
        primary key (tenant_id, id),
        foreign key (tenant_id, proposal_id) references ${S}.needs_proposal (tenant_id, id) on delete cascade
      )`,
      `create index needs_item_proposal on ${S}.needs_item (tenant_id, proposal_id, position)`,
      ...tenantTableRls(S, 'needs_item'),

      `create table ${S}.yearly_plan (
        tenant_id text not null,
        id uuid not null,
        twinning_id uuid not null,
        year smallint not null check (year between 2000 and 2100),
        signed_on date not null,
        deadline date,
        on_time boolean,
        note text,
        version int not null default 1,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (tenant_id, id),
        unique (tenant_id, twinning_id, year),
        foreign key (tenant_id, twinning_id) references ${S}.twinning (tenant_id, id),
        check ((deadline is null) = (on_time is null))
      )`,
      `create index yearly_plan_year on ${S}.yearly_plan (tenant_id, year, on_time)`,
      ...tenantTableRls(S, 'yearly_plan'),

      `create table ${S}.plan_item (
        tenant_id text not null,
        id uuid not null,
        plan_id uuid not null,
        position int not null check (position >= 0),
        content text not null,
        place text,
        beneficiaries text,
        funding_vnd bigint not null check (funding_vnd >= 0),
        schedule text,
        primary key (tenant_id, id),
        foreign key (tenant_id, plan_id) references ${S}.yearly_plan (tenant_id, id) on delete cascade
      )`,
      `create index plan_item_plan on ${S}.plan_item (tenant_id, plan_id, position)`,
      ...tenantTableRls(S, 'plan_item'),

      // --- imports: one row per accepted file or batch of rows
      `create table ${S}.import_batch (
        tenant_id text not null,
        id uuid not null,
        source text not null,
        content_hash text not null,
        row_count int not null,
        created_by text not null,
        created_at timestamptz not null default now(),
        primary key (tenant_id, id),
        unique (tenant_id, content_hash)
      )`,
      ...tenantTableRls(S, 'import_batch'),

      // --- contributions: what was given. Never edited once VERIFIED: a reversal (negated copy
      // linked by reverses_id) corrects it.
      `create table ${S}.contribution (
        tenant_id text not null,
        id uuid not null,
        twinning_id uuid not null,
        sponsor_id uuid not null,
        commune_id uuid not null,
        program_id uuid not null,
        contributed_on date not null,
        year smallint generated always as (extract(year from contributed_on)::smallint) stored,
        category text not null check (category in (${CATEGORIES})),
        description text not null,
        cash_vnd bigint not null,
        in_kind_vnd bigint not null,
        poor_households_helped int not null,
        models_built int not null,
        model_kind text check (model_kind in (${MODEL_KINDS})),
        people_trained int not null,
        beneficiaries int not null,
        status text not null check (status in ('PLANNED', 'DONE', 'VERIFIED')),
        reverses_id uuid,
        reversal_reason text,
        import_batch_id uuid,
        created_by text not null,
        version int not null default 1,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (tenant_id, id),
        foreign key (tenant_id, twinning_id, sponsor_id, commune_id, program_id)
          references ${S}.twinning (tenant_id, id, sponsor_id, commune_id, program_id),
        foreign key (tenant_id, reverses_id) references ${S}.contribution (tenant_id, id),
        foreign key (tenant_id, import_batch_id) references ${S}.import_batch (tenant_id, id),
        check (
          (reverses_id is null and reversal_reason is null
            and cash_vnd >= 0 and in_kind_vnd >= 0 and poor_households_helped >= 0 and models_built >= 0
            and people_trained >= 0 and beneficiaries >= 0)
          or
          (reverses_id is not null and reversal_reason is not null and status = 'VERIFIED'
            and cash_vnd <= 0 and in_kind_vnd <= 0 and poor_households_helped <= 0 and models_built <= 0
            and people_trained <= 0 and beneficiaries <= 0)
        ),
        check (models_built = 0 or model_kind is not null)
      )`,
      // one reversal per contribution at most
      `create unique index contribution_reverses on ${S}.contribution (tenant_id, reverses_id) where reverses_id is not null`,
      // every filter and group-by of contributionTotals and the lists, tenant first
      `create index contribution_year on ${S}.contribution (tenant_id, year, category)`,
      `create index contribution_category on ${S}.contribution (tenant_id, category, year)`,
      `create index contribution_sponsor on ${S}.contribution (tenant_id, sponsor_id, year)`,
      `create index contribution_commune on ${S}.contribution (tenant_id, commune_id, year)`,
      `create index contribution_program on ${S}.contribution (tenant_id, program_id, year)`,
      `create index contribution_twinning on ${S}.contribution (tenant_id, twinning_id, contributed_on)`,
      `create index contribution_batch on ${S}.contribution (tenant_id, import_batch_id) where import_batch_id is not null`,
      ...tenantTableRls(S, 'contribution'),
      // the database's own belt: a VERIFIED row is final (the service refuses first, with a code)
      `create function ${S}.refuse_verified_edit() returns trigger language plpgsql as $$
       begin
         if old.status = 'VERIFIED' then
           raise exception 'contribution % is verified: it is corrected by a reversal, never edited', old.id
             using errcode = 'check_violation';
         end if;
         return case when tg_op = 'DELETE' then old else new end;
       end $$`,
      `create trigger contribution_verified_is_final before update or delete on ${S}.contribution
         for each row execute function ${S}.refuse_verified_edit()`,
      // contributions, imports and idempotency records are never deleted by the service
      `revoke delete, truncate on ${S}.contribution, ${S}.import_batch from "${dbRoles(S).app}"`,

      // --- idempotency of partner writes: (scope, key) → hash of the canonical payload and result
      `create table ${S}.idempotency_key (
        tenant_id text not null,
        operation text not null,
        scope text not null,
        key text not null check (length(key) between 1 and 200),
        payload_hash text not null check (payload_hash ~ '^[0-9a-f]{64}$'),
        contribution_id uuid not null,
        created_by text not null,
        created_at timestamptz not null default now(),
        primary key (tenant_id, operation, scope, key),
        foreign key (tenant_id, contribution_id) references ${S}.contribution (tenant_id, id)
      )`,
      ...tenantTableRls(S, 'idempotency_key'),
      `revoke update, delete, truncate on ${S}.idempotency_key from "${dbRoles(S).app}"`,

      ...auditTableSql(S, dbRoles(S).app),

      `create table ${S}.seed_log (name text primary key, applied_at timestamptz not null default now())`,
      `revoke all on ${S}.seed_log from "${dbRoles(S).app}"`,
    ];
    for (const s of sql) this.addSql(s);
  }
}
