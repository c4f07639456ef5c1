import { Migration } from '@mikro-orm/migrations';

const S = 'sponsors';

/**
 * An index behind the one foreign key that had none: `idempotency_key.contribution_id`. Every
 * contribution deleted makes PostgreSQL look for idempotency records naming it; without the index
 * each look is a scan of the tenant's records. Seen in the benchmark: removing its partner writes
 * (thousands, each with its idempotency record) from the national dataset was still running in one
 * DELETE after 12 minutes; this is the likely cause (a scan per deleted row), not yet re-measured.
 */
export class Migration20261125130000_reference_indexes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index idempotency_key_contribution on ${S}.idempotency_key (tenant_id, contribution_id)`);
  }
}
