import { beforeAll, describe, expect, it } from 'vitest';
import { gql, tokenFor } from '../support/client.js';

/** Issue #18 §4: positions for maps, own from 1/7/2025, a successor's (labelled) before. */
describe('unit locations', () => {
  let ls: string;
  let qn: string;
  beforeAll(async () => {
    ls = await tokenFor('lang-son', 'analyst');
    qn = await tokenFor('quang-nam', 'analyst');
  });

  const Q = `query($asOf: Date) { commune(code: "06148", asOf: $asOf) {
      name location { latitude longitude inherited inheritedFromId inheritedFromCode inheritedFromName source } } }`;

  it('a 2025 commune has its own position from the 2025 wards file', async () => {
    const r = await gql(ls, Q, { asOf: '2026-01-01' });
    expect(r.errors).toBeUndefined();
    expect(r.data.commune).toMatchObject({
      name: 'Thụy Hùng',
      location: { latitude: 22.1161, longitude: 106.66, inherited: false, inheritedFromId: null, inheritedFromCode: null },
    });
    expect(r.data.commune.location.source).toContain('2025_34-province-3321-ward_with_location.csv');
  });

  it('an old commune shows its successor’s position, labelled as inherited', async () => {
    const now = await gql(ls, `{ commune(code: "06148", asOf: "2026-01-01") { id } }`);
    const r = await gql(ls, Q, { asOf: '2019-06-01' });
    expect(r.errors).toBeUndefined();
    expect(r.data.commune).toMatchObject({
      name: 'Thanh Long',
      location: {
        latitude: 22.1161, longitude: 106.66, inherited: true,
        inheritedFromId: now.data.commune.id, inheritedFromCode: '06148', inheritedFromName: 'Xã Thụy Hùng',
      },
    });
  });

  it('a split commune takes the position of one of its parts; every unit of a page answers in one go', async () => {
    const split = await gql(ls, `{ commune(code: "06622", asOf: "2020-01-01") { name successors { code } location { inherited inheritedFromCode } } }`);
    expect(split.data.commune.name).toBe('Bính Xá');
    expect(split.data.commune.successors.map((s: { code: string }) => s.code)).toContain(split.data.commune.location.inheritedFromCode);
    expect(split.data.commune.location.inherited).toBe(true);

    const page = await gql(ls, `{ communes(filter: { asOf: "2025-06-30" }, first: 500) { totalCount nodes { code location { latitude inherited } } } }`);
    expect(page.errors).toBeUndefined();
    const nodes = page.data.communes.nodes as { location: { latitude: number; inherited: boolean } | null }[];
    expect(nodes.length).toBe(page.data.communes.totalCount);
    expect(nodes.every((n) => n.location?.inherited === true && n.location.latitude > 20 && n.location.latitude < 23.5)).toBe(true);
  });

  it('provinces: Lạng Sơn (one unit across the reform) has its position; old Quảng Nam inherits Đà Nẵng’s', async () => {
    const r = await gql(ls, `{ province(code: "20") { location { latitude longitude inherited } } }`);
    expect(r.data.province.location).toEqual({ latitude: 21.7736, longitude: 106.728, inherited: false });
    const q = await gql(qn, `{ province(code: "49", asOf: "2019-01-01") { name location { inherited inheritedFromCode inheritedFromName } } }`);
    expect(q.errors).toBeUndefined();
    expect(q.data.province).toMatchObject({
      name: 'Quảng Nam', location: { inherited: true, inheritedFromCode: '48', inheritedFromName: 'Thành phố Đà Nẵng' },
    });
  });
});
