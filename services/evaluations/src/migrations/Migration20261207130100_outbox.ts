import { dbRoles, outboxTableSql } from '@kn/platform';
import { Migration } from '@mikro-orm/migrations';

const S = 'evaluations';

/**
 * Issue #14 §3: the transactional outbox of this subgraph. A change someone must act on writes its
 * row here in the change's own transaction (`enqueueOutbox`); the worker relays it to the
 * notifications subgraph and to webhooks (docs/NOTIFICATIONS.md). Tenant-owned, RLS forced.
 */
export class Migration20261207130100_outbox extends Migration {
  override async up(): Promise<void> {
    for (const s of outboxTableSql(S, dbRoles(S).app)) this.addSql(s);
  }
}
