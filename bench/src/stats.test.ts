import { describe, expect, it } from 'vitest';
import { percentile, ratio, Samples, summarize } from './stats.js';

describe('percentiles (nearest rank)', () => {
  const hundred = Float64Array.from({ length: 100 }, (_, i) => i + 1); // 1..100

  it('p50/p95/p99 of 1..100 are 50, 95, 99; p100 is the maximum', () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 95)).toBe(95);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
  });

  it('every percentile is an observed value, never interpolated', () => {
    const v = Float64Array.from([1, 2, 3, 4, 1000]);
    expect(percentile(v, 50)).toBe(3);
    expect(percentile(v, 95)).toBe(1000);
    expect(percentile(v, 1)).toBe(1);
  });

  it('one value is every percentile; none is NaN; p outside (0, 100] is refused', () => {
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile([1], 0)).toThrow();
    expect(() => percentile([1], 101)).toThrow();
  });

  it('summarize sorts its input and reports count, mean and max', () => {
    const s = summarize([5, 1, 4, 2, 3]);
    expect(s).toEqual({ count: 5, mean: 3, p50: 3, p95: 5, p99: 5, max: 5 });
    expect(summarize([]).count).toBe(0);
  });

  it('Samples grows past its initial buffer without losing values', () => {
    const s = new Samples();
    for (let i = 0; i < 40_000; i++) s.push(i);
    expect(s.length).toBe(40_000);
    expect(s.values()[39_999]).toBe(39_999);
    expect(summarize(s.values()).p50).toBe(19_999);
  });

  it('ratio is null when a side is missing or zero', () => {
    expect(ratio(3, 1.5)).toBe(2);
    expect(ratio(undefined, 1)).toBeNull();
    expect(ratio(1, 0)).toBeNull();
  });
});
