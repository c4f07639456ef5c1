import { Migration } from '@mikro-orm/migrations';
import { dbRoles, tenantTableRls } from '@kn/platform';

const S = 'sponsors';

/**
 * Evidence files (docs/FILES.md): the file's facts, its bytes in chunks, and what it is attached to.
 * Tenant-owned like every table (row-level security forced). The chunks reference their file with a
 * DEFERRED key: an upload writes its chunks as they arrive and its file row last, once the bytes are
 * known good (size, type, SHA-256), all in one transaction — a refused upload leaves nothing.
 */
export class Migration20261207120000_files extends Migration {
  override async up(): Promise<void> {
    const sql = [
      `create table ${S}.stored_file (
        tenant_id text not null,
        id uuid not null,
        name text not null check (length(name) between 1 and 255),
        content_type text not null,
        extension text not null,
        size_bytes bigint not null check (size_bytes > 0),
        sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
        chunk_count int not null check (chunk_count > 0),
        sponsor_id uuid,
        uploaded_by text not null,
        uploaded_at timestamptz not null default now(),
        primary key (tenant_id, id)
      )`,
      ...tenantTableRls(S, 'stored_file'),
      // the sweep of uploads never attached reads by age
      `create index stored_file_by_age on ${S}.stored_file (tenant_id, uploaded_at)`,

      `create table ${S}.file_chunk (
        tenant_id text not null,
        file_id uuid not null,
        seq int not null check (seq >= 0),
        data bytea not null,
        primary key (tenant_id, file_id, seq),
        foreign key (tenant_id, file_id) references ${S}.stored_file (tenant_id, id) on delete cascade deferrable initially deferred
      )`,
      // PDF, JPEG, PNG, DOCX and XLSX are compressed already: store the chunks as they are, out of line
      `alter table ${S}.file_chunk alter column data set storage external`,
      ...tenantTableRls(S, 'file_chunk'),
      // a file's bytes never change: written once, deleted with their file
      `revoke update on ${S}.file_chunk from "${dbRoles(S).app}"`,

      `create table ${S}.file_attachment (
        tenant_id text not null,
        file_id uuid not null,
        target_kind text not null check (target_kind in ('NEEDS_PROPOSAL', 'YEARLY_PLAN', 'REPORT', 'CONTRIBUTION')),
        target_id uuid not null,
        -- whose the item is (its sponsor, its commune) when attached: a sponsor or a unit-scoped caller
        -- sees the files of the items it sees
        sponsor_id uuid,
        commune_id uuid,
        attached_by text not null,
        attached_at timestamptz not null default now(),
        primary key (tenant_id, file_id, target_kind, target_id),
        foreign key (tenant_id, file_id) references ${S}.stored_file (tenant_id, id)
      )`,
      ...tenantTableRls(S, 'file_attachment'),
      `create index file_attachment_by_target on ${S}.file_attachment (tenant_id, target_kind, target_id)`,
    ];
    for (const s of sql) this.addSql(s);
  }
}
