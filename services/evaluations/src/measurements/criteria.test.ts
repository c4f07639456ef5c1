import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NATIONAL_CRITERIA_SETS, NTM_2016_2020 } from './criteria.js';

const SEED_003 = readFileSync(new URL('../../../programs/data/sources/003_83ba935071c9a322.txt', import.meta.url), 'utf8');

describe('NTM criteria sets', () => {
  it('the 19 criteria of 2016–2020 are named as seed 003 names them, in its order', () => {
    const named = [...SEED_003.matchAll(/Tiêu chí số (\d+) về ([^:]+):/g)].map((m) => [Number(m[1]), m[2]!.trim()] as const);
    expect(named).toHaveLength(19);
    named.forEach(([n, name]) => expect(NTM_2016_2020.criteria[n - 1]![0].toLowerCase()).toBe(name.toLowerCase()));
  });

  it('three sets, one after the other, 19, 19 and 10 criteria', () => {
    expect(NATIONAL_CRITERIA_SETS.map((s) => [s.code, s.firstYear, s.lastYear, s.criteria.length])).toEqual([
      ['NTM-2016-2020', 2016, 2020, 19],
      ['NTM-2021-2025', 2021, 2025, 19],
      ['NTM-2026-2030', 2026, 2030, 10],
    ]);
  });
});
