import { AsyncLocalStorage } from 'node:async_hooks';
import { ChangeSetType, helper, type EventSubscriber, type FlushEventArgs } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { forbidden } from './errors.js';
import type { Identity } from './identity.js';
import { toJsonValue } from './json.js';

/** One entity change inside an audited operation. */
export interface AuditChange {
  entity: string;
  key: string;
  type: 'create' | 'update' | 'delete';
  before: unknown;
  after: unknown;
}

/** Who does what, collected while an operation runs, written as ONE audit row at its end. */
export class AuditCollector {
  readonly changes: AuditChange[] = [];
  constructor(
    readonly operation: string,
    readonly actor: Pick<Identity, 'subject' | 'roles' | 'via'>,
    readonly tenant: string,
    readonly requestId: string | null,
  ) {}
}

const current = new AsyncLocalStorage<AuditCollector>();

/** Runs `fn` with `collector` receiving every entity change flushed inside it. */
export function withAudit<T>(collector: AuditCollector, fn: () => Promise<T>): Promise<T> {
  return current.run(collector, fn);
}

export class UnauditedWriteError extends Error {
  constructor(entity: string) {
    super(`write to ${entity} outside an audited operation: use ctx.write(...)`);
  }
}

const TYPES: Partial<Record<ChangeSetType, AuditChange['type']>> = {
  [ChangeSetType.CREATE]: 'create',
  [ChangeSetType.UPDATE]: 'update',
  [ChangeSetType.DELETE]: 'delete',
  [ChangeSetType.UPDATE_EARLY]: 'update',
  [ChangeSetType.DELETE_EARLY]: 'delete',
};

/**
 * The single audit mechanism: every flush of every subgraph passes here. A change flushed outside
 * `withAudit` is refused, so no code path can write without leaving a record.
 */
export class AuditSubscriber implements EventSubscriber {
  async onFlush(args: FlushEventArgs): Promise<void> {
    const changeSets = args.uow.getChangeSets();
    const collector = current.getStore();
    if (changeSets.length > 0 && !collector) {
      throw new UnauditedWriteError(changeSets[0]!.meta.className);
    }
    // a request reads its tenant's predecessors (tenant succession) and writes its own tenant only:
    // refused here, before PostgreSQL's policies would refuse it (an UPDATE there would touch no row)
    for (const cs of changeSets) {
      const owner = (cs.entity as { tenantId?: unknown }).tenantId;
      if (collector && typeof owner === 'string' && owner !== collector.tenant) {
        throw forbidden(`This ${cs.meta.className} belongs to another province's records (${owner}): read-only for yours`, { reason: 'PREDECESSOR_RECORD' });
      }
    }
  }

  async afterFlush(args: FlushEventArgs): Promise<void> {
    const collector = current.getStore();
    if (!collector) return;
    for (const cs of args.uow.getChangeSets()) {
      const type = TYPES[cs.type];
      if (!type) continue;
      collector.changes.push({
        entity: cs.meta.className,
        key: cs.getSerializedPrimaryKey() ?? helper(cs.entity).getSerializedPrimaryKey(),
        type,
        before:
          type === 'create'
            ? null
            : toJsonValue(type === 'delete' ? helper(cs.entity).toPOJO() : (cs.originalEntity ?? null)),
        after: type === 'delete' ? null : toJsonValue(helper(cs.entity).toPOJO()),
      });
    }
  }
}

/** Writes the operation's audit row in the current transaction of `em`. */
export async function writeAuditRow(em: EntityManager, schema: string, c: AuditCollector): Promise<void> {
  if (c.changes.length === 0) return;
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const ch of c.changes) {
    const k = `${ch.entity}:${ch.key}`;
    if (!(k in before)) before[k] = ch.before;
    after[k] = ch.after;
  }
  await em.execute(
    `insert into "${schema}".audit_log (tenant_id, actor, actor_roles, via, request_id, operation, changes, before, after)
     values (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb)`,
    [
      c.tenant,
      c.actor.subject,
      `{${c.actor.roles.join(',')}}`,
      c.actor.via,
      c.requestId,
      c.operation,
      JSON.stringify(c.changes.map(({ entity, key, type }) => ({ entity, key, type }))),
      JSON.stringify(before),
      JSON.stringify(after),
    ],
  );
}
