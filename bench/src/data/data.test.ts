import { describe, expect, it } from 'vitest';
import { buildAdminDataset } from '@kn/communes/seed/admin-units';
import { Rng } from '../rng.js';
import { copyField, copyLine } from './copy.js';
import { communesByTenant } from './generator.js';
import { NATIONAL_SCALE, planDataset } from './plan.js';
import { classificationRows } from './parts/communes.js';

describe('COPY text format', () => {
  it('escapes backslashes, tabs and newlines; writes NULL as \\N', () => {
    expect(copyField('Xã Thụy Hùng')).toBe('Xã Thụy Hùng');
    expect(copyField('a\tb\nc\\d\re')).toBe('a\\tb\\nc\\\\d\\re');
    expect(copyField(null)).toBe('\\N');
    expect(copyField(undefined)).toBe('\\N');
    expect(copyField(3_002_800_000_000n)).toBe('3002800000000');
    expect(copyField(true)).toBe('t');
    expect(copyField(new Date('2024-03-31T00:00:00Z'))).toBe('2024-03-31T00:00:00.000Z');
    expect(copyField(['20', 'a"b', null])).toBe('{"20","a\\\\"b",NULL}');
    expect(copyLine(['t', 1, null])).toBe('t\t1\t\\N\n');
    expect(() => copyField(Number.NaN)).toThrow();
  });
});

describe('the national dataset plan', () => {
  const weights = new Map([
    ['p04-cao-bang', 300],
    ['p20-lang-son', 200],
    ['p48-da-nang', 500],
  ]);

  it('spreads sponsors and contributions exactly over tenants and years, the same way every time', () => {
    const plan = planDataset('kn-bench-1', NATIONAL_SCALE, weights);
    expect(plan).toEqual(planDataset('kn-bench-1', NATIONAL_SCALE, weights));
    expect(plan.years).toEqual([2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    expect(plan.tenants.reduce((s, t) => s + t.sponsors, 0)).toBe(20_000);
    const contributions = plan.tenants.reduce((s, t) => s + t.contributionsByYear.reduce((a, b) => a + b, 0), 0);
    expect(contributions).toBe(1_000_000);
    expect(plan.tenants.find((t) => t.tenant === 'p48-da-nang')!.sponsors).toBe(10_000);
    expect(planDataset('another seed', NATIONAL_SCALE, weights).tenants[0]!.contributionsByYear).not.toEqual(plan.tenants[0]!.contributionsByYear);
  });
});

describe('synthetic classifications', () => {
  const geo = buildAdminDataset([{ slug: 't-cao-bang', name: 'Cao Bằng', oldProvinces: ['04'], newProvinces: ['04'] }]);

  it('are deterministic from the seed, valid, and inherited by the new communes', () => {
    const rows = [...classificationRows(geo, new Rng('kn-bench-1', 'classifications'), 'bench:synthetic:kn-bench-1')];
    expect(rows).toEqual([...classificationRows(geo, new Rng('kn-bench-1', 'classifications'), 'bench:synthetic:kn-bench-1')]);
    expect(rows.length).toBeGreaterThan(50);
    const units = new Map(geo.units.map((u) => [u.id, u]));
    const keys = new Set<string>();
    for (const [tenant, unit, cls] of rows) {
      expect(tenant).toBe('t-cao-bang');
      const u = units.get(unit as string)!;
      expect(u).toBeDefined();
      expect(cls === 'LOWLAND').toBe(u.level === 'DISTRICT');
      const k = `${unit}:${cls}`;
      expect(keys.has(k), `duplicate ${k}`).toBe(false);
      keys.add(k);
    }
    // a new commune is BORDER only if one of its predecessors is
    const border = new Set(rows.filter((r) => r[2] === 'BORDER').map((r) => r[1]));
    for (const id of border) {
      const u = units.get(id as string)!;
      if (u.validFrom === null) continue;
      const preds = geo.successions.filter((s) => s.successorId === id).map((s) => s.predecessorId);
      expect(preds.some((p) => border.has(p))).toBe(true);
    }
    expect(communesByTenant(geo).get('t-cao-bang')).toBe(geo.units.filter((u) => u.level === 'COMMUNE').length);
  });
});
