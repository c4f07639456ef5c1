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
    const qnNew = data.units.filter((u) => u.tenantId === 'quang-nam' && u.level === 'COMMUNE' && u.validFrom);
    expect(qnNew).toHaveLength(78);
    const ids = new Set(data.units.filter((u) => u.tenantId === 'lang-son').map((u) => u.id));
    expect(data.units.filter((u) => u.tenantId === 'quang-nam').some((u) => ids.has(u.id))).toBe(false);
  });
});
