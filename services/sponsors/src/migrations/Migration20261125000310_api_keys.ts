import { Migration } from '@mikro-orm/migrations';
import { tenantTableRls } from '@kn/platform';

const S = 'sponsors';

export class Migration20261125000310_api_keys extends Migration {
  override async up(): Promise<void> {
    for (const sql of [
      `create table ${S}.api_key (
        tenant_id text not null,
        id uuid not null,
        sponsor_id uuid not null,
        name text not null check (length(name) between 1 and 200),
        secret_hash text not null check (secret_hash ~ '^[0-9a-f]{64}$'),
        created_at timestamptz not null default now(),
        created_by text not null,
        revoked_at timestamptz,
        revoked_by text,
        primary key (tenant_id, id),
        unique (tenant_id, secret_hash),
        foreign key (tenant_id, sponsor_id) references ${S}.sponsor (tenant_id, id)
      )`,
      `create index api_key_sponsor on ${S}.api_key (tenant_id, sponsor_id)`,
      ...tenantTableRls(S, 'api_key'),
    ]) {
      this.addSql(sql);
    }
  }
}
