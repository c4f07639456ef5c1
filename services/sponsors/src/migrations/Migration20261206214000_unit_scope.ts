import { inScopeSponsors, inScopeUnits, scopeRls } from '@kn/platform';
import { Migration } from '@mikro-orm/migrations';

const S = 'sponsors';

/**
 * Unit scopes in PostgreSQL (docs/SECURITY.md "Unit scopes", issue #14): a RESTRICTIVE policy on
 * every table a scoped caller may read. A twinning or contribution is in scope when its commune is
 * one the scope reaches or its sponsor is one of the scope's agencies; proposals and plans follow
 * their twinning, items their document, a sponsor is in scope when it is one of the agencies or
 * twinned with a commune in reach (the `exists` reads `twinning` under its own policies).
 */
export class Migration20261206214000_unit_scope extends Migration {
  override async up(): Promise<void> {
    const direct = `${inScopeUnits('commune_id')} or ${inScopeSponsors('sponsor_id')}`;
    const sql = [
      ...scopeRls(S, 'twinning', direct),
      ...scopeRls(S, 'contribution', direct),
      ...scopeRls(S, 'needs_proposal', `exists (select 1 from ${S}.twinning t where t.tenant_id = needs_proposal.tenant_id and t.id = needs_proposal.twinning_id)`),
      ...scopeRls(S, 'yearly_plan', `exists (select 1 from ${S}.twinning t where t.tenant_id = yearly_plan.tenant_id and t.id = yearly_plan.twinning_id)`),
      ...scopeRls(S, 'needs_item', `exists (select 1 from ${S}.needs_proposal p where p.tenant_id = needs_item.tenant_id and p.id = needs_item.proposal_id)`),
      ...scopeRls(S, 'plan_item', `exists (select 1 from ${S}.yearly_plan p where p.tenant_id = plan_item.tenant_id and p.id = plan_item.plan_id)`),
      ...scopeRls(
        S,
        'sponsor',
        `${inScopeSponsors('id')} or exists (select 1 from ${S}.twinning t where t.tenant_id = sponsor.tenant_id and t.sponsor_id = sponsor.id)`,
      ),
    ];
    for (const s of sql) this.addSql(s);
  }
}
