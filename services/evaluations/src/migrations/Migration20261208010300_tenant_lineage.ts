import { Migration } from '@mikro-orm/migrations';
import { refreshTenantPoliciesSql } from '@kn/platform';

/**
 * Issue #18 §2: tenant succession. Every tenant table's policies read the caller's lineage (the
 * tenants it succeeded: read, never written) and refuse every write of a succeeded tenant
 * (packages/platform/src/rls.ts).
 */
export class Migration20261208010300_tenant_lineage extends Migration {
  override async up(): Promise<void> {
    this.addSql(refreshTenantPoliciesSql('evaluations'));
  }
}
