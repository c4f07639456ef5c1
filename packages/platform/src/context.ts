import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { AuditCollector, withAudit, writeAuditRow } from './audit.js';
import { forbidden } from './errors.js';
import { hasRole, type Identity, type Role } from './identity.js';
import { allowed, type Action } from './permissions.js';
import { READ_ALL_SETTING, TENANT_SETTING } from './rls.js';
import type { CallerCredentials, SubgraphClient } from './subgraph-client.js';

export type OperationKind = 'query' | 'mutation' | 'subscription';

/**
 * Built once per request from the verified identity; the only place a request's tenant comes from.
 *
 * Database work runs in ONE transaction per request, begun lazily on first use, with the tenant set
 * for row-level security before its first statement (MikroORM session context → `set_config(…, true)`
 * right after BEGIN). Queries run READ ONLY; each mutation field runs in its own audited savepoint.
 */
export class RequestContext<Loaders = unknown> {
  readonly identity: Identity;
  readonly requestId: string;
  loaders!: Loaders;
  // Apollo Server hands resolvers a shallow clone of the context: mutable request state lives in
  // one shared object (not in own fields or #private fields, which a clone would not share).
  private readonly state: { operation: OperationKind | null; tx: Promise<EntityManager> | undefined };
  private readonly root: EntityManager;
  private readonly schema: string;

  /** The gateway-signed identity as received: forwarded when this subgraph asks another one. */
  readonly caller: CallerCredentials;
  /** Clients of the other subgraphs this one may ask (see `SubgraphDefinition.peers`). */
  readonly peers: Readonly<Record<string, SubgraphClient>>;

  constructor(
    orm: MikroORM,
    schema: string,
    identity: Identity,
    requestId: string,
    identityToken = '',
    peers: Readonly<Record<string, SubgraphClient>> = {},
  ) {
    this.identity = identity;
    this.requestId = requestId;
    this.caller = { identityToken, requestId };
    this.peers = peers;
    this.schema = schema;
    this.state = { operation: null, tx: undefined };
    const national = identity.tenant === null;
    this.root = orm.em.fork({
      clear: true,
      loggerContext: { requestId },
      session: {
        variables: {
          [TENANT_SETTING]: identity.tenant ?? '',
          [READ_ALL_SETTING]: national ? 'on' : 'off',
        },
      },
    });
    // the ORM filter is the second belt; PostgreSQL's policies are the first
    if (national) this.root.setFilterParams('tenant', { tenantId: null });
    else this.root.setFilterParams('tenant', { tenantId: identity.tenant });
  }

  /** The kind of operation being executed (set once the operation is resolved). */
  get operation(): OperationKind | null {
    return this.state.operation;
  }

  set operation(kind: OperationKind | null) {
    this.state.operation = kind;
  }

  /** The caller's tenant. Throws FORBIDDEN for the national role, which has none. */
  get tenant(): string {
    if (this.identity.tenant === null) throw forbidden('This operation belongs to one province; the national role reads aggregates only');
    return this.identity.tenant;
  }

  get isNational(): boolean {
    return this.identity.tenant === null;
  }

  hasRole(...roles: Role[]): boolean {
    return hasRole(this.identity, ...roles);
  }

  /** Throws FORBIDDEN unless the permission table lets one of the caller's roles do `action`. */
  authorize(action: Action): void {
    if (!allowed(this.identity.roles, action)) throw forbidden(`Your role may not do this (${action})`);
  }

  /** Throws FORBIDDEN unless the caller holds one of `roles`. Prefer `authorize` and the table. */
  requireRole(...roles: Role[]): void {
    if (!this.hasRole(...roles)) throw forbidden(`Requires one of the roles: ${roles.join(', ')}`);
  }

  /** Asks another subgraph, as this request's caller. */
  peer(name: string): SubgraphClient {
    const client = this.peers[name];
    if (!client) throw new Error(`subgraph "${name}" is not a declared peer of this one`);
    return client;
  }

  /** The request's entity manager, inside the request's transaction (begun on first call). */
  em(): Promise<EntityManager> {
    this.state.tx ??= this.root.begin({ readOnly: this.operation !== 'mutation' }).then(() => this.root);
    return this.state.tx;
  }

  /**
   * Runs one write operation atomically (a savepoint in the request's transaction) and writes its
   * audit row — who, tenant, when, operation, before and after — in the same transaction.
   */
  async write<T>(operation: string, fn: (em: EntityManager) => Promise<T>): Promise<T> {
    const tenant = this.tenant;
    if (this.operation !== 'mutation') throw forbidden('Writes happen in mutations only');
    const em = await this.em();
    const collector = new AuditCollector(operation, this.identity, tenant, this.requestId);
    return withAudit(collector, () =>
      em.transactional(async (tem) => {
        const result = await fn(tem);
        await tem.flush();
        await writeAuditRow(tem, this.schema, collector);
        return result;
      }),
    );
  }

  /** Ends the request's transaction: commit when the request succeeded as a whole, else roll back. */
  async finish(commit: boolean): Promise<void> {
    const tx = this.state.tx;
    if (!tx) return;
    this.state.tx = undefined;
    let em: EntityManager;
    try {
      em = await tx;
    } catch {
      return; // BEGIN itself failed: nothing to end
    }
    if (commit) await em.commit();
    else await em.rollback();
  }
}
