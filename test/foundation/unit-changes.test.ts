import { beforeAll, describe, expect, it } from 'vitest';
import { codes, gql, platform, tokenFor, withDb, type GqlResult } from '../support/client.js';
import { createTestTenant } from '../support/tenants.js';

/**
 * Issue #18 §3: geography changes as audited data. The demo tenants carry the changes of 2019–2025
 * (data/history/) as recorded changes, so every `asOf` from 2016 answers with that day's units; an
 * admin records new ones.
 */
describe('the history of the demo provinces, as recorded changes', () => {
  let ls: string;
  let qn: string;
  beforeAll(async () => {
    ls = await tokenFor('lang-son', 'analyst');
    qn = await tokenFor('quang-nam', 'analyst');
  });

  const COUNTS = `query($asOf: Date) {
      all: communes(filter: { asOf: $asOf }, first: 1) { totalCount }
      xa: communes(filter: { asOf: $asOf, kind: COMMUNE }, first: 1) { totalCount } }`;

  it('Lạng Sơn has 207 xã on 2019-06-01 and 181 on 2020-06-01 (818/NQ-UBTVQH14: 226 units became 200)', async () => {
    const before = await gql(ls, COUNTS, { asOf: '2019-06-01' });
    expect(before.errors).toBeUndefined();
    expect(before.data).toEqual({ all: { totalCount: 226 }, xa: { totalCount: 207 } });
    const after = await gql(ls, COUNTS, { asOf: '2020-06-01' });
    expect(after.data).toEqual({ all: { totalCount: 200 }, xa: { totalCount: 181 } });
    // 2016 (the 2017 list is the state since 2015) and after the round of 1/12/2024
    expect((await gql(ls, COUNTS, { asOf: '2016-01-01' })).data.all.totalCount).toBe(226);
    expect((await gql(ls, COUNTS, { asOf: '2024-12-15' })).data).toEqual({ all: { totalCount: 194 }, xa: { totalCount: 175 } });
  });

  it('Quảng Nam: 244 units in 2019, 241 from 1/2/2020 (863/NQ-UBTVQH14), 233 from 1/1/2025; Nông Sơn district until 31/12/2024', async () => {
    expect((await gql(qn, COUNTS, { asOf: '2019-06-01' })).data).toEqual({ all: { totalCount: 244 }, xa: { totalCount: 207 } });
    expect((await gql(qn, COUNTS, { asOf: '2020-06-01' })).data.all.totalCount).toBe(241);
    expect((await gql(qn, COUNTS, { asOf: '2025-03-01' })).data.all.totalCount).toBe(233);
    const d = await gql(qn, `{ a: district(code: "519", asOf: "2024-06-01") { fullName validTo }
      b: district(code: "519", asOf: "2025-01-01") { fullName } }`);
    expect(d.data).toEqual({ a: { fullName: 'Huyện Nông Sơn', validTo: '2024-12-31' }, b: null });
  });

  it('a commune merged in 2020 ends on 31/12/2019, and its succession leads to today’s unit (and its position)', async () => {
    const r = await gql(ls, `{ commune(code: "06052", asOf: "2019-06-01") {
        fullName validTo district { name }
        successors { code fullName validFrom validTo successors { code validFrom } }
        location { inherited inheritedFromCode } } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data.commune).toMatchObject({ fullName: 'Xã Bắc Ái', validTo: '2019-12-31', district: { name: 'Tràng Định' } });
    expect(r.data.commune.successors).toHaveLength(1);
    expect(r.data.commune.successors[0]).toMatchObject({ code: '06031', fullName: 'Xã Kim Đồng', validTo: '2025-06-30' });
    expect(r.data.commune.successors[0].successors.every((s: { validFrom: string }) => s.validFrom === '2025-07-01')).toBe(true);
    expect(r.data.commune.location.inherited).toBe(true);
    expect((await gql(ls, `{ commune(code: "06052", asOf: "2020-06-01") { id } }`)).data.commune).toBeNull();
    // a code kept under another name: Tô Hiệu (xã) in 2019, Thị trấn Bình Gia from 2020
    const kept = await gql(ls, `{ a: commune(code: "06112", asOf: "2019-06-01") { fullName kind validTo }
      b: commune(code: "06112", asOf: "2020-06-01") { fullName kind validFrom predecessors { code fullName } } }`);
    expect(kept.data.a).toEqual({ fullName: 'Xã Tô Hiệu', kind: 'COMMUNE', validTo: '2019-12-31' });
    expect(kept.data.b).toMatchObject({ fullName: 'Thị trấn Bình Gia', kind: 'TOWNSHIP', validFrom: '2020-01-01' });
    expect(kept.data.b.predecessors.map((p: { code: string; fullName: string }) => `${p.code} ${p.fullName}`)).toEqual([
      '06064 Thị trấn Bình Gia',
      '06112 Xã Tô Hiệu',
    ]);
  });

  it('unitChanges lists them with their legal basis; a guessed successor says so in its provenance', async () => {
    const r = await gql(ls, `{ unitChanges(filter: { effectiveFrom: "2020-01-01", effectiveTo: "2020-01-01" }, first: 100) {
        totalCount nodes { kind level effectiveOn legalBasis recordedBy provenance { kind document note }
          predecessors { code fullName validTo } successors { code fullName commune { id } } } } }`);
    expect(r.errors).toBeUndefined();
    const nodes = r.data.unitChanges.nodes as any[];
    expect(r.data.unitChanges.totalCount).toBe(20);
    expect(nodes.every((n) => n.legalBasis.startsWith('818/NQ-UBTVQH14') && n.recordedBy === 'system:seed' && n.level === 'COMMUNE')).toBe(true);
    // 26 codes of 2019 ended that day (the 226 → 200), every one a predecessor of one change
    const ended = nodes.flatMap((n) => n.predecessors.filter((p: { validTo: string }) => p.validTo === '2019-12-31'));
    expect(new Set(ended.map((p: { code: string }) => p.code)).size).toBe(26 + 12); // + the 12 codes kept under a new name
    const binhGia = nodes.find((n) => n.successors[0].code === '06112')!;
    expect(binhGia.provenance.kind).toBe('PROVINCE_SETTING');
    expect(binhGia.provenance.note).toContain('guess');
    const kimDong = nodes.find((n) => n.successors[0].code === '06031')!;
    expect(kimDong).toMatchObject({ kind: 'MERGE', provenance: { kind: 'EXTERNAL', document: '818/NQ-UBTVQH14 (21/11/2019, effective 1/1/2020)' } });
    expect(kimDong.successors[0].commune.id).toBeTruthy();
    // the 2024 round's resolution number is not verified: the record says so
    const late = await gql(ls, `{ unitChanges(filter: { effectiveFrom: "2024-01-01", effectiveTo: "2025-06-30" }) { nodes { effectiveOn legalBasis provenance { note } } } }`);
    expect(late.data.unitChanges.nodes.length).toBeGreaterThan(0);
    for (const n of late.data.unitChanges.nodes) {
      expect(n.effectiveOn).toBe('2024-12-01');
      expect(n.legalBasis).toContain('not verified');
    }
  });

  it('the 2025 reform is recorded too: one change per unit formed on 1/7/2025, with its resolution', async () => {
    const Q = `query($first: Int, $after: String) { unitChanges(filter: { effectiveFrom: "2025-07-01", effectiveTo: "2025-07-01" }, first: $first, after: $after) {
        totalCount pageInfo { hasNextPage endCursor }
        nodes { kind level legalBasis provenance { kind document note } predecessors { code validTo } successors { code validFrom } } } }`;
    const all = async (token: string) => {
      const nodes: any[] = [];
      let after: string | null = null;
      for (;;) {
        const r: GqlResult = await gql(token, Q, { first: 100, after });
        expect(r.errors).toBeUndefined();
        nodes.push(...r.data.unitChanges.nodes);
        if (!r.data.unitChanges.pageInfo.hasNextPage) return { total: r.data.unitChanges.totalCount as number, nodes };
        after = r.data.unitChanges.pageInfo.endCursor;
      }
    };
    // Lạng Sơn kept its province: 65 communes and wards from 1/7/2025 (1672/NQ-UBTVQH15), each one change
    const lsChanges = await all(ls);
    expect(lsChanges.total).toBe(65);
    expect(lsChanges.nodes).toHaveLength(65);
    expect(lsChanges.nodes.every((n) => n.level === 'COMMUNE' && n.legalBasis.startsWith('1672/NQ-UBTVQH15') && n.provenance.kind === 'EXTERNAL')).toBe(true);
    expect(new Set(lsChanges.nodes.map((n) => n.successors[0].code)).size).toBe(65);
    expect(lsChanges.nodes.every((n) => n.successors.length === 1 && n.successors[0].validFrom === '2025-07-01')).toBe(true);
    expect(lsChanges.nodes.every((n) => n.predecessors.length > 0 && n.predecessors.every((p: { validTo: string }) => p.validTo === '2025-06-30'))).toBe(true);
    expect(lsChanges.nodes.filter((n) => n.kind === 'MERGE').length).toBeGreaterThan(50);
    // Quảng Nam became part of Đà Nẵng: the province merged (202/2025/QH15); its communes' resolution
    // is not recorded here, so each says the province must confirm it
    const qnChanges = await all(qn);
    const province = qnChanges.nodes.filter((n) => n.level === 'PROVINCE');
    expect(province).toHaveLength(1);
    expect(province[0]).toMatchObject({ kind: 'MERGE', provenance: { kind: 'EXTERNAL' }, predecessors: [{ code: '49' }], successors: [{ code: '48' }] });
    expect(province[0].legalBasis).toMatch(/^202\/2025\/QH15/);
    const communes = qnChanges.nodes.filter((n) => n.level === 'COMMUNE');
    expect(communes.length).toBeGreaterThan(50);
    expect(communes.every((n) => n.provenance.kind === 'PROVINCE_SETTING' && n.provenance.note.includes('must confirm'))).toBe(true);
  });

  it('unitChanges pages like every list: orderBy, first/after, last/before', async () => {
    const Q = `query($first: Int, $after: String, $last: Int, $before: String, $orderBy: [UnitChangeOrder!]) {
      unitChanges(first: $first, after: $after, last: $last, before: $before, orderBy: $orderBy) {
        totalCount nodes { id effectiveOn } pageInfo { hasNextPage hasPreviousPage endCursor startCursor } } }`;
    const all = await gql(ls, Q, { first: 500 });
    const total = all.data.unitChanges.totalCount;
    expect(total).toBe(25 + 65); // 2019–2024, and the 2025 reform's 65
    const days = all.data.unitChanges.nodes.map((n: { effectiveOn: string }) => n.effectiveOn);
    expect(days).toEqual([...days].sort());
    const p1 = await gql(ls, Q, { first: 10 });
    const p2 = await gql(ls, Q, { first: 10, after: p1.data.unitChanges.pageInfo.endCursor });
    expect([...p1.data.unitChanges.nodes, ...p2.data.unitChanges.nodes].map((n: { id: string }) => n.id)).toEqual(
      all.data.unitChanges.nodes.slice(0, 20).map((n: { id: string }) => n.id),
    );
    const back = await gql(ls, Q, { last: 10, before: p2.data.unitChanges.pageInfo.startCursor });
    expect(back.data.unitChanges.nodes.map((n: { id: string }) => n.id)).toEqual(p1.data.unitChanges.nodes.map((n: { id: string }) => n.id));
    const desc = await gql(ls, Q, { first: 1, orderBy: [{ field: 'EFFECTIVE_ON', direction: 'DESC' }] });
    expect(desc.data.unitChanges.nodes[0].effectiveOn).toBe('2025-07-01');
    expect(codes(await gql(ls, Q, { first: 1, after: p1.data.unitChanges.pageInfo.endCursor, orderBy: [{ field: 'RECORDED_AT', direction: 'ASC' }] }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    // another province sees only its own
    const other = await gql(qn, `{ unitChanges(first: 500) { totalCount nodes { predecessors { code } } } }`);
    expect(other.data.unitChanges.nodes.flatMap((n: any) => n.predecessors.map((p: { code: string }) => p.code)).every((c: string) => !c.startsWith('0'))).toBe(true);
  });
});

describe('recordUnitChange / recordUnitChanges (admin): audited, all or nothing, coded refusals', () => {
  let tenant: string;
  let admin: string;
  let officer: string;
  let units: { id: string; code: string; fullName: string }[];

  const RECORD = `mutation($input: UnitChangeInput!) { recordUnitChange(input: $input) {
      id kind effectiveOn legalBasis provenance { kind document note } recordedBy
      predecessors { id code validTo } successors { id code fullName validFrom commune { id name kind province { code } } } } }`;
  const MANY = `mutation($changes: [UnitChangeInput!]!) { recordUnitChanges(changes: $changes) { id kind } }`;
  const auditRows = () =>
    withDb(platform().adminDbUrl, async (c) =>
      (await c.query(`select * from communes.audit_log where tenant_id = $1 and operation not like 'seed:%' order by at`, [tenant])).rows,
    );
  const unitCount = () =>
    withDb(platform().adminDbUrl, async (c) => Number((await c.query(`select count(*) from communes.admin_unit where tenant_id = $1`, [tenant])).rows[0].count));

  beforeAll(async () => {
    tenant = await createTestTenant('changes');
    admin = await tokenFor(tenant, 'admin', { sub: 'minh@caobang' });
    officer = await tokenFor(tenant, 'officer');
    units = (await gql(admin, `{ communes(filter: { asOf: "2026-01-01", kind: COMMUNE }, first: 12) { nodes { id code fullName } } }`)).data.communes.nodes;
    expect(units.length).toBe(12);
  });

  it('a MERGE into an existing commune: the others end the day before, asOf answers before and after, one audit row', async () => {
    const [a, b, into] = units;
    const auditBefore = (await auditRows()).length;
    const r = await gql(admin, RECORD, {
      input: {
        kind: 'MERGE', level: 'COMMUNE', effectiveOn: '2027-01-01', legalBasis: 'Nghị quyết số 9999/NQ-UBTVQH15 (thử nghiệm)',
        predecessors: [{ id: a!.id }, { code: b!.code }], successors: [{ id: into!.id }],
      },
    });
    expect(r.errors).toBeUndefined();
    const c = r.data.recordUnitChange;
    expect(c).toMatchObject({ kind: 'MERGE', effectiveOn: '2027-01-01', recordedBy: 'minh@caobang', provenance: { kind: 'EXTERNAL', document: 'Nghị quyết số 9999/NQ-UBTVQH15 (thử nghiệm)' } });
    expect(c.predecessors.map((p: { id: string; validTo: string }) => [p.id, p.validTo]).sort()).toEqual([[a!.id, '2026-12-31'], [b!.id, '2026-12-31']].sort());
    expect(c.successors).toEqual([expect.objectContaining({ id: into!.id })]);
    const on = async (asOf: string) =>
      (await gql(admin, `query($asOf: Date) { communes(filter: { asOf: $asOf }, first: 500) { nodes { id } } }`, { asOf })).data.communes.nodes.map((n: { id: string }) => n.id);
    expect(await on('2026-12-31')).toEqual(expect.arrayContaining([a!.id, b!.id, into!.id]));
    const after = await on('2027-01-01');
    expect(after).toContain(into!.id);
    expect(after).not.toContain(a!.id);
    const s = await gql(admin, `query($id: ID!) { commune(id: $id) { predecessors { id } } }`, { id: into!.id });
    expect(s.data.commune.predecessors.map((p: { id: string }) => p.id)).toEqual(expect.arrayContaining([a!.id, b!.id]));
    const rows = (await auditRows()).slice(auditBefore);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ operation: 'recordUnitChange', actor: 'minh@caobang', request_id: r.requestId });
    expect(rows[0].changes.length).toBeGreaterThanOrEqual(5); // the change, two ends, two links
    // the unit's changes: the one that formed it on 1/7/2025 (the reform, seeded) and this one
    const listed = await gql(admin, `query($id: ID!) { unitChanges(filter: { unitId: $id }) { totalCount nodes { id effectiveOn } } }`, { id: a!.id });
    expect(listed.data.unitChanges.totalCount).toBe(2);
    expect(listed.data.unitChanges.nodes.map((n: { effectiveOn: string }) => n.effectiveOn)).toEqual(['2025-07-01', '2027-01-01']);
    expect(listed.data.unitChanges.nodes[1].id).toBe(c.id);
  });

  it('RENAME, RECLASSIFY and SPLIT make new units from the day, in one all-or-nothing batch', async () => {
    const [, , , r1, r2, sp] = units;
    const name = (u: { fullName: string }) => u.fullName.replace(/^Xã /, '');
    const r = await gql(admin, MANY, {
      changes: [
        { kind: 'RENAME', level: 'COMMUNE', effectiveOn: '2027-03-01', legalBasis: 'NQ thử nghiệm 1', predecessors: [{ id: r1!.id }], newUnits: [{ fullName: `Xã ${name(r1!)} Mới` }] },
        { kind: 'RECLASSIFY', level: 'COMMUNE', effectiveOn: '2027-03-01', legalBasis: 'NQ thử nghiệm 2', predecessors: [{ id: r2!.id }], newUnits: [{ fullName: `Phường ${name(r2!)}` }] },
        {
          kind: 'SPLIT', level: 'COMMUNE', effectiveOn: '2027-03-01', legalBasis: 'NQ thử nghiệm 3', predecessors: [{ code: sp!.code }],
          newUnits: [{ code: '99901', fullName: 'Xã Bắc Thử' }, { code: '99902', fullName: 'Xã Nam Thử' }],
          provenance: { kind: 'DOCUMENT', document: 'NQ thử nghiệm 3', section: 'Điều 1', quote: 'Chia xã … thành hai xã' },
        },
      ],
    });
    expect(r.errors).toBeUndefined();
    expect(r.data.recordUnitChanges.map((c: { kind: string }) => c.kind)).toEqual(['RENAME', 'RECLASSIFY', 'SPLIT']);
    const now = await gql(admin, `{ communes(filter: { asOf: "2027-03-01", search: "thu" }) { nodes { code fullName kind validFrom predecessors { id } } }
      ward: communes(filter: { asOf: "2027-03-01", kind: WARD }, first: 500) { nodes { fullName predecessors { id } } } }`);
    const split = now.data.communes.nodes.filter((n: { code: string }) => n.code.startsWith('999'));
    expect(split.map((n: any) => [n.code, n.fullName, n.validFrom, n.predecessors[0].id])).toEqual([
      ['99901', 'Xã Bắc Thử', '2027-03-01', sp!.id],
      ['99902', 'Xã Nam Thử', '2027-03-01', sp!.id],
    ]);
    expect(now.data.ward.nodes.find((w: any) => w.predecessors.some((p: { id: string }) => p.id === r2!.id))).toMatchObject({ fullName: `Phường ${name(r2!)}` });
    const links = await gql(admin, `query($id: ID!) { commune(id: $id) { validTo successors { code } } }`, { id: sp!.id });
    expect(links.data.commune).toEqual({ validTo: '2027-02-28', successors: [{ code: '99901' }, { code: '99902' }] });
  });

  it('refusals carry a code and a reason, and write nothing', async () => {
    const [a, , , , , , u7, u8, u9] = units;
    const base = { level: 'COMMUNE', effectiveOn: '2028-01-01', legalBasis: 'NQ thử nghiệm' };
    const before = { audit: (await auditRows()).length, units: await unitCount() };
    const expectRefused = (r: GqlResult, code: string, reason: string) => {
      expect(codes(r)).toEqual([code]);
      expect(r.errors![0]!.extensions!.reason).toBe(reason);
    };
    // not an admin
    expect(codes(await gql(officer, RECORD, { input: { ...base, kind: 'MERGE', predecessors: [{ id: u7!.id }], successors: [{ id: u8!.id }] } }))).toEqual(['FORBIDDEN']);
    // an unknown unit, and one of another province
    expectRefused(await gql(admin, RECORD, { input: { ...base, kind: 'MERGE', predecessors: [{ code: '00001' }], successors: [{ id: u8!.id }] } }), 'BAD_USER_INPUT', 'UNKNOWN_UNIT');
    const lsUnit = (await gql(await tokenFor('lang-son', 'analyst'), `{ commune(code: "06148", asOf: "2026-01-01") { id } }`)).data.commune.id;
    expectRefused(await gql(admin, RECORD, { input: { ...base, kind: 'MERGE', predecessors: [{ id: lsUnit }], successors: [{ id: u8!.id }] } }), 'BAD_USER_INPUT', 'UNKNOWN_UNIT');
    // a MERGE with two successors; a RENAME that keeps the name
    expectRefused(await gql(admin, RECORD, { input: { ...base, kind: 'MERGE', predecessors: [{ id: u7!.id }], successors: [{ id: u8!.id }, { id: u9!.id }] } }), 'BAD_USER_INPUT', 'INCONSISTENT');
    expectRefused(await gql(admin, RECORD, { input: { ...base, kind: 'RENAME', predecessors: [{ id: u7!.id }], newUnits: [{}] } }), 'BAD_USER_INPUT', 'INCONSISTENT');
    // a unit ended already (merged in 2027 above); a code in use; a name without its unit word
    expectRefused(await gql(admin, RECORD, { input: { ...base, kind: 'MERGE', predecessors: [{ id: a!.id }], successors: [{ id: u8!.id }] } }), 'CONFLICT', 'UNIT_ENDED');
    expectRefused(await gql(admin, RECORD, { input: { ...base, kind: 'RENAME', predecessors: [{ id: u7!.id }], newUnits: [{ code: u8!.code, fullName: 'Xã Khác Tên' }] } }), 'CONFLICT', 'CODE_IN_USE');
    expectRefused(await gql(admin, RECORD, { input: { ...base, kind: 'RENAME', predecessors: [{ id: u7!.id }], newUnits: [{ fullName: 'Khác Tên' }] } }), 'BAD_USER_INPUT', 'INVALID_FORMAT');
    expectRefused(await gql(admin, RECORD, { input: { ...base, kind: 'MERGE', legalBasis: ' ', predecessors: [{ id: u7!.id }], successors: [{ id: u8!.id }] } }), 'BAD_USER_INPUT', 'REQUIRED');
    expectRefused(await gql(admin, RECORD, { input: { ...base, effectiveOn: '1900-01-01', kind: 'MERGE', predecessors: [{ id: u7!.id }], successors: [{ id: u8!.id }] } }), 'BAD_USER_INPUT', 'YEAR_OUT_OF_RANGE');
    expectRefused(await gql(admin, RECORD, { input: { ...base, kind: 'MERGE', predecessors: [{ id: u7!.id }], successors: [{ id: u8!.id }], provenance: { kind: 'DOCUMENT' } } }), 'BAD_USER_INPUT', 'INCONSISTENT');
    // a batch whose second change fails writes nothing of the first either
    const batch = await gql(admin, MANY, {
      changes: [
        { ...base, kind: 'MERGE', predecessors: [{ id: u7!.id }], successors: [{ id: u8!.id }] },
        { ...base, kind: 'MERGE', predecessors: [{ id: u7!.id }], successors: [{ id: u9!.id }] },
      ],
    });
    expectRefused(batch, 'CONFLICT', 'UNIT_ENDED');
    expect(batch.errors![0]!.extensions!.field).toBe('changes[1].predecessors[0]');
    expect({ audit: (await auditRows()).length, units: await unitCount() }).toEqual(before);
    const still = await gql(admin, `query($id: ID!) { commune(id: $id) { validTo successors { id } } }`, { id: u7!.id });
    expect(still.data.commune).toEqual({ validTo: null, successors: [] });
  });
});
