import { describe, expect, it } from 'vitest';
import { buildAdminDataset, DEMO_TENANTS, nationalTenants, normalizeCode, splitName } from './admin-units.js';

describe('administrative units from the official lists', () => {
  it('normalises codes stored as numbers', () => {
    expect(normalizeCode('6148', 5)).toBe('06148');
    expect(normalizeCode('6148.0', 5)).toBe('06148');
    expect(normalizeCode('20', 2)).toBe('20');
  });

  it('splits official names, whatever the case of the unit word', () => {
    expect(splitName('Xã Thụy Hùng', 'COMMUNE')).toEqual({ name: 'Thụy Hùng', kind: 'COMMUNE' });
    expect(splitName('Thị Xã Mường Lay', 'DISTRICT')).toEqual({ name: 'Mường Lay', kind: 'TOWN' });
    expect(splitName('Đặc khu Côn Đảo', 'COMMUNE')).toEqual({ name: 'Côn Đảo', kind: 'SPECIAL_ZONE' });
  });

  it('the whole country: 63 provinces before, 34 after, every commune-level unit of both periods', () => {
    const tenants = nationalTenants();
    expect(tenants).toHaveLength(34);
    expect(new Set(tenants.flatMap((t) => t.oldProvinces)).size).toBe(63);
    const data = buildAdminDataset(tenants);
    const communes = data.units.filter((u) => u.level === 'COMMUNE');
    expect(communes.filter((u) => u.validTo === '2025-06-30')).toHaveLength(10_035);
    expect(communes.filter((u) => u.validFrom === '2025-07-01')).toHaveLength(3_321);
    expect(new Set(data.units.map((u) => u.id)).size).toBe(data.units.length);
    // every new commune has at least one predecessor
    const withPredecessor = new Set(data.successions.map((s) => s.successorId));
    expect(communes.filter((u) => u.validFrom && !withPredecessor.has(u.id))).toEqual([]);
  });

  it('demo tenants: Quảng Nam owns only the Đà Nẵng communes that succeeded its own', () => {
    const data = buildAdminDataset(DEMO_TENANTS);
    // (units dated by the earlier changes of data/history/ start before the reform)
    const qnNew = data.units.filter((u) => u.tenantId === 'quang-nam' && u.level === 'COMMUNE' && u.validFrom === '2025-07-01');
    expect(qnNew).toHaveLength(78);
    const ids = new Set(data.units.filter((u) => u.tenantId === 'lang-son').map((u) => u.id));
    expect(data.units.filter((u) => u.tenantId === 'quang-nam').some((u) => ids.has(u.id))).toBe(false);
  });

  it('history (issue #18 §3): Lạng Sơn 226 units (207 xã) until 31/12/2019, 200 (181 xã) from 1/1/2020; every ended unit has a recorded successor', () => {
    const data = buildAdminDataset(DEMO_TENANTS);
    const on = (t: string, day: string) =>
      data.units.filter((u) => u.tenantId === t && u.level === 'COMMUNE' && (u.validFrom === null || u.validFrom <= day) && (u.validTo === null || u.validTo >= day));
    expect(on('lang-son', '2019-12-31')).toHaveLength(226);
    expect(on('lang-son', '2019-12-31').filter((u) => u.kind === 'COMMUNE')).toHaveLength(207);
    expect(on('lang-son', '2020-01-01')).toHaveLength(200);
    expect(on('lang-son', '2020-01-01').filter((u) => u.kind === 'COMMUNE')).toHaveLength(181);
    expect(on('quang-nam', '2020-01-31')).toHaveLength(244);
    expect(on('quang-nam', '2020-02-01')).toHaveLength(241);
    const linked = new Map(data.successions.filter((s) => s.changeId).map((s) => [s.predecessorId, s.changeId]));
    const endedEarly = data.units.filter((u) => u.validTo !== null && u.validTo < '2025-06-30');
    expect(endedEarly.length).toBeGreaterThan(0);
    expect(endedEarly.filter((u) => !linked.has(u.id))).toEqual([]);
    const changeIds = new Set(data.changes.map((c) => c.id));
    expect([...linked.values()].every((id) => changeIds.has(id!))).toBe(true);
    // a guessed successor is never presented as the resolution's words
    for (const c of data.changes) {
      expect(c.provenance.kind === 'EXTERNAL' || c.provenance.kind === 'PROVINCE_SETTING').toBe(true);
      if (/heuristic/.test(c.provenance.note ?? '')) expect(c.provenance.kind).toBe('PROVINCE_SETTING');
    }
  });
});
