import { beforeAll, describe, expect, it } from 'vitest';
import { gql, tokenFor, type GqlResult } from '../support/client.js';

/** The real administrative geography of the demo tenants, before and after 1 July 2025. */
describe('geography across the 2025 reform', () => {
  let ls: string;
  let qn: string;
  beforeAll(async () => {
    ls = await tokenFor('lang-son', 'analyst');
    qn = await tokenFor('quang-nam', 'analyst');
  });

  const BORDER_2019 = `query { communes(filter: { classification: BORDER, asOf: "2019-06-01" }, first: 100) {
      totalCount nodes { code name district { code name } } } }`;

  it('Lạng Sơn had exactly the 20 border communes of its 2018 programme, Mẫu Sơn twice', async () => {
    const r = await gql(ls, BORDER_2019);
    expect(r.errors).toBeUndefined();
    const nodes = r.data.communes.nodes as { code: string; name: string; district: { name: string } }[];
    expect(r.data.communes.totalCount).toBe(20);
    const byDistrict = (d: string) => nodes.filter((n) => n.district.name === d).map((n) => n.name).sort();
    expect(byDistrict('Tràng Định')).toEqual(['Quốc Khánh', 'Tân Minh', 'Đào Viên', 'Đội Cấn'].sort());
    expect(byDistrict('Văn Lãng')).toEqual(['Thanh Long', 'Thụy Hùng', 'Trùng Khánh', 'Tân Mỹ', 'Tân Thanh'].sort());
    expect(byDistrict('Cao Lộc')).toEqual(['Bảo Lâm', 'Cao Lâu', 'Mẫu Sơn', 'Thanh Lòa', 'Xuất Lễ'].sort());
    expect(byDistrict('Lộc Bình')).toEqual(['Mẫu Sơn', 'Tam Gia', 'Tú Mịch', 'Yên Khoái'].sort());
    expect(byDistrict('Đình Lập')).toEqual(['Bính Xá', 'Bắc Xa'].sort());
    expect(nodes.filter((n) => n.name === 'Mẫu Sơn').map((n) => n.district.name).sort()).toEqual(['Cao Lộc', 'Lộc Bình']);
  });

  it('code 06148 names Thanh Long (Văn Lãng) in 2019 and Thụy Hùng, without district, in 2026', async () => {
    const q = `query($asOf: Date) { commune(code: "06148", asOf: $asOf) {
        id code name fullName kind validFrom validTo district { name } province { code name }
        predecessors { code name district { name } } successors { code name } } }`;
    const before = await gql(ls, q, { asOf: '2019-06-01' });
    expect(before.data.commune).toMatchObject({
      name: 'Thanh Long', fullName: 'Xã Thanh Long', kind: 'COMMUNE', validTo: '2025-06-30',
      district: { name: 'Văn Lãng' }, province: { code: '20', name: 'Lạng Sơn' },
      successors: [{ code: '06148', name: 'Thụy Hùng' }],
    });
    const after = await gql(ls, q, { asOf: '2026-01-01' });
    expect(after.data.commune).toMatchObject({
      name: 'Thụy Hùng', validFrom: '2025-07-01', validTo: null, district: null, province: { code: '20' },
    });
    expect(after.data.commune.id).not.toBe(before.data.commune.id);
    expect(after.data.commune.predecessors.map((p: { code: string; name: string }) => `${p.code} ${p.name}`)).toEqual([
      '06127 Trùng Khánh',
      '06136 Thụy Hùng',
      '06148 Thanh Long',
    ]);
  });

  it('Bính Xá 06622 was split between Đình Lập 06613 and Kiên Mộc 06625', async () => {
    const r = await gql(ls, `{ commune(code: "06622", asOf: "2020-01-01") { name successors { code name predecessors { code } } } }`);
    expect(r.data.commune.name).toBe('Bính Xá');
    expect(r.data.commune.successors.map((s: { code: string; name: string }) => `${s.code} ${s.name}`)).toEqual([
      '06613 Đình Lập',
      '06625 Kiên Mộc',
    ]);
    for (const s of r.data.commune.successors) expect(s.predecessors.map((p: { code: string }) => p.code)).toContain('06622');
  });

  it('search ignores case and diacritics: "thuy hung" finds both Thụy Hùng communes of 2019', async () => {
    const r = await gql(ls, `{ communes(filter: { search: "thuy hung", asOf: "2019-06-01" }) {
        totalCount nodes { code name district { name } } } }`);
    expect(r.data.communes.nodes.map((n: { code: string; district: { name: string } }) => `${n.code} ${n.district.name}`)).toEqual([
      '06136 Văn Lãng',
      '06208 Cao Lộc',
    ]);
    const upper = await gql(ls, `{ communes(filter: { search: "THỤY HÙNG", asOf: "2019-06-01" }) { totalCount } }`);
    expect(upper.data.communes.totalCount).toBe(2);
  });

  it('Lạng Sơn: 11 districts and 194 commune-level units before, 65 units after, one province throughout', async () => {
    const r = await gql(ls, `{
      old: communes(filter: { asOf: "2025-06-30" }, first: 1) { totalCount }
      new: communes(filter: { asOf: "2025-07-01" }, first: 1) { totalCount }
      districtsOld: districts(asOf: "2025-06-30") { code }
      districtsNew: districts(asOf: "2025-07-01") { code }
      provinces(asOf: "2019-01-01") { code name validTo communes(asOf: "2026-01-01") { code } }
    }`);
    expect(r.data.old.totalCount).toBe(194);
    expect(r.data.new.totalCount).toBe(65);
    expect(r.data.districtsOld).toHaveLength(11);
    expect(r.data.districtsNew).toHaveLength(0);
    expect(r.data.provinces).toHaveLength(1);
    expect(r.data.provinces[0]).toMatchObject({ code: '20', name: 'Lạng Sơn', validTo: null });
    expect(r.data.provinces[0].communes).toHaveLength(65);
  });

  it('Quảng Nam continues inside Đà Nẵng: old province 49 until 30/6/2025, then 48 with its 78 successor communes', async () => {
    const r = await gql(qn, `{
      before: provinces(asOf: "2024-01-01") { code name validTo successors { code name } }
      after: provinces(asOf: "2025-07-01") { code fullName validFrom predecessors { code name } communes { code } }
      mountain: communes(filter: { classification: ETHNIC_MINORITY_MOUNTAINOUS, districtCode: "504", asOf: "2024-01-01" }) { totalCount }
      border: communes(filter: { classification: BORDER, asOf: "2024-01-01" }) { nodes { name district { name } } }
      lowland: districts(asOf: "2024-01-01") { name classifications }
    }`);
    expect(r.errors).toBeUndefined();
    expect(r.data.before).toEqual([{ code: '49', name: 'Quảng Nam', validTo: '2025-06-30', successors: [{ code: '48', name: 'Đà Nẵng' }] }]);
    expect(r.data.after[0]).toMatchObject({ code: '48', fullName: 'Thành phố Đà Nẵng', validFrom: '2025-07-01' });
    expect(r.data.after[0].predecessors).toEqual([{ code: '49', name: 'Quảng Nam' }]);
    expect(r.data.after[0].communes).toHaveLength(78);
    expect(r.data.mountain.totalCount).toBe(10);
    const border = r.data.border.nodes.map((n: { name: string; district: { name: string } }) => `${n.district.name}: ${n.name}`).sort();
    expect(border).toEqual(
      [
        'Tây Giang: A Xan', "Tây Giang: Ch'ơm", 'Tây Giang: Ga Ri', "Tây Giang: Tr'Hy",
        'Nam Giang: Laêê', 'Nam Giang: Chơ Chun', 'Nam Giang: Đắc Pre', 'Nam Giang: Đắc Pring', 'Nam Giang: La Dêê', 'Nam Giang: Đắc Tôi',
      ].sort(),
    );
    const lowland = r.data.lowland.filter((d: { classifications: string[] }) => d.classifications.includes('LOWLAND'));
    expect(lowland.map((d: { name: string }) => d.name).sort()).toEqual(
      ['Tam Kỳ', 'Hội An', 'Điện Bàn', 'Đại Lộc', 'Duy Xuyên', 'Quế Sơn', 'Thăng Bình', 'Núi Thành', 'Phú Ninh'].sort(),
    );
  });

  it('the new communes that succeeded border communes are border communes too', async () => {
    const r = await gql(ls, `{ communes(filter: { classification: BORDER, asOf: "2026-01-01" }) { nodes { code name predecessors { code } } } }`);
    const names = r.data.communes.nodes.map((n: { name: string }) => n.name);
    expect(names).toContain('Thụy Hùng');
    expect(names).toEqual(expect.arrayContaining(['Đình Lập', 'Kiên Mộc']));
    for (const n of r.data.communes.nodes) expect(n.predecessors.length).toBeGreaterThan(0);
  });

  it('pages through a list with cursors, without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (let i = 0; i < 10; i++) {
      const r: GqlResult = await gql(
        ls,
        `query($after: String) { communes(filter: { asOf: "2020-01-01" }, first: 50, after: $after) {
          totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      total = r.data.communes.totalCount;
      seen.push(...r.data.communes.edges.map((e: { node: { id: string } }) => e.node.id));
      if (!r.data.communes.pageInfo.hasNextPage) break;
      after = r.data.communes.pageInfo.endCursor;
    }
    // on 1/1/2020 Lạng Sơn had the 200 units of 818/NQ-UBTVQH14 (issue #18 §3; 194 from 1/12/2024)
    expect(total).toBe(200);
    expect(seen).toHaveLength(200);
    expect(new Set(seen).size).toBe(200);
  });
});
