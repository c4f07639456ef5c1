import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from './logger.js';

/**
 * Read replicas (PostgreSQL streaming replication) with read-your-writes.
 *
 * - Mutations always run on the primary. Queries run on a healthy replica (round robin) when
 *   `DATABASE_URL_READ` names one or more, else on the primary.
 * - After a mutation commits, the subgraph answers with the primary's WAL position
 *   (`x-kn-commit-lsn`); the gateway remembers the highest one per caller and sends it back as
 *   `x-kn-min-lsn` on that caller's next requests (subgraphs forward it to the peers they ask). A read
 *   with a minimum position goes to a replica only once that replica has replayed it
 *   (`pg_last_wal_replay_lsn()`), otherwise to the primary: a caller always reads its own writes.
 * - A replica that does not answer is taken out of the rotation at once (the read in flight is run
 *   again on the primary, so the client sees no error) and probed every second until it answers again.
 */
export const MIN_LSN_HEADER = 'x-kn-min-lsn';
export const COMMIT_LSN_HEADER = 'x-kn-commit-lsn';

const LSN_RE = /^[0-9A-Fa-f]{1,8}\/[0-9A-Fa-f]{1,8}$/;

/** A WAL position (`16/B374D848`) as a number, or null when the text is not one. */
export function parseLsn(text: string | null | undefined): bigint | null {
  if (!text || !LSN_RE.test(text)) return null;
  const [hi, lo] = text.split('/') as [string, string];
  return (BigInt(`0x${hi}`) << 32n) | BigInt(`0x${lo}`);
}

export function formatLsn(lsn: bigint): string {
  return `${(lsn >> 32n).toString(16).toUpperCase()}/${(lsn & 0xffffffffn).toString(16).toUpperCase()}`;
}

export interface Replica {
  readonly name: string;
  readonly orm: MikroORM;
  up: boolean;
  /** The last replayed WAL position seen on it. */
  replayed: bigint;
  /** Read transactions begun on it (for `/debug/replicas` and the benchmark). */
  reads: number;
}

export interface ReadRoutingStats {
  replicas: { name: string; up: boolean; reads: number; replayed: string }[];
  primaryReads: number;
  /** Reads sent to the primary because no replica had replayed the caller's last write yet. */
  heldForOwnWrites: number;
  /** Reads run again on the primary after their replica failed. */
  retried: number;
  /** Reads run again on the primary because a resolver found the replica behind. */
  behind: number;
}

export class ReadRouter {
  private readonly replicas: Replica[];
  private next = 0;
  private timer: NodeJS.Timeout | undefined;
  private primaryReads = 0;
  private heldForOwnWrites = 0;
  private retried = 0;
  private behind = 0;

  constructor(
    readonly primary: MikroORM,
    replicas: { name: string; orm: MikroORM }[],
    private readonly logger?: Logger,
    private readonly probeEveryMs = 1000,
  ) {
    this.replicas = replicas.map((r) => ({ ...r, up: true, replayed: 0n, reads: 0 }));
  }

  get enabled(): boolean {
    return this.replicas.length > 0;
  }

  /** Starts the health probe (a replica marked down comes back once it answers). */
  start(): void {
    if (!this.enabled || this.timer) return;
    this.timer = setInterval(() => void this.probeAll(), this.probeEveryMs);
    this.timer.unref();
    void this.probeAll();
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await Promise.all(this.replicas.map((r) => r.orm.close().catch(() => {})));
  }

  /**
   * Where a read-only transaction runs: a replica that is up and has replayed `minLsn` (the caller's
   * last write), or null for the primary.
   */
  async forRead(minLsn: bigint | null): Promise<Replica | null> {
    const n = this.replicas.length;
    for (let i = 0; i < n; i++) {
      const replica = this.replicas[(this.next + i) % n]!;
      if (!replica.up) continue;
      if (minLsn !== null && replica.replayed < minLsn) {
        // one round trip, paid only by a caller that wrote moments ago
        const replayed = await this.replayedOn(replica);
        if (replayed === null || replayed < minLsn) continue;
      }
      this.next = (this.next + i + 1) % n;
      replica.reads++;
      return replica;
    }
    if (minLsn !== null && this.replicas.some((r) => r.up)) this.heldForOwnWrites++;
    this.primaryReads++;
    return null;
  }

  /** A replica failed a read: out of the rotation until the probe sees it answer again. */
  markDown(replica: Replica, reason: unknown): void {
    if (replica.up) {
      this.logger?.warn({ replica: replica.name, reason: reason instanceof Error ? reason.message : String(reason) }, 'read replica down: reads go to the primary');
    }
    replica.up = false;
  }

  noteRetry(): void {
    this.retried++;
  }

  noteBehind(): void {
    this.behind++;
  }

  /** The primary's WAL position now: after a commit, a position at or past that commit. */
  async primaryLsn(): Promise<string> {
    const rows = await this.primary.em.getConnection().execute<{ lsn: string }[]>('select pg_current_wal_lsn()::text as lsn');
    return rows[0]!.lsn;
  }

  stats(): ReadRoutingStats {
    return {
      replicas: this.replicas.map((r) => ({ name: r.name, up: r.up, reads: r.reads, replayed: formatLsn(r.replayed) })),
      primaryReads: this.primaryReads,
      heldForOwnWrites: this.heldForOwnWrites,
      retried: this.retried,
      behind: this.behind,
    };
  }

  private async replayedOn(replica: Replica): Promise<bigint | null> {
    try {
      const rows = await replica.orm.em
        .getConnection()
        .execute<{ lsn: string | null }[]>('select coalesce(pg_last_wal_replay_lsn(), pg_current_wal_lsn())::text as lsn');
      const lsn = parseLsn(rows[0]?.lsn);
      if (lsn !== null && lsn > replica.replayed) replica.replayed = lsn;
      return lsn;
    } catch (e) {
      this.markDown(replica, e);
      return null;
    }
  }

  private async probeAll(): Promise<void> {
    await Promise.all(
      this.replicas.map(async (replica) => {
        const wasUp = replica.up;
        const lsn = await this.replayedOn(replica);
        if (lsn !== null && !wasUp) {
          replica.up = true;
          this.logger?.info({ replica: replica.name }, 'read replica back: reads return to it');
        }
      }),
    );
  }
}
