import { beforeAll, describe, expect, it } from 'vitest';
import { seedIds } from '@kn/platform';
import { codes, gql, platform, tokenFor, withDb, type GqlResult } from '../support/client.js';
import { createTestTenant } from '../support/tenants.js';

const PROGRAM_FIELDS = `id code title titleEn kind status documentNumber issuedOn startYear endYear objectives version
  provisions { kind heading text reference }`;
const CREATE_PROGRAM = `mutation($code: String!, $input: ProgramInput!) { createProgram(code: $code, input: $input) { ${PROGRAM_FIELDS} } }`;
const UPDATE_PROGRAM = `mutation($id: ID!, $version: Int!, $input: ProgramInput!) { updateProgram(id: $id, version: $version, input: $input) { ${PROGRAM_FIELDS} } }`;
const CREATE_INDICATOR = `mutation($code: String!, $input: IndicatorInput!) { createIndicator(code: $code, input: $input) { id code name unit higherIsBetter version } }`;
const UPDATE_INDICATOR = `mutation($id: ID!, $version: Int!, $input: IndicatorInput!) { updateIndicator(id: $id, version: $version, input: $input) { id name unit version } }`;
const TARGET_FIELDS = `id year startYear endYear yearly comparison targetValue targetValueMax targetAmount outOf baseline baselineYear
  scope { kind group label size } note version indicator { code unit } program { code }`;
const CREATE_TARGET = `mutation($programId: ID!, $input: TargetInput!) { createTarget(programId: $programId, input: $input) { ${TARGET_FIELDS} } }`;
const UPDATE_TARGET = `mutation($id: ID!, $version: Int!, $input: TargetInput!) { updateTarget(id: $id, version: $version, input: $input) { ${TARGET_FIELDS} } }`;
const DELETE_TARGET = `mutation($id: ID!, $version: Int!) { deleteTarget(id: $id, version: $version) }`;
const TASK_FIELDS = `id title leadAgency coordinatingAgencies directingBody status reference version
  due { kind date wording rule { months quarters day by year intervalMonths } }`;
const CREATE_TASK = `mutation($programId: ID!, $input: TaskInput!) { createTask(programId: $programId, input: $input) { ${TASK_FIELDS} } }`;
const UPDATE_TASK = `mutation($id: ID!, $version: Int!, $input: TaskInput!) { updateTask(id: $id, version: $version, input: $input) { ${TASK_FIELDS} } }`;
const DELETE_TASK = `mutation($id: ID!, $version: Int!) { deleteTask(id: $id, version: $version) }`;
const CREATE_LINE = `mutation($programId: ID!, $input: FundingLineInput!) { createFundingLine(programId: $programId, input: $input) { id source amount year note version } }`;
const UPDATE_LINE = `mutation($id: ID!, $version: Int!, $input: FundingLineInput!) { updateFundingLine(id: $id, version: $version, input: $input) { id amount version } }`;
const DELETE_LINE = `mutation($id: ID!, $version: Int!) { deleteFundingLine(id: $id, version: $version) }`;
const SET_COMMUNES = `mutation($id: ID!, $version: Int!, $communeIds: [ID!]!) { setProgramCommunes(id: $id, version: $version, communeIds: $communeIds) {
  version coveredCommunes { id name } } }`;
const READ = `query($id: ID!) { program(id: $id) { ${PROGRAM_FIELDS} fundingTotal
  targets { ${TARGET_FIELDS} } tasks { ${TASK_FIELDS} } fundingLines { id source amount version } coveredCommunes { id } } }`;

const programInput = (over: Record<string, unknown> = {}) => ({
  title: 'Kế hoạch kết nghĩa thử nghiệm',
  titleEn: 'Test twinning plan',
  kind: 'TWINNING',
  documentNumber: '12/KH-UBND',
  issuedOn: '2024-03-01',
  startYear: 2024,
  endYear: 2026,
  objectives: ['Mục tiêu thử nghiệm'],
  provisions: [{ kind: 'RATING', heading: 'Xếp loại', text: 'xuất sắc, tốt, khá, trung bình, yếu', reference: 'IV' }],
  ...over,
});

/** The refusal: one error, its code, its field and its reason. */
function refusal(r: GqlResult) {
  expect(r.errors, JSON.stringify(r.body)).toHaveLength(1);
  const e = r.errors![0]!;
  return { code: e.extensions?.code, field: e.extensions?.field, reason: e.extensions?.reason };
}

describe('writing programmes (officer, admin): validated, versioned, audited', () => {
  let tenant: string;
  let officer: string;
  let admin: string;
  let programId: string;
  let communeIds: string[];
  let auditCommuneId: string;

  const audit = () =>
    withDb(platform().adminDbUrl, async (c) =>
      (
        await c.query(
          `select operation, actor, actor_roles, request_id, changes, before, after from programs.audit_log
            where tenant_id = $1 and operation not like 'seed:%' order by at, id`,
          [tenant],
        )
      ).rows,
    );
  const read = async (id = programId) => (await gql(officer, READ, { id })).data.program;
  /** A programme of its own for a test, so no test depends on another's leftovers. */
  const newProgram = async (code: string, over: Record<string, unknown> = {}) => {
    const r = await gql(officer, CREATE_PROGRAM, { code, input: programInput(over) });
    expect(r.errors, code).toBeUndefined();
    return r.data.createProgram.id as string;
  };

  beforeAll(async () => {
    tenant = await createTestTenant('prog');
    officer = await tokenFor(tenant, 'officer', { sub: 'officer@test' });
    admin = await tokenFor(tenant, 'admin', { sub: 'admin@test' });
    const r = await gql(admin, `{ communes(filter: { asOf: "2020-01-01" }, first: 4) { nodes { id } } }`);
    // three for the coverage test, the fourth for the audit test
    communeIds = r.data.communes.nodes.map((n: { id: string }) => n.id).slice(0, 3);
    auditCommuneId = r.data.communes.nodes[3].id;
    for (const [code, name, unit] of [
      ['POOR_HOUSEHOLDS_HELPED', 'Số hộ nghèo được giúp đỡ', 'HOUSEHOLDS'],
      ['SUPPORT_AMOUNT', 'Kinh phí hỗ trợ', 'VND'],
      ['POVERTY_RATE', 'Tỷ lệ hộ nghèo', 'PERCENT'],
      ['AVERAGE_CRITERIA', 'Số tiêu chí bình quân', 'CRITERIA'],
    ]) {
      const c = await gql(officer, CREATE_INDICATOR, { code, input: { name, unit, higherIsBetter: unit !== 'PERCENT' } });
      expect(c.errors, code).toBeUndefined();
    }
    const p = await gql(officer, CREATE_PROGRAM, { code: 'T-KN-2024', input: programInput() });
    expect(p.errors).toBeUndefined();
    programId = p.data.createProgram.id;
  });

  it('creates a programme with version 1 and one audit row naming who, when and what', async () => {
    const id = await newProgram('T-CREATE');
    const p = await read(id);
    expect(p).toMatchObject({
      code: 'T-CREATE',
      title: 'Kế hoạch kết nghĩa thử nghiệm',
      status: 'ISSUED',
      issuedOn: '2024-03-01',
      version: 1,
      provisions: [{ kind: 'RATING', heading: 'Xếp loại', reference: 'IV' }],
      fundingTotal: '0',
      targets: [],
      tasks: [],
      coveredCommunes: [],
    });
    const rows = await audit();
    const created = rows.filter((r) => r.operation === 'createProgram' && JSON.stringify(r.changes).includes(id));
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ actor: 'officer@test', actor_roles: ['officer'] });
    expect(created[0]!.changes).toEqual([{ entity: 'Program', key: expect.stringContaining(id), type: 'create' }]);
    expect(Object.values(created[0]!.after)[0]).toMatchObject({ code: 'T-CREATE', startYear: 2024, endYear: 2026, version: 1 });
    expect(rows.filter((r) => r.operation === 'createIndicator').length).toBeGreaterThanOrEqual(4);
  });

  it('refuses bad programmes with coded errors and writes nothing', async () => {
    const before = (await audit()).length;
    const cases: [Record<string, unknown>, string, string][] = [
      [{ endYear: 2023 }, 'input.endYear', 'PERIOD_END_BEFORE_START'],
      [{ startYear: 1800 }, 'input.startYear', 'YEAR_OUT_OF_RANGE'],
      [{ title: '   ' }, 'input.title', 'REQUIRED'],
      [{ title: 'x'.repeat(1001) }, 'input.title', 'TOO_LONG'],
      [{ objectives: [''] }, 'input.objectives[0]', 'REQUIRED'],
    ];
    for (const [over, field, reason] of cases) {
      const r = await gql(officer, CREATE_PROGRAM, { code: 'T-BAD', input: programInput(over) });
      expect(refusal(r), JSON.stringify(over)).toEqual({ code: 'BAD_USER_INPUT', field, reason });
    }
    expect(refusal(await gql(officer, CREATE_PROGRAM, { code: 'bad code', input: programInput() }))).toMatchObject({ field: 'code', reason: 'INVALID_FORMAT' });
    expect(refusal(await gql(officer, CREATE_PROGRAM, { code: 'T-KN-2024', input: programInput() }))).toMatchObject({ code: 'CONFLICT', field: 'code' });
    expect(codes(await gql(officer, CREATE_PROGRAM, { code: 'T-X', input: programInput({ issuedOn: '2024-02-30' }) }))).toEqual(['BAD_USER_INPUT']);
    expect((await gql(officer, `{ programs(filter: { search: "T-BAD" }) { totalCount } }`)).data.programs.totalCount).toBe(0);
    expect((await audit()).length).toBe(before);
  });

  it('a stale version is CONFLICT and writes nothing; the current one updates and bumps the version', async () => {
    const id = await newProgram('T-STALE');
    const before = await audit();
    const stale = await gql(officer, UPDATE_PROGRAM, { id, version: 7, input: programInput({ title: 'Stale' }) });
    expect(refusal(stale)).toMatchObject({ code: 'CONFLICT', field: 'version' });
    expect(stale.errors![0]!.extensions!.currentVersion).toBe(1);
    expect((await read(id)).title).toBe('Kế hoạch kết nghĩa thử nghiệm');
    expect(await audit()).toHaveLength(before.length);

    const ok = await gql(admin, UPDATE_PROGRAM, { id, version: 1, input: programInput({ title: 'Kế hoạch đã sửa', status: 'ISSUED' }) });
    expect(ok.errors).toBeUndefined();
    expect(ok.data.updateProgram).toMatchObject({ title: 'Kế hoạch đã sửa', version: 2 });
    const again = await gql(officer, UPDATE_PROGRAM, { id, version: 1, input: programInput({ title: 'Lost update' }) });
    expect(refusal(again)).toMatchObject({ code: 'CONFLICT' });
    expect((await read(id)).title).toBe('Kế hoạch đã sửa');
    const rows = await audit();
    expect(rows).toHaveLength(before.length + 1);
    const update = rows.at(-1)!;
    expect(update).toMatchObject({ operation: 'updateProgram', actor: 'admin@test', request_id: ok.requestId });
    expect(Object.values(update.before)[0]).toMatchObject({ title: 'Kế hoạch kết nghĩa thử nghiệm', version: 1 });
    expect(Object.values(update.after)[0]).toMatchObject({ title: 'Kế hoạch đã sửa', version: 2 });
  });

  it('two concurrent updates with the same version: exactly one wins, the other is CONFLICT', async () => {
    const { version } = await read();
    const [a, b] = await Promise.all([
      gql(officer, UPDATE_PROGRAM, { id: programId, version, input: programInput({ title: 'Kế hoạch đã sửa', titleEn: 'A' }) }),
      gql(admin, UPDATE_PROGRAM, { id: programId, version, input: programInput({ title: 'Kế hoạch đã sửa', titleEn: 'B' }) }),
    ]);
    const outcomes = [a, b].map((r) => (r.errors ? codes(r)[0] : 'OK')).sort();
    expect(outcomes).toEqual(['CONFLICT', 'OK']);
    expect((await read()).version).toBe(version + 1);
  });

  it('targets: exact values, known indicator, year inside the period, money in whole đồng', async () => {
    const t = await gql(officer, CREATE_TARGET, {
      programId,
      input: {
        indicatorCode: 'AVERAGE_CRITERIA',
        year: 2025,
        comparison: 'BETWEEN',
        targetValue: '9.5',
        targetValueMax: '10',
        scope: { kind: 'COMMUNE_GROUP', group: 'BORDER_COMMUNES', label: '20 xã biên giới', size: 20 },
        note: '20 xã biên giới phấn đấu đạt bình quân 9,5-10 tiêu chí/xã.',
      },
    });
    expect(t.errors).toBeUndefined();
    expect(t.data.createTarget).toMatchObject({
      year: 2025,
      targetValue: '9.5',
      targetValueMax: '10',
      targetAmount: null,
      version: 1,
      indicator: { code: 'AVERAGE_CRITERIA', unit: 'CRITERIA' },
      program: { code: 'T-KN-2024' },
      scope: { kind: 'COMMUNE_GROUP', group: 'BORDER_COMMUNES', size: 20 },
    });
    const money = await gql(officer, CREATE_TARGET, {
      programId,
      input: { indicatorCode: 'SUPPORT_AMOUNT', startYear: 2024, endYear: 2026, yearly: true, comparison: 'AT_LEAST', targetValue: '9007199254740993' },
    });
    expect(money.errors).toBeUndefined();
    expect(money.data.createTarget).toMatchObject({ targetValue: '9007199254740993', targetAmount: '9007199254740993', year: null, yearly: true });
    const words = await gql(officer, CREATE_TARGET, {
      programId,
      input: { indicatorCode: 'POVERTY_RATE', year: 2026, note: 'Giảm tỷ lệ hộ nghèo trên địa bàn hàng năm đạt mục tiêu đề ra.' },
    });
    expect(words.data.createTarget).toMatchObject({ targetValue: null, comparison: null, scope: { kind: 'PROVINCE', label: 'toàn tỉnh' } });

    const base = { indicatorCode: 'POOR_HOUSEHOLDS_HELPED', year: 2025, comparison: 'AT_LEAST', targetValue: '10' };
    const cases: [Record<string, unknown>, string, string, string?][] = [
      [{ indicatorCode: 'NO_SUCH_INDICATOR' }, 'input.indicatorCode', 'UNKNOWN_INDICATOR'],
      [{ indicatorCode: 'lower case' }, 'input.indicatorCode', 'UNKNOWN_INDICATOR'],
      [{ year: 2023 }, 'input.year', 'YEAR_OUTSIDE_PERIOD'],
      [{ year: 2027 }, 'input.year', 'YEAR_OUTSIDE_PERIOD'],
      [{ year: null, startYear: 2024, endYear: 2030 }, 'input.endYear', 'YEAR_OUTSIDE_PERIOD'],
      [{ year: null, startYear: 2026, endYear: 2025 }, 'input.endYear', 'PERIOD_END_BEFORE_START'],
      [{ year: null }, 'input.startYear', 'REQUIRED'],
      [{ startYear: 2024 }, 'input.year', 'INCONSISTENT'],
      [{ targetValue: '-1' }, 'input.targetValue', 'NEGATIVE_VALUE'],
      [{ indicatorCode: 'SUPPORT_AMOUNT', targetValue: '-200000000' }, 'input.targetValue', 'NEGATIVE_AMOUNT'],
      [{ indicatorCode: 'SUPPORT_AMOUNT', targetValue: '1.5' }, 'input.targetValue', 'NOT_WHOLE_DONG'],
      [{ indicatorCode: 'POVERTY_RATE', targetValue: '100.5' }, 'input.targetValue', 'PERCENT_OUT_OF_RANGE'],
      [{ comparison: 'BETWEEN' }, 'input.targetValueMax', 'REQUIRED'],
      [{ comparison: 'BETWEEN', targetValueMax: '9' }, 'input.targetValueMax', 'RANGE_INVALID'],
      [{ targetValueMax: '20' }, 'input.targetValueMax', 'INCONSISTENT'],
      [{ outOf: '5' }, 'input.outOf', 'VALUE_ABOVE_WHOLE'],
      [{ comparison: null }, 'input.comparison', 'REQUIRED'],
      [{ targetValue: null, comparison: null }, 'input.note', 'REQUIRED'],
      [{ scope: { kind: 'COMMUNE_GROUP', label: 'xã' } }, 'input.scope.group', 'REQUIRED'],
      [{ scope: { kind: 'COMMUNE_GROUP', group: 'border communes', label: 'xã' } }, 'input.scope.group', 'INVALID_FORMAT'],
      [{ scope: { kind: 'PROVINCE', group: 'X_Y' } }, 'input.scope.group', 'INCONSISTENT'],
      [{ baselineYear: 2020 }, 'input.baselineYear', 'INCONSISTENT'],
    ];
    const before = (await read()).targets.length;
    for (const [over, field, reason] of cases) {
      const r = await gql(officer, CREATE_TARGET, { programId, input: { ...base, ...over } });
      expect(refusal(r), JSON.stringify(over)).toEqual({ code: 'BAD_USER_INPUT', field, reason });
    }
    // a binary float is not an exact value
    expect(codes(await gql(officer, CREATE_TARGET, { programId, input: { ...base, targetValue: 9.5 } }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await gql(officer, CREATE_TARGET, { programId: '00000000-0000-5000-8000-000000000000', input: base }))).toEqual(['NOT_FOUND']);
    expect((await read()).targets).toHaveLength(before);
  });

  it('updating and deleting a target takes its version; a stale one is CONFLICT and changes nothing', async () => {
    const created = await gql(officer, CREATE_TARGET, {
      programId,
      input: { indicatorCode: 'POOR_HOUSEHOLDS_HELPED', year: 2024, comparison: 'AT_LEAST', targetValue: '10', outOf: '61' },
    });
    const { id } = created.data.createTarget;
    const input = { indicatorCode: 'POOR_HOUSEHOLDS_HELPED', year: 2024, comparison: 'AT_LEAST', targetValue: '12', baseline: '4', baselineYear: 2023 };
    expect(refusal(await gql(officer, UPDATE_TARGET, { id, version: 2, input }))).toMatchObject({ code: 'CONFLICT' });
    const updated = await gql(officer, UPDATE_TARGET, { id, version: 1, input });
    expect(updated.data.updateTarget).toMatchObject({ targetValue: '12', outOf: null, baseline: '4', baselineYear: 2023, version: 2 });
    expect(refusal(await gql(officer, DELETE_TARGET, { id, version: 1 }))).toMatchObject({ code: 'CONFLICT' });
    expect((await read()).targets.some((t: { id: string }) => t.id === id)).toBe(true);
    expect((await gql(officer, DELETE_TARGET, { id, version: 2 })).data.deleteTarget).toBe(id);
    expect((await read()).targets.some((t: { id: string }) => t.id === id)).toBe(false);
    expect(codes(await gql(officer, DELETE_TARGET, { id, version: 2 }))).toEqual(['NOT_FOUND']);
  });

  it('tasks: due is a day, a calendar rule, ongoing or as needed, checked against the calendar and the period', async () => {
    const base = { title: 'Ký kết chương trình kết nghĩa', leadAgency: 'Sở Nội vụ', coordinatingAgencies: ['Ban Dân tộc tỉnh'] };
    const ok = await gql(officer, CREATE_TASK, {
      programId,
      input: { ...base, due: { kind: 'RULE', months: [3], day: 31, by: true, wording: 'Trước ngày 31/3 hằng năm' } },
    });
    expect(ok.errors).toBeUndefined();
    expect(ok.data.createTask).toMatchObject({
      status: 'PLANNED',
      version: 1,
      due: { kind: 'RULE', date: null, wording: 'Trước ngày 31/3 hằng năm', rule: { months: [3], quarters: [], day: 31, by: true, year: null, intervalMonths: null } },
    });
    const rules: [Record<string, unknown>, Record<string, unknown>][] = [
      [{ kind: 'DATE', date: '2025-11-15' }, { kind: 'DATE', date: '2025-11-15', rule: null }],
      [{ kind: 'RULE', months: [12, 6, 6] }, { rule: expect.objectContaining({ months: [6, 12] }) }],
      [{ kind: 'RULE', quarters: [4], year: 2025 }, { rule: expect.objectContaining({ quarters: [4], year: 2025 }) }],
      [{ kind: 'RULE', intervalMonths: 6 }, { rule: expect.objectContaining({ intervalMonths: 6 }) }],
      [{ kind: 'RULE', months: [2], day: 29, by: true }, { rule: expect.objectContaining({ day: 29 }) }],
      [{ kind: 'ONGOING', wording: 'Thường xuyên' }, { kind: 'ONGOING', rule: null }],
      [{ kind: 'AS_NEEDED' }, { kind: 'AS_NEEDED' }],
    ];
    for (const [due, expected] of rules) {
      const r = await gql(officer, CREATE_TASK, { programId, input: { ...base, due } });
      expect(r.errors, JSON.stringify(due)).toBeUndefined();
      expect(r.data.createTask.due).toMatchObject(expected);
    }
    expect((await gql(officer, CREATE_TASK, { programId, input: base })).data.createTask.due).toBeNull();

    const bad: [Record<string, unknown>, string, string][] = [
      [{ kind: 'DATE' }, 'input.due.date', 'REQUIRED'],
      [{ kind: 'DATE', date: '2030-01-01' }, 'input.due.date', 'YEAR_OUTSIDE_PERIOD'],
      [{ kind: 'DATE', date: '2025-01-01', months: [1] }, 'input.due', 'INCONSISTENT'],
      [{ kind: 'RULE' }, 'input.due', 'REQUIRED'],
      [{ kind: 'RULE', months: [3, 4], day: 31 }, 'input.due.day', 'INCONSISTENT'],
      [{ kind: 'RULE', months: [4], day: 31 }, 'input.due.day', 'DATE_INVALID'],
      [{ kind: 'RULE', months: [2], day: 30 }, 'input.due.day', 'DATE_INVALID'],
      [{ kind: 'RULE', months: [13] }, 'input.due.months[0]', 'INVALID_FORMAT'],
      [{ kind: 'RULE', quarters: [5] }, 'input.due.quarters[0]', 'INVALID_FORMAT'],
      [{ kind: 'RULE', months: [1], quarters: [1] }, 'input.due.quarters', 'INCONSISTENT'],
      [{ kind: 'RULE', intervalMonths: 5 }, 'input.due.intervalMonths', 'INVALID_FORMAT'],
      [{ kind: 'RULE', year: 2019 }, 'input.due.year', 'YEAR_OUTSIDE_PERIOD'],
      [{ kind: 'RULE', by: true, intervalMonths: 12 }, 'input.due.by', 'INCONSISTENT'],
      [{ kind: 'ONGOING', months: [1] }, 'input.due', 'INCONSISTENT'],
    ];
    for (const [due, field, reason] of bad) {
      const r = await gql(officer, CREATE_TASK, { programId, input: { ...base, due } });
      expect(refusal(r), JSON.stringify(due)).toEqual({ code: 'BAD_USER_INPUT', field, reason });
    }
    expect(refusal(await gql(officer, CREATE_TASK, { programId, input: { ...base, leadAgency: ' ' } }))).toMatchObject({ field: 'input.leadAgency', reason: 'REQUIRED' });

    const { id } = ok.data.createTask;
    const input = { ...base, status: 'IN_PROGRESS', due: { kind: 'RULE', months: [2], day: 28, by: true, wording: 'Trước 28/02 hằng năm' } };
    expect(refusal(await gql(officer, UPDATE_TASK, { id, version: 3, input }))).toMatchObject({ code: 'CONFLICT' });
    const updated = await gql(officer, UPDATE_TASK, { id, version: 1, input });
    expect(updated.data.updateTask).toMatchObject({ status: 'IN_PROGRESS', version: 2, due: { rule: { months: [2], day: 28 } } });
    expect(refusal(await gql(officer, DELETE_TASK, { id, version: 1 }))).toMatchObject({ code: 'CONFLICT' });
    expect((await gql(officer, DELETE_TASK, { id, version: 2 })).data.deleteTask).toBe(id);
  });

  it('funding lines: exact amounts ≥ 0 in đồng, the total summed exactly beyond 2^53', async () => {
    const a = await gql(officer, CREATE_LINE, { programId, input: { source: 'CENTRAL_BUDGET', amount: '495100000000', year: 2025, note: 'Vốn ngân sách Trung ương' } });
    expect(a.errors).toBeUndefined();
    expect(a.data.createFundingLine).toMatchObject({ source: 'CENTRAL_BUDGET', amount: '495100000000', year: 2025, version: 1 });
    // an integer is accepted while it is exact (≤ 2^53 − 1); beyond that, amounts travel as strings of digits
    const b = await gql(officer, CREATE_LINE, { programId, input: { source: 'CREDIT', amount: Number.MAX_SAFE_INTEGER } });
    expect(b.errors).toBeUndefined();
    const c = await gql(officer, CREATE_LINE, { programId, input: { source: 'OTHER', amount: '9007199254740993' } });
    expect((await read()).fundingTotal).toBe((495100000000n + 9007199254740991n + 9007199254740993n).toString());
    expect(codes(await gql(officer, CREATE_LINE, { programId, input: { source: 'CREDIT', amount: 2 ** 60 } }))).toEqual(['BAD_USER_INPUT']);

    expect(refusal(await gql(officer, CREATE_LINE, { programId, input: { source: 'OTHER', amount: '-1' } }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.amount',
      reason: 'NEGATIVE_AMOUNT',
    });
    expect(refusal(await gql(officer, CREATE_LINE, { programId, input: { source: 'OTHER', amount: '1', year: 2030 } }))).toMatchObject({ reason: 'YEAR_OUTSIDE_PERIOD' });
    expect(codes(await gql(officer, CREATE_LINE, { programId, input: { source: 'OTHER', amount: '1.5' } }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await gql(officer, CREATE_LINE, { programId, input: { source: 'LOTTERY', amount: '1' } }))).toEqual(['BAD_USER_INPUT']);

    const { id } = c.data.createFundingLine;
    expect(refusal(await gql(officer, UPDATE_LINE, { id, version: 2, input: { source: 'OTHER', amount: '5000000000' } }))).toMatchObject({ code: 'CONFLICT' });
    expect((await gql(officer, UPDATE_LINE, { id, version: 1, input: { source: 'OTHER', amount: '5000000000' } })).data.updateFundingLine).toMatchObject({
      amount: '5000000000',
      version: 2,
    });
    expect(refusal(await gql(officer, DELETE_LINE, { id, version: 1 }))).toMatchObject({ code: 'CONFLICT' });
    expect((await gql(officer, DELETE_LINE, { id, version: 2 })).data.deleteFundingLine).toBe(id);
    expect((await read()).fundingTotal).toBe((495100000000n + 9007199254740991n).toString());
  });

  it('a period that would leave targets, tasks or funding outside is refused', async () => {
    const id = await newProgram('T-PERIOD');
    await gql(officer, CREATE_TARGET, { programId: id, input: { indicatorCode: 'POVERTY_RATE', year: 2026, comparison: 'ABOUT', targetValue: '11' } });
    await gql(officer, CREATE_TASK, { programId: id, input: { title: 'x', leadAgency: 'y', due: { kind: 'DATE', date: '2025-06-30' } } });
    await gql(officer, CREATE_LINE, { programId: id, input: { source: 'OTHER', amount: '1', year: 2026 } });
    const r = await gql(officer, UPDATE_PROGRAM, { id, version: 1, input: programInput({ startYear: 2024, endYear: 2024 }) });
    expect(refusal(r)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PERIOD_EXCLUDES_CONTENT' });
    expect(r.errors![0]!.extensions!.outside).toEqual({ targets: 1, tasks: 1, fundingLines: 1 });
    expect(await read(id)).toMatchObject({ endYear: 2026, version: 1 });
    // open-ended is fine: nothing falls outside
    const open = await gql(officer, UPDATE_PROGRAM, { id, version: 1, input: programInput({ endYear: null }) });
    expect(open.data.updateProgram).toMatchObject({ endYear: null, version: 2 });
  });

  it('covered communes: only communes of the caller’s province; then Commune.programs answers the other way', async () => {
    const { version } = await read();
    const lsCommune = seedIds.unit('lang-son', 'COMMUNE', '06148', 'old');
    for (const ids of [[lsCommune], ['not-a-uuid'], ['00000000-0000-5000-8000-000000000000']]) {
      const r = await gql(officer, SET_COMMUNES, { id: programId, version, communeIds: [...communeIds, ...ids] });
      expect(refusal(r)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'communeIds', reason: 'UNKNOWN_COMMUNE' });
      expect(r.errors![0]!.extensions!.unknown).toEqual(ids);
    }
    const ok = await gql(officer, SET_COMMUNES, { id: programId, version, communeIds: [...communeIds, communeIds[0]] });
    expect(ok.errors).toBeUndefined();
    expect(ok.data.setProgramCommunes.version).toBe(version + 1);
    expect(ok.data.setProgramCommunes.coveredCommunes.map((c: { id: string }) => c.id).sort()).toEqual([...communeIds].sort());
    expect(ok.data.setProgramCommunes.coveredCommunes.every((c: { name: string }) => c.name.length > 0)).toBe(true);
    const back = await gql(officer, `query($id: ID!) { commune(id: $id) { programs { code } } }`, { id: communeIds[0] });
    expect(back.data.commune.programs).toEqual([{ code: 'T-KN-2024' }]);

    expect(refusal(await gql(officer, SET_COMMUNES, { id: programId, version, communeIds: [] }))).toMatchObject({ code: 'CONFLICT' });
    const fewer = await gql(officer, SET_COMMUNES, { id: programId, version: version + 1, communeIds: [communeIds[1]] });
    expect(fewer.data.setProgramCommunes.coveredCommunes.map((c: { id: string }) => c.id)).toEqual([communeIds[1]]);
    const row = (await audit()).at(-1)!;
    expect(row.operation).toBe('setProgramCommunes');
    expect(row.changes.filter((c: { type: string }) => c.type === 'delete')).toHaveLength(2);
    expect(row.changes.filter((c: { entity: string }) => c.entity === 'Program')).toEqual([expect.objectContaining({ type: 'update' })]);
  });

  it('indicators: unique codes; the unit cannot change once targets use it', async () => {
    expect(refusal(await gql(officer, CREATE_INDICATOR, { code: 'POVERTY_RATE', input: { name: 'x', unit: 'PERCENT' } }))).toMatchObject({ code: 'CONFLICT' });
    expect(refusal(await gql(officer, CREATE_INDICATOR, { code: '9LIVES', input: { name: 'x', unit: 'PERCENT' } }))).toMatchObject({ reason: 'INVALID_FORMAT' });
    const list = await gql(officer, `{ indicators(search: "ty le ho ngheo") { totalCount nodes { id code version } } }`);
    expect(list.data.indicators.nodes.map((n: { code: string }) => n.code)).toEqual(['POVERTY_RATE']);

    const created = await gql(officer, CREATE_INDICATOR, { code: 'MODELS_BUILT', input: { name: 'Số mô hình', unit: 'MODELS' } });
    const { id } = created.data.createIndicator;
    // unused: its unit may change
    const changed = await gql(officer, UPDATE_INDICATOR, { id, version: 1, input: { name: 'Số mô hình', unit: 'ORGANISATIONS' } });
    expect(changed.data.updateIndicator).toMatchObject({ unit: 'ORGANISATIONS', version: 2 });
    const programId = await newProgram('T-INDICATOR');
    await gql(officer, CREATE_TARGET, { programId, input: { indicatorCode: 'MODELS_BUILT', year: 2025, comparison: 'AT_LEAST', targetValue: '2' } });
    const r = await gql(officer, UPDATE_INDICATOR, { id, version: 2, input: { name: 'Số mô hình', unit: 'PERCENT' } });
    expect(refusal(r)).toMatchObject({ field: 'input.unit', reason: 'IN_USE' });
    const renamed = await gql(officer, UPDATE_INDICATOR, { id, version: 2, input: { name: 'Số mô hình được xây dựng', unit: 'ORGANISATIONS' } });
    expect(renamed.data.updateIndicator).toMatchObject({ name: 'Số mô hình được xây dựng', version: 3 });
    expect((await read(programId)).targets[0].indicator).toMatchObject({ code: 'MODELS_BUILT', unit: 'ORGANISATIONS' });
    expect(refusal(await gql(officer, UPDATE_INDICATOR, { id, version: 2, input: { name: 'y', unit: 'ORGANISATIONS' } }))).toMatchObject({ code: 'CONFLICT' });
  });

  it('analysts, sponsors and the national role may not write; another province’s officer finds nothing; nothing is written', async () => {
    const before = (await audit()).length;
    const { version } = await read();
    const mutations: [string, Record<string, unknown>][] = [
      [CREATE_PROGRAM, { code: 'T-NO', input: programInput() }],
      [UPDATE_PROGRAM, { id: programId, version, input: programInput() }],
      [CREATE_INDICATOR, { code: 'NOPE', input: { name: 'x', unit: 'PEOPLE' } }],
      [CREATE_TARGET, { programId, input: { indicatorCode: 'POVERTY_RATE', year: 2025, comparison: 'ABOUT', targetValue: '11' } }],
      [CREATE_TASK, { programId, input: { title: 'x', leadAgency: 'y' } }],
      [CREATE_LINE, { programId, input: { source: 'OTHER', amount: '1' } }],
      [SET_COMMUNES, { id: programId, version, communeIds: [] }],
    ];
    const outsiders = [
      await tokenFor(tenant, 'analyst'),
      await tokenFor(tenant, 'sponsor', { scope: { sponsorId: 'S-1' } }),
      await tokenFor(null, 'national'),
    ];
    for (const token of outsiders) {
      for (const [m, v] of mutations) expect(codes(await gql(token, m, v)), m.slice(0, 40)).toEqual(['FORBIDDEN']);
    }
    const stranger = await tokenFor('lang-son', 'officer');
    expect(codes(await gql(stranger, UPDATE_PROGRAM, { id: programId, version, input: programInput() }))).toEqual(['NOT_FOUND']);
    expect(codes(await gql(stranger, CREATE_TARGET, mutations[3]![1]))).toEqual(['NOT_FOUND']);
    expect((await audit()).length).toBe(before);
    expect((await read()).version).toBe(version);
  });

  it('an update that omits a status keeps it (programmes and tasks)', async () => {
    const id = await newProgram('T-STATUS', { status: 'CLOSED' });
    const { status: _omit, ...rest } = programInput() as Record<string, unknown>;
    const p = await gql(officer, UPDATE_PROGRAM, { id, version: 1, input: { ...rest, title: 'Kế hoạch đã đóng' } });
    expect(p.data.updateProgram).toMatchObject({ status: 'CLOSED', title: 'Kế hoạch đã đóng', version: 2 });
    const k = (await gql(officer, CREATE_TASK, { programId: id, input: { title: 'x', leadAgency: 'y', status: 'DONE' } })).data.createTask;
    const u = await gql(officer, UPDATE_TASK, { id: k.id, version: 1, input: { title: 'x', leadAgency: 'z' } });
    expect(u.data.updateTask).toMatchObject({ status: 'DONE', leadAgency: 'z' });
  });

  it('one audit row per change, in order, none for refusals', async () => {
    const id = await newProgram('T-AUDIT');
    const since = (await audit()).length;
    const t = (await gql(officer, CREATE_TARGET, { programId: id, input: { indicatorCode: 'POVERTY_RATE', year: 2025, comparison: 'ABOUT', targetValue: '11' } })).data.createTarget;
    await gql(officer, UPDATE_TARGET, { id: t.id, version: 1, input: { indicatorCode: 'POVERTY_RATE', year: 2025, comparison: 'ABOUT', targetValue: '10.5' } });
    await gql(officer, UPDATE_TARGET, { id: t.id, version: 1, input: { indicatorCode: 'POVERTY_RATE', year: 2025, comparison: 'ABOUT', targetValue: '9' } }); // stale
    await gql(officer, DELETE_TARGET, { id: t.id, version: 2 });
    const k = (await gql(officer, CREATE_TASK, { programId: id, input: { title: 'x', leadAgency: 'y' } })).data.createTask;
    await gql(officer, UPDATE_TASK, { id: k.id, version: 1, input: { title: 'x', leadAgency: 'z' } });
    await gql(officer, CREATE_TASK, { programId: id, input: { title: 'x', leadAgency: 'y', due: { kind: 'RULE' } } }); // invalid
    await gql(officer, DELETE_TASK, { id: k.id, version: 2 });
    const f = (await gql(officer, CREATE_LINE, { programId: id, input: { source: 'LOCAL_BUDGET', amount: '157700000000' } })).data.createFundingLine;
    await gql(officer, UPDATE_LINE, { id: f.id, version: 1, input: { source: 'LOCAL_BUDGET', amount: '157800000000' } });
    await gql(officer, CREATE_LINE, { programId: id, input: { source: 'OTHER', amount: '-5' } }); // invalid
    await gql(officer, DELETE_LINE, { id: f.id, version: 2 });
    await gql(officer, SET_COMMUNES, { id, version: 1, communeIds: [auditCommuneId] });
    await gql(officer, UPDATE_PROGRAM, { id, version: 1, input: programInput() }); // stale: the communes bumped it
    await gql(officer, UPDATE_PROGRAM, { id, version: 2, input: programInput({ status: 'CLOSED' }) });
    const rows = (await audit()).slice(since);
    expect(rows.map((r) => r.operation)).toEqual([
      'createTarget', 'updateTarget', 'deleteTarget',
      'createTask', 'updateTask', 'deleteTask',
      'createFundingLine', 'updateFundingLine', 'deleteFundingLine',
      'setProgramCommunes', 'updateProgram',
    ]);
    expect(rows.every((r) => r.actor === 'officer@test')).toBe(true);
    const [updTarget] = rows.filter((r) => r.operation === 'updateTarget');
    expect(Object.values(updTarget!.before)[0]).toMatchObject({ targetValue: '11', version: 1 });
    expect(Object.values(updTarget!.after)[0]).toMatchObject({ targetValue: '10.5', version: 2 });
    const [updLine] = rows.filter((r) => r.operation === 'updateFundingLine');
    expect(Object.values(updLine!.after)[0]).toMatchObject({ amount: '157800000000' });
    expect((await read(id)).status).toBe('CLOSED');
  });
});
