import { describe, expect, it } from 'vitest';
import { objectKeyLoader } from './loaders.js';

describe('objectKeyLoader: typed keys, never strings joined by hand', () => {
  it('keys with the same fields are one key, whatever their order; each batch sees distinct keys', async () => {
    const batches: { year: number; asOf: string }[][] = [];
    const loader = objectKeyLoader<{ year: number; asOf: string }, string>(async (keys) => {
      batches.push([...keys]);
      return keys.map((k) => `${k.year} on ${k.asOf}`);
    }, ['year', 'asOf']);
    const [a, b, c] = await Promise.all([
      loader.load({ year: 2019, asOf: '2026-01-01' }),
      loader.load({ asOf: '2026-01-01', year: 2019 }),
      loader.load({ year: 2020, asOf: '2026-01-01' }),
    ]);
    expect([a, b, c]).toEqual(['2019 on 2026-01-01', '2019 on 2026-01-01', '2020 on 2026-01-01']);
    expect(batches).toEqual([[{ year: 2019, asOf: '2026-01-01' }, { year: 2020, asOf: '2026-01-01' }]]);
  });
  it('a value containing the old separator cannot collide with another key', async () => {
    const loader = objectKeyLoader<{ a: string; b: string }, string>(async (keys) => keys.map((k) => `${k.a}/${k.b}`), ['a', 'b']);
    expect(await Promise.all([loader.load({ a: 'x|y', b: 'z' }), loader.load({ a: 'x', b: 'y|z' })])).toEqual(['x|y/z', 'x/y|z']);
  });
});
