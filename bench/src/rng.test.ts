import { describe, expect, it } from 'vitest';
import { apportion, Rng } from './rng.js';

describe('the generator\'s random numbers are deterministic', () => {
  const draw = (seed: string, stream: string, n = 1000) => {
    const r = new Rng(seed, stream);
    return Array.from({ length: n }, () => r.next());
  };

  it('the same seed and stream give the same sequence; another seed or stream another one', () => {
    expect(draw('kn-bench-1', 'sponsors')).toEqual(draw('kn-bench-1', 'sponsors'));
    expect(draw('kn-bench-1', 'sponsors')).not.toEqual(draw('kn-bench-2', 'sponsors'));
    expect(draw('kn-bench-1', 'sponsors')).not.toEqual(draw('kn-bench-1', 'contributions'));
  });

  it('pins the first values of a seed (a change of algorithm would change every dataset)', () => {
    const r = new Rng('kn-bench-1', 'pin');
    expect([r.int(0, 999), r.int(0, 999), r.int(0, 999)]).toEqual(PINNED);
  });

  it('values are uniform enough: in [0, 1), mean ≈ 0.5, every decile used', () => {
    const v = draw('s', 'uniform', 20_000);
    expect(Math.min(...v)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...v)).toBeLessThan(1);
    expect(Math.abs(v.reduce((a, b) => a + b, 0) / v.length - 0.5)).toBeLessThan(0.01);
    const deciles = new Array(10).fill(0);
    for (const x of v) deciles[Math.floor(x * 10)]++;
    for (const d of deciles) expect(d).toBeGreaterThan(1800);
  });

  it('uuid() gives version-4-shaped, repeatable ids', () => {
    const a = new Rng('s', 'ids');
    const b = new Rng('s', 'ids');
    const ids = Array.from({ length: 100 }, () => a.uuid());
    expect(ids).toEqual(Array.from({ length: 100 }, () => b.uuid()));
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(100);
  });

  it('sample() draws distinct items; weighted() respects weights', () => {
    const r = new Rng('s', 'sample');
    const s = r.sample([...'abcdefghij'], 5);
    expect(new Set(s).size).toBe(5);
    let heavy = 0;
    for (let i = 0; i < 10_000; i++) if (r.weighted([['a', 9], ['b', 1]] as const) === 'a') heavy++;
    expect(heavy).toBeGreaterThan(8700);
    expect(heavy).toBeLessThan(9300);
  });
});

describe('apportion', () => {
  it('splits a total exactly, in proportion', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(1_000_000, [3, 1])).toEqual([750_000, 250_000]);
    const parts = apportion(20_000, [17, 3, 250, 91, 5]);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(20_000);
  });
});

// computed once from the implementation and written down here
const PINNED = [471, 872, 554];
