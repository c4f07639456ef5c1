import { inScopeSponsors, inScopeUnits, scopeRls } from '@kn/platform';
import { Migration } from '@mikro-orm/migrations';

const S = 'evaluations';

/**
 * Unit scopes in PostgreSQL (docs/SECURITY.md "Unit scopes", issue #14): a report is in scope when
 * its reporter (a commune, a district or a sponsor) is one the scope reaches or one of its agencies;
 * a commune's measurements when the commune is in reach; a sponsor's evaluation when the sponsor is
 * one of the agencies. Runs, rule sets, calendars and criteria are the province's, read in full (the
 * service refuses a scoped caller the runs and dashboards).
 */
export class Migration20261206214000_unit_scope extends Migration {
  override async up(): Promise<void> {
    const sql = [
      ...scopeRls(S, 'report', `${inScopeUnits('reporter_id')} or ${inScopeSponsors('reporter_id')}`),
      ...scopeRls(S, 'commune_measurement', inScopeUnits('commune_id')),
      ...scopeRls(S, 'sponsor_evaluation', inScopeSponsors('sponsor_id')),
    ];
    for (const s of sql) this.addSql(s);
  }
}
