import { reviewItemExists, reviewTablesSql } from '@kn/platform';
import { Migration } from '@mikro-orm/migrations';

const S = 'evaluations';

/**
 * The reporting chain of reports (issue #14 §2, docs/WORKFLOW.md): each report's state — a scheduled
 * report not yet in is a DRAFT, one recorded as submitted before the chain existed is SUBMITTED — and
 * the chain's four tables, whose `unit_scope` policy follows the report.
 */
export class Migration20261207100100_review_chain extends Migration {
  override async up(): Promise<void> {
    const sql = [
      `alter table ${S}.report add column status text not null default 'DRAFT' check (status in ('DRAFT', 'SUBMITTED', 'RETURNED', 'ACCEPTED'))`,
      `update ${S}.report set status = 'SUBMITTED' where submitted_on is not null`,
      `alter table ${S}.report add constraint report_status_submitted check (status = 'DRAFT' or submitted_on is not null)`,
      `create index report_review_status on ${S}.report (tenant_id, status)`,
      ...reviewTablesSql(S, (table) => reviewItemExists(S, table, 'REPORT', 'report')),
    ];
    for (const s of sql) this.addSql(s);
  }
}
