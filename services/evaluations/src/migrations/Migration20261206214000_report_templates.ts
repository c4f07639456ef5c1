import { Migration } from '@mikro-orm/migrations';
import { dbRoles, tenantTableRls } from '@kn/platform';

const S = 'evaluations';
const APP = dbRoles(S).app;

/**
 * Report templates (issue #15): per tenant and programme, versioned like rule sets — a version is
 * never updated or deleted by the service role; publishing makes a new one.
 */
export class Migration20261206214000_report_templates extends Migration {
  override async up(): Promise<void> {
    for (const sql of [
      `create table ${S}.report_template (
        tenant_id text not null,
        id uuid not null,
        program_id uuid not null,
        code text not null check (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$'),
        version int not null check (version > 0),
        title text not null,
        definition jsonb not null check (jsonb_typeof(definition) = 'object'),
        note text,
        created_by text not null,
        created_at timestamptz not null default now(),
        primary key (tenant_id, id),
        unique (tenant_id, code, version)
      )`,
      `create index report_template_by_program on ${S}.report_template (tenant_id, program_id, code, version)`,
      ...tenantTableRls(S, 'report_template'),
      `revoke update, delete, truncate on ${S}.report_template from "${APP}"`,
    ]) {
      this.addSql(sql);
    }
  }
}
