import { Migration } from '@mikro-orm/migrations';

const S = 'sponsors';

/**
 * `filter.contributedFrom/contributedTo` (a half-year of seed 000's six-monthly reports): contributions
 * by day within a tenant.
 */
export class Migration20261206213000_exports_contributed_on extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index contribution_by_day on ${S}.contribution (tenant_id, contributed_on)`);
  }
}
