import { describe, expect, it } from 'vitest';
import { IdentityCache } from './identity-cache.js';

describe('identity cache', () => {
  const clock = (start = 1_000_000_000_000) => {
    let t = start;
    return { now: () => t, advance: (ms: number) => (t += ms) };
  };

  it('keeps an entry for half the internal lifetime', () => {
    const c = clock();
    const cache = new IdentityCache<string>(10, c.now);
    cache.set('tok', 'internal', c.now() / 1000 + 3600, 60);
    expect(cache.get('tok')).toBe('internal');
    c.advance(29_999);
    expect(cache.get('tok')).toBe('internal');
    c.advance(1);
    expect(cache.get('tok')).toBeUndefined();
  });

  it('never outlives the user token', () => {
    const c = clock();
    const cache = new IdentityCache<string>(10, c.now);
    cache.set('tok', 'internal', c.now() / 1000 + 5, 60);
    c.advance(4_999);
    expect(cache.get('tok')).toBe('internal');
    c.advance(1);
    expect(cache.get('tok')).toBeUndefined();
    cache.set('expired', 'x', c.now() / 1000 - 1, 60);
    cache.set('no-exp', 'x', undefined, 60);
    expect(cache.get('expired')).toBeUndefined();
    expect(cache.get('no-exp')).toBeUndefined();
  });

  it('is bounded: the oldest entry goes first', () => {
    const c = clock();
    const cache = new IdentityCache<number>(3, c.now);
    for (let i = 0; i < 5; i++) cache.set(`t${i}`, i, c.now() / 1000 + 3600, 60);
    expect(cache.size).toBe(3);
    expect(cache.get('t0')).toBeUndefined();
    expect(cache.get('t1')).toBeUndefined();
    expect(cache.get('t4')).toBe(4);
  });
});
