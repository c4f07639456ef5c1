import { Migration } from '@mikro-orm/migrations';

const S = 'sponsors';

/**
 * `contributionTotals` over a province and a range of years (the analyst's usual question) read
 * every contribution of the tenant in those years from the heap: ~30,000–50,000 rows per province at
 * national scale, the heap fetches most of the statement's time. The year index now carries the
 * columns totals read (INCLUDE), so the statement is an index-only scan: same key
 * (tenant_id, year, category), so it serves the same filters as before; measured on the national
 * dataset (1,000,000 contributions) in docs/BENCHMARKS.md.
 */
export class Migration20261125093000_contribution_totals_covering extends Migration {
  override async up(): Promise<void> {
    this.addSql(`drop index ${S}.contribution_year`);
    this.addSql(
      `create index contribution_year on ${S}.contribution (tenant_id, year, category)
         include (status, commune_id, sponsor_id, cash_vnd, in_kind_vnd, poor_households_helped, models_built, people_trained, beneficiaries, reverses_id)`,
    );
  }

}
