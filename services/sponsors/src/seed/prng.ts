import { createHash } from 'node:crypto';

/**
 * The demo data's generator seed: 20181031, the date of Lạng Sơn's plan 433/KH-UBND that the
 * border-commune twinning programme implements. Change it and every figure changes; keep it and
 * every run, on every machine, produces the same rows.
 */
export const DEMO_SEED = 20181031;

/** mulberry32: a small, fast, well-distributed 32-bit PRNG. Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A generator per named stream (e.g. one twinning): adding a twinning to the demo does not shift the
 * figures of the others.
 */
export function streamFor(name: string, seed = DEMO_SEED): Rng {
  const h = createHash('sha256').update(`${seed}:${name}`).digest();
  return new Rng(mulberry32(h.readUInt32LE(0)));
}

export class Rng {
  constructor(private readonly next: () => number) {}
  float(): number {
    return this.next();
  }
  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  /** Whole đồng in [min, max] rounded to `step`. */
  vnd(min: number, max: number, step = 100_000): bigint {
    return BigInt(Math.round(this.int(min, max) / step) * step);
  }
  /** A date of `year` between the given month-days (inclusive), as YYYY-MM-DD. */
  date(year: number, from = '01-01', to = '12-31'): string {
    const start = Date.UTC(year, Number(from.slice(0, 2)) - 1, Number(from.slice(3)));
    const end = Date.UTC(year, Number(to.slice(0, 2)) - 1, Number(to.slice(3)));
    return new Date(start + this.int(0, Math.round((end - start) / 86_400_000)) * 86_400_000).toISOString().slice(0, 10);
  }
}
