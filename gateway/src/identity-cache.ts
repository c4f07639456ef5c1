import { TtlCache } from '@kn/platform/ttl-cache';

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
  private readonly entries: TtlCache<string, V>;

  constructor(
    maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {
    this.entries = new TtlCache(maxEntries, now);
  }

  get(token: string): V | undefined {
    return this.entries.get(token);
  }

  /** `userExpSeconds`: the user token's `exp` claim; `internalTtlSeconds`: the internal token's lifetime. */
  set(token: string, value: V, userExpSeconds: number | undefined, internalTtlSeconds: number): void {
    const now = this.now();
    this.entries.set(token, value, Math.min(userExpSeconds !== undefined ? userExpSeconds * 1000 : now, now + (internalTtlSeconds * 1000) / 2));
  }

  get size(): number {
    return this.entries.size;
  }
}
