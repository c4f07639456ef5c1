import { Migration } from '@mikro-orm/migrations';
import { tenantTableRls } from '@kn/platform';

const S = 'communes';

/**
 * Issue #18 §3: geography changes as audited data. A recorded change (merge, split, rename,
 * reclassification, transfer to another district) with its effective day, legal basis and
 * provenance; the succession links it made point at it.
 */
export class Migration20261207110000_unit_changes extends Migration {
  override async up(): Promise<void> {
    const sql = [
      `create table ${S}.unit_change (
        tenant_id text not null references ${S}.tenant (tenant_id),
        id uuid not null,
        kind text not null check (kind in ('MERGE', 'SPLIT', 'RENAME', 'RECLASSIFY', 'TRANSFER')),
        level text not null check (level in ('PROVINCE', 'DISTRICT', 'COMMUNE')),
        effective_on date not null,
        legal_basis text not null check (length(btrim(legal_basis)) between 1 and 500),
        provenance jsonb not null check (jsonb_typeof(provenance) = 'object'
          and provenance->>'kind' in ('DOCUMENT', 'INTERPRETATION', 'PROVINCE_SETTING', 'EXTERNAL', 'SYNTHETIC')),
        note text,
        recorded_by text not null,
        recorded_at timestamptz not null default now(),
        primary key (tenant_id, id)
      )`,
      `create index unit_change_effective on ${S}.unit_change (tenant_id, effective_on, id)`,
      ...tenantTableRls(S, 'unit_change'),
      `alter table ${S}.unit_succession add column change_id uuid,
         add constraint unit_succession_change foreign key (tenant_id, change_id) references ${S}.unit_change (tenant_id, id)`,
      `create index unit_succession_change on ${S}.unit_succession (tenant_id, change_id)`,
      // `communes(filter: { kind })`: the xã a plan counts
      `create index admin_unit_kind on ${S}.admin_unit (tenant_id, level, kind)`,
    ];
    for (const s of sql) this.addSql(s);
  }
}
