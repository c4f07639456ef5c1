import { Migration } from '@mikro-orm/migrations';
import { auditTableSql, dbRoles, tenantTableRls } from '@kn/platform';

const S = 'communes';

export class Migration20261125000100_init extends Migration {
  override async up(): Promise<void> {
    const sql = [
      `create table ${S}.tenant (
        tenant_id text primary key check (tenant_id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
        name text not null,
        province_codes text[] not null default '{}'
      )`,
      ...tenantTableRls(S, 'tenant'),

      `create table ${S}.admin_unit (
        tenant_id text not null references ${S}.tenant (tenant_id),
        id uuid not null,
        level text not null check (level in ('PROVINCE', 'DISTRICT', 'COMMUNE')),
        code text not null check (code ~ '^[0-9]{2,5}$'),
        name text not null,
        full_name text not null,
        kind text not null,
        parent_id uuid,
        province_id uuid,
        valid_from date,
        valid_to date,
        search_key text not null,
        primary key (tenant_id, id),
        foreign key (tenant_id, parent_id) references ${S}.admin_unit (tenant_id, id),
        foreign key (tenant_id, province_id) references ${S}.admin_unit (tenant_id, id),
        check (valid_to is null or valid_from is null or valid_to >= valid_from)
      )`,
      `create index admin_unit_level_code on ${S}.admin_unit (tenant_id, level, code)`,
      `create index admin_unit_parent on ${S}.admin_unit (tenant_id, parent_id)`,
      `create index admin_unit_province on ${S}.admin_unit (tenant_id, province_id, level)`,
      ...tenantTableRls(S, 'admin_unit'),

      `create table ${S}.unit_succession (
        tenant_id text not null,
        predecessor_id uuid not null,
        successor_id uuid not null,
        kind text not null check (kind in ('MERGE', 'SPLIT')),
        primary key (tenant_id, predecessor_id, successor_id),
        foreign key (tenant_id, predecessor_id) references ${S}.admin_unit (tenant_id, id),
        foreign key (tenant_id, successor_id) references ${S}.admin_unit (tenant_id, id)
      )`,
      `create index unit_succession_successor on ${S}.unit_succession (tenant_id, successor_id)`,
      ...tenantTableRls(S, 'unit_succession'),

      `create table ${S}.unit_classification (
        tenant_id text not null,
        unit_id uuid not null,
        classification text not null
          check (classification in ('BORDER', 'ETHNIC_MINORITY_MOUNTAINOUS', 'EXTREMELY_DIFFICULT', 'LOWLAND')),
        source text,
        primary key (tenant_id, unit_id, classification),
        foreign key (tenant_id, unit_id) references ${S}.admin_unit (tenant_id, id)
      )`,
      `create index unit_classification_by_class on ${S}.unit_classification (tenant_id, classification)`,
      ...tenantTableRls(S, 'unit_classification'),

      ...auditTableSql(S, dbRoles(S).app),

      `create table ${S}.seed_log (name text primary key, applied_at timestamptz not null default now())`,
      `revoke all on ${S}.seed_log from "${dbRoles(S).app}"`,
    ];
    for (const s of sql) this.addSql(s);
  }
}
