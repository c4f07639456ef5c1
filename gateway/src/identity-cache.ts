/**
 * Verified user tokens and the internal identity the gateway signed for them, so that a client
 * sending the same token again costs a map lookup instead of an EdDSA verification and an EdDSA
 * signature (the two took ~0.25 ms of gateway CPU per request; see docs/BENCHMARKS.md).
 *
 * Keyed by the exact token text: only a token that verified before is found. An entry lives until
 * the earlier of the user token's own expiry and half the internal token's lifetime, so a cached
 * internal token always has at least half its lifetime left when a subgraph receives it and an
 * expired user token is verified (and refused) again. Bounded: the oldest entries go first.
 */
export class IdentityCache<V> {
  private readonly entries = new Map<string, { value: V; until: number }>();

  constructor(
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(token: string): V | undefined {
    const e = this.entries.get(token);
    if (!e) return undefined;
    if (e.until <= this.now()) {
      this.entries.delete(token);
      return undefined;
    }
    return e.value;
  }

  /** `userExpSeconds`: the user token's `exp` claim; `internalTtlSeconds`: the internal token's lifetime. */
  set(token: string, value: V, userExpSeconds: number | undefined, internalTtlSeconds: number): void {
    const now = this.now();
    const until = Math.min(userExpSeconds !== undefined ? userExpSeconds * 1000 : now, now + (internalTtlSeconds * 1000) / 2);
    if (until <= now) return;
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(token, { value, until });
  }

  get size(): number {
    return this.entries.size;
  }
}
