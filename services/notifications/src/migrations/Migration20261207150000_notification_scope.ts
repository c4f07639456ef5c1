import { Migration } from '@mikro-orm/migrations';
import { overlapsScopeSponsors, overlapsScopeUnits, scopeRls } from '@kn/platform';

const S = 'notifications';

/**
 * Unit scopes on notifications, in PostgreSQL too (issue #14 §1, docs/SECURITY.md "Unit scopes"):
 * a unit-scoped reader's transaction sees a notification only if it names one of the units its
 * scope reaches or one of its agencies — the application's `visibleTo` filter, enforced a second
 * time by a RESTRICTIVE policy. Unscoped callers (province-wide staff, the worker, seeds) are not
 * narrowed. The read marks follow their notification (a scoped reader cannot mark, or see marks
 * on, one it does not see).
 */
export class Migration20261207150000_notification_scope extends Migration {
  override async up(): Promise<void> {
    const sql = [
      ...scopeRls(S, 'notification', `${overlapsScopeUnits('recipient_units')} or ${overlapsScopeSponsors('recipient_sponsors')}`),
      ...scopeRls(
        S,
        'notification_read',
        `exists (select 1 from ${S}.notification n where n.tenant_id = notification_read.tenant_id and n.id = notification_read.notification_id)`,
      ),
    ];
    for (const s of sql) this.addSql(s);
  }
}
