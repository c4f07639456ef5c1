import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { AuditCollector, withAudit, writeAuditRow } from './audit.js';
import { forbidden, isDatabaseUnavailable } from './errors.js';
import { hasRole, type Identity, type Role } from './identity.js';
import { allowed, type Action } from './permissions.js';
import type { ReadRouter, Replica } from './read-routing.js';
import {
  LINEAGE_SETTING,
  READ_ALL_SETTING,
  SCOPE_SPONSORS_SETTING,
  SCOPE_UNITS_SETTING,
  SCOPED_SETTING,
  SUCCEEDED_SETTING,
  TENANT_SETTING,
  textArrayLiteral,
  uuidArrayLiteral,
} from './rls.js';
import { pgArray } from './sql.js';
import { unwaitedScope } from './sql-counter.js';
import type { CallerCredentials, SubgraphClient } from './subgraph-client.js';

export type OperationKind = 'query' | 'mutation' | 'subscription';

/** Where this request's reads may go (read replicas, docs/SCALING.md §2). */
export interface ReadRouting {
  router: ReadRouter;
  /** The caller's last write (WAL position): a replica serves this request only once it has replayed it. */
  minLsn: bigint | null;
  /** False when a read is run again after its replica failed: the primary only. */
  replicas: boolean;
}

/**
 * THE map of PostgreSQL settings a request's transaction carries, read by the row-level security
 * policies (`rls.ts`). Each becomes `SET LOCAL <name> = '<value>'` in the same message as BEGIN
 * (`session.ts`): one round trip, before the transaction's first statement. A new rule that narrows
 * what a caller sees (a unit scope, a tenant lineage) adds ONE key here and its policy in rls.ts.
 */
export function sessionSettings(identity: Identity): Record<string, string> {
  const national = identity.tenant === null;
  return {
    [TENANT_SETTING]: identity.tenant ?? '',
    [READ_ALL_SETTING]: national ? 'on' : 'off',
    // unit scope (#14): the narrowing below the tenant, read by the `unit_scope` policies
    [SCOPED_SETTING]: identity.scope ? 'on' : 'off',
    [SCOPE_UNITS_SETTING]: uuidArrayLiteral(identity.scope?.reach ?? []),
    [SCOPE_SPONSORS_SETTING]: uuidArrayLiteral(identity.scope?.agencies ?? []),
    // tenant succession (#18 §2): the predecessors read as the caller's past; a succeeded tenant writes nothing
    [LINEAGE_SETTING]: textArrayLiteral(identity.predecessors),
    [SUCCEEDED_SETTING]: identity.succeededOn ? 'on' : 'off',
  };
}

/**
 * COMMITs of read-only transactions in flight: the answer does not wait for them (nothing was
 * written, so nothing can be lost), the process's shutdown does (`drainCommits`).
 */
const commitsInFlight = new Set<Promise<void>>();

/** Waits for every read-only COMMIT still in flight (called before the pool closes). */
export async function drainCommits(): Promise<void> {
  while (commitsInFlight.size) await Promise.allSettled([...commitsInFlight]);
}

/** Where a failed background COMMIT is reported (the subgraph sets its logger). */
let onBackgroundCommitError: (err: unknown, requestId: string) => void = () => undefined;
export function reportBackgroundCommitErrors(fn: (err: unknown, requestId: string) => void): void {
  onBackgroundCommitError = fn;
}

/**
 * Built once per request from the verified identity; the only place a request's tenant comes from.
 *
 * Database work runs in ONE transaction per request, begun lazily on first use, with the tenant set
 * for row-level security before its first statement (`sessionSettings` → `SET LOCAL …` in BEGIN's own
 * message, `session.ts`). Queries run READ ONLY and their COMMIT is not waited for; each mutation
 * field runs in its own audited savepoint and the mutation's COMMIT is waited for.
 */
export class RequestContext<Loaders = unknown> {
  readonly identity: Identity;
  readonly requestId: string;
  loaders!: Loaders;
  // Apollo Server hands resolvers a shallow clone of the context: mutable request state lives in
  // one shared object (not in own fields or #private fields, which a clone would not share).
  private readonly state: {
    operation: OperationKind | null;
    tx: Promise<EntityManager> | undefined;
    /** The replica the read transaction runs on (null: the primary). */
    replica: Replica | null;
    /** After a committed mutation with replicas configured: the primary's WAL position. */
    commitLsn: string | null;
    /** A resolver found the replica behind (see `readAgainOnPrimary`). */
    primaryWanted: boolean;
  };
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
    private readonly reads?: ReadRouting,
  ) {
    this.identity = identity;
    this.requestId = requestId;
    this.caller = { identityToken, requestId, minLsn: reads?.minLsn ?? null };
    this.peers = peers;
    this.schema = schema;
    this.state = { operation: null, tx: undefined, replica: null, commitLsn: null, primaryWanted: false };
    this.root = this.fork(orm);
  }

  /** An entity manager of `orm` for this caller: tenant settings for RLS and the tenant filter. */
  private fork(orm: MikroORM): EntityManager {
    const identity = this.identity;
    const national = identity.tenant === null;
    const em = orm.em.fork({
      clear: true,
      loggerContext: { requestId: this.requestId },
      session: { variables: sessionSettings(identity) },
    });
    // the ORM filter is the second belt; PostgreSQL's policies are the first
    const tenants = this.readTenants;
    if (national || !tenants) em.setFilterParams('tenant', { tenantId: null });
    else em.setFilterParams('tenant', { tenantId: tenants.length > 1 ? tenants : tenants[0] });
    return em;
  }

  /**
   * The tenants this request reads: the caller's own and the tenants it succeeded (their history is
   * its past, docs/SECURITY.md "Tenant succession"), in a mutation too (Đà Nẵng evaluates a year of
   * Quảng Nam's plan under its rule set). Writes go to the caller's own tenant only: a lookup that
   * precedes a write names `ctx.tenant`; a changed entity of another tenant is refused at flush
   * (audit.ts), and PostgreSQL refuses it again. For SQL written by hand (`tenantWhere`); the ORM's
   * tenant filter says the same. Null for the national role (every tenant, through `app.read_all`).
   */
  get readTenants(): readonly string[] | null {
    const own = this.identity.tenant;
    if (own === null) return null;
    if (this.identity.predecessors.length === 0) return [own];
    return [own, ...this.identity.predecessors];
  }

  /**
   * `readTenants` as ONE text[] parameter (`tenant_id = any(?::text[])`) for an operation that
   * belongs to one province: FORBIDDEN for the national role, like `tenant`.
   */
  get readTenantsParam(): string {
    return pgArray(this.readTenants ?? [this.tenant]);
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

  /**
   * Refuses the national role (FORBIDDEN) for an operation that belongs to one province, before
   * anything is read; the same check as reading `tenant`, said as what it is.
   */
  requireTenant(): string {
    return this.tenant;
  }

  /** True when a unit scope narrows the caller below its tenant (see `identity.scope`). */
  get isScoped(): boolean {
    return this.identity.scope !== null;
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
    this.state.tx ??= this.begin();
    return this.state.tx;
  }

  /** The replica this request read from (null: the primary, or nothing read yet). */
  get replica(): Replica | null {
    return this.state.replica;
  }

  /**
   * For a resolver whose answer a replica's lag could make wrong, not just old (a row written
   * directly moments ago, such as a tenant just onboarded, not yet replayed): when this read ran on
   * a replica, the whole operation is run again on the primary before anything is answered.
   */
  readAgainOnPrimary(): void {
    if (this.state.replica) this.state.primaryWanted = true;
  }

  /** Whether a resolver asked for the primary while this request read from a replica. */
  get primaryWanted(): boolean {
    return this.state.primaryWanted;
  }

  /** The primary's WAL position after this request's committed writes (replicas configured only). */
  get commitLsn(): string | null {
    return this.state.commitLsn;
  }

  private async begin(): Promise<EntityManager> {
    const readOnly = this.operation !== 'mutation';
    const reads = this.reads;
    if (readOnly && reads?.replicas && reads.router.enabled) {
      const replica = await reads.router.forRead(reads.minLsn);
      if (replica) {
        const em = this.fork(replica.orm);
        try {
          await em.begin({ readOnly: true });
          this.state.replica = replica;
          return em;
        } catch (e) {
          if (!isDatabaseUnavailable(e)) throw e;
          reads.router.markDown(replica, e); // and read from the primary instead
        }
      }
    }
    await this.root.begin({ readOnly });
    return this.root;
  }

  /**
   * Runs one write operation atomically (a savepoint in the request's transaction) and writes its
   * audit row — who, tenant, when, operation, before and after — in the same transaction.
   */
  async write<T>(operation: string, fn: (em: EntityManager) => Promise<T>): Promise<T> {
    const tenant = this.tenant;
    if (this.operation !== 'mutation') throw forbidden('Writes happen in mutations only');
    const succeededOn = this.identity.succeededOn;
    if (succeededOn) {
      throw forbidden(`Your province was succeeded by another on ${succeededOn}: its records are read-only; its successor's officials write`, {
        reason: 'TENANT_SUCCEEDED',
        succeededOn,
      });
    }
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
    if (!commit) return em.rollback();
    if (this.operation === 'mutation') {
      await em.commit();
      if (this.reads?.router.enabled) this.state.commitLsn = await this.reads.router.primaryLsn();
      return;
    }
    // READ ONLY: the answer is complete and nothing was written; COMMIT only ends the snapshot and
    // hands the connection back to the pool, so the answer does not wait for it
    const requestId = this.requestId;
    const done: Promise<void> = unwaitedScope.run(true, () => em.commit()).then(
      () => void commitsInFlight.delete(done),
      (err: unknown) => {
        commitsInFlight.delete(done);
        onBackgroundCommitError(err, requestId);
      },
    );
    commitsInFlight.add(done);
  }
}
