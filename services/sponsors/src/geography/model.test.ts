import { describe, expect, it } from 'vitest';
import { Geography, withContinuityDistricts, type GeoCommune } from './model.js';

const unit = (id: string, over: Partial<GeoCommune> = {}): GeoCommune => ({
  id, code: id, name: id, validFrom: null, validTo: '2025-06-30', districtCode: null, successors: [], predecessors: [], classifications: [], ...over,
});

// A and B (district 1) merge into N1; C (district 2) merges into N2 with D (district 3); S (district 1) is split into N1 and N2
const geo = new Geography(
  withContinuityDistricts([
    unit('A', { districtCode: '001', successors: ['N1'] }),
    unit('B', { districtCode: '001', successors: ['N1'] }),
    unit('C', { districtCode: '002', successors: ['N2'] }),
    unit('D', { districtCode: '003', successors: ['N2'] }),
    unit('S', { districtCode: '001', successors: ['N1', 'N2'] }),
    unit('N1', { validFrom: '2025-07-01', validTo: null }),
    unit('N2', { validFrom: '2025-07-01', validTo: null }),
  ]),
);

describe('the geography of the reform', () => {
  it('a new commune keeps the district all its predecessors lay in, none when they lay in several', () => {
    expect(geo.get('N1')!.districtCode).toBe('001');
    expect(geo.get('N2')!.districtCode).toBeNull();
    expect(geo.get('N1')!.predecessors.sort()).toEqual(['A', 'B', 'S']);
    expect(geo.communesOfDistrict('001').sort()).toEqual(['A', 'B', 'N1', 'S']);
  });

  it('a twinning continues in its commune while it exists, then in its successor; a split one in the chosen successor', () => {
    expect(geo.currentOf('A', null, '2024-12-31')).toBe('A');
    expect(geo.currentOf('A', null, '2026-01-01')).toBe('N1');
    expect(geo.currentOf('S', null, '2026-01-01')).toBe('N1'); // default: the first successor by code
    expect(geo.currentOf('S', 'N2', '2026-01-01')).toBe('N2');
    expect(geo.currentOf('N1', null, '2020-01-01')).toBe('N1'); // never backwards
    expect(geo.currentOf('unknown', null, '2026-01-01')).toBe('unknown');
  });

  it('roll-up pairs: predecessors count under the new commune, a split one only where its twinning continues', () => {
    const pairs = geo.rollUpPairs(['N2', 'N2', 'A']);
    expect(pairs).toEqual([
      { source: 'N2', target: 'N2', conditional: false, defaultTarget: null },
      { source: 'C', target: 'N2', conditional: false, defaultTarget: null },
      { source: 'D', target: 'N2', conditional: false, defaultTarget: null },
      { source: 'S', target: 'N2', conditional: true, defaultTarget: 'N1' },
      { source: 'A', target: 'A', conditional: false, defaultTarget: null },
    ]);
    const map = JSON.parse(geo.sqlMap('2026-01-01')) as { commune_id: string; valid_at: boolean; default_target: string }[];
    expect(map.find((m) => m.commune_id === 'S')).toMatchObject({ valid_at: false, default_target: 'N1' });
    expect(map.find((m) => m.commune_id === 'N2')).toMatchObject({ valid_at: true, default_target: 'N2' });
  });

  it('communes valid on a day, by classification and code', () => {
    expect(geo.communesValidOn('2020-01-01').map((c) => c.id)).toEqual(['A', 'B', 'C', 'D', 'S']);
    expect(geo.communesValidOn('2026-01-01').map((c) => c.id)).toEqual(['N1', 'N2']);
  });

  it('roll-up through two reforms (issue #18 §3): a 2019 commune merged in 2020 counts under the 2025 unit, along merges only', () => {
    const g = new Geography(
      withContinuityDistricts([
        unit('OLD', { districtCode: '001', validTo: '2019-12-31', successors: ['MID'] }),
        unit('SPL', { districtCode: '001', validTo: '2019-12-31', successors: ['MID', 'MID2'] }),
        unit('MID', { districtCode: '001', validFrom: '2020-01-01', successors: ['NEW'] }),
        unit('MID2', { districtCode: '001', validFrom: '2020-01-01', successors: ['NEW'] }),
        unit('NEW', { validFrom: '2025-07-01', validTo: null }),
      ]),
    );
    expect(g.rollUpPairs(['NEW']).map((p) => `${p.source}${p.conditional ? '?' : ''}`).sort()).toEqual(['MID', 'MID2', 'NEW', 'OLD']);
    expect(g.currentOf('OLD', null, '2026-01-01')).toBe('NEW');
    expect(g.currentOf('OLD', null, '2021-01-01')).toBe('MID');
  });
});
