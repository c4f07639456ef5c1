import { reviewItemExists, reviewTablesSql } from '@kn/platform';
import { Migration } from '@mikro-orm/migrations';

const S = 'sponsors';

/**
 * The reporting chain of needs proposals and yearly plans (issue #14 §2, docs/WORKFLOW.md): each
 * document's state, and the chain's four tables (steps per programme, transitions, versions sent,
 * comments) with the tenant policies and a `unit_scope` policy that follows the document. Documents
 * recorded before the chain existed were recorded as sent: SUBMITTED.
 */
export class Migration20261207100000_review_chain extends Migration {
  override async up(): Promise<void> {
    const visible = (table: string) =>
      `${reviewItemExists(S, table, 'NEEDS_PROPOSAL', 'needs_proposal')} or ${reviewItemExists(S, table, 'YEARLY_PLAN', 'yearly_plan')}`;
    const sql = [
      ...['needs_proposal', 'yearly_plan'].map(
        (t) =>
          `alter table ${S}.${t} add column status text not null default 'SUBMITTED' check (status in ('DRAFT', 'SUBMITTED', 'RETURNED', 'ACCEPTED'))`,
      ),
      `create index needs_proposal_status on ${S}.needs_proposal (tenant_id, status)`,
      `create index yearly_plan_status on ${S}.yearly_plan (tenant_id, status)`,
      ...reviewTablesSql(S, visible),
    ];
    for (const s of sql) this.addSql(s);
  }
}
