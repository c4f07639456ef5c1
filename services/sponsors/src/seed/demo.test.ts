import { seedIds } from '@kn/platform';
import { describe, expect, it } from 'vitest';
import { demoTenants } from './demo.js';

const LS_BORDER = [
  '06004', '06025', '06028', '06043', '06127', '06136', '06148', '06166', '06172', '06190',
  '06193', '06196', '06202', '06238', '06532', '06541', '06547', '06559', '06622', '06619',
];

describe('demo data', () => {
  it('is deterministic: two builds are identical', () => {
    const a = JSON.stringify(demoTenants(), (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
    const b = JSON.stringify(demoTenants(), (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
    expect(a).toBe(b);
  });

  it('is labelled synthetic, 2018–2026, a few thousand rows', () => {
    for (const t of demoTenants()) {
      for (const s of t.sponsors) expect(s.name).toMatch(/\(dữ liệu mẫu\)$/);
      const years = new Set(t.contributions.map((c) => Number(c.contributedOn.slice(0, 4))));
      expect(Math.min(...years)).toBe(2018);
      expect(Math.max(...years)).toBe(2026);
      const rows = t.sponsors.length + t.twinnings.length + t.proposals.length + t.needsItems.length + t.plans.length + t.planItems.length + t.contributions.length;
      expect(rows).toBeLessThan(5000);
    }
  });

  it("Lạng Sơn: every border commune but two has a sponsor by 2020", () => {
    const ls = demoTenants()[0]!;
    const twinnedBy2020 = new Set(
      ls.twinnings.filter((t) => t.status !== 'PROPOSED' && t.startsOn <= '2020-12-31').map((t) => t.communeId),
    );
    const without = LS_BORDER.filter((code) => !twinnedBy2020.has(seedIds.unit('lang-son', 'COMMUNE', code, 'old')));
    expect(without).toEqual(['06172', '06547']);
  });

  it('Quảng Nam: departments carry staff counts, lowland districts twin in Nam Giang and Tây Giang, deadlines are data', () => {
    const qn = demoTenants()[1]!;
    for (const s of qn.sponsors.filter((x) => x.kind === 'PROVINCIAL_AGENCY')) expect(s.staffCount).toBeGreaterThan(0);
    const lowland = qn.sponsors.filter((s) => s.lowland);
    expect(lowland).toHaveLength(9);
    const western = new Set(
      ['20698', '20699', '20701', '20702', '20704', '20705', '20707', '20710', '20713', '20716', '20719', '20695',
        '20437', '20440', '20443', '20446', '20449', '20452', '20455', '20458', '20461', '20464'].map((c) => seedIds.unit('quang-nam', 'COMMUNE', c, 'old')),
    );
    for (const t of qn.twinnings.filter((x) => lowland.some((s) => s.id === x.sponsorId))) expect(western.has(t.communeId)).toBe(true);
    expect(qn.deadlines.map((d) => `${d.day}/${d.month}`)).toEqual(['28/2', '31/3']);
    expect(qn.plans.some((p) => p.onTime === false)).toBe(true);
    // Thăng Bình, 2022: one đồng short of 200 million
    const tb = qn.sponsors.find((s) => s.code === 'QN-H513')!;
    const total = qn.contributions
      .filter((c) => c.sponsorId === tb.id && c.contributedOn.startsWith('2022'))
      .reduce((s, c) => s + c.cashVnd + c.inKindVnd, 0n);
    expect(total).toBe(199_999_999n);
  });
});
