import { randomUUID } from 'node:crypto';
import { seedIds } from '@kn/platform';
import { beforeAll, describe, expect, it } from 'vitest';
import { codes, gql, tokenFor } from '../support/client.js';
import { adminSql, auditRowsOf, contributionCount, ok, RECORD, writableTenant, type WritableTenant } from './support.js';

/** Partners and officers record contributions: once, validated, in scope, audited. */
describe('recording contributions', () => {
  let t: WritableTenant;
  beforeAll(async () => {
    t = await writableTenant('spw');
  });

  const input = (twinningId: string, extra: Record<string, unknown> = {}) => ({
    twinningId,
    contributedOn: '2024-05-17',
    category: 'ECONOMIC_DEVELOPMENT',
    description: 'Hỗ trợ bò giống cho hộ nghèo',
    cashVnd: '20000000',
    inKindVnd: 5_000_000,
    poorHouseholdsHelped: 3,
    modelsBuilt: 1,
    modelKind: 'HOUSEHOLD_GROUP',
    ...extra,
  });

  it("a sponsor token records its own contribution, and not another sponsor's", async () => {
    const mine = await gql(t.partnerA, RECORD, { i: input(t.twinningA), k: randomUUID() });
    const c = ok(mine).recordContribution;
    expect(c).toMatchObject({ status: 'DONE', cashVnd: '20000000', inKindVnd: '5000000', totalVnd: '25000000', year: 2024 });
    expect(c.sponsor.id).toBe(t.sponsorA);
    expect(await auditRowsOf(mine.requestId)).toHaveLength(1);

    const before = await contributionCount(t.tenant, 'twinning_id = $2', [t.twinningB]);
    const theirs = await gql(t.partnerA, RECORD, { i: input(t.twinningB), k: randomUUID() });
    expect(codes(theirs)).toEqual(['NOT_FOUND']);
    expect(theirs.errors![0]!.extensions!.field).toBe('input.twinningId');
    expect(await contributionCount(t.tenant, 'twinning_id = $2', [t.twinningB])).toBe(before);
    expect(await auditRowsOf(theirs.requestId)).toHaveLength(0);
  });

  it('a sponsor token sees only its own sponsor, twinnings and contributions', async () => {
    const r = ok(
      await gql(t.partnerA, `{ sponsors { totalCount nodes { id } } twinnings { totalCount nodes { id } }
        contributions { nodes { sponsor { id } } } other: sponsor(id: "${t.sponsorB}") { id } tw: twinning(id: "${t.twinningB}") { id } }`),
    );
    expect(r.sponsors).toEqual({ totalCount: 1, nodes: [{ id: t.sponsorA }] });
    expect(r.twinnings).toEqual({ totalCount: 1, nodes: [{ id: t.twinningA }] });
    expect(new Set(r.contributions.nodes.map((n: any) => n.sponsor.id))).toEqual(new Set([t.sponsorA]));
    expect(r.other).toBeNull();
    expect(r.tw).toBeNull();
    const totals = ok(await gql(t.partnerA, `{ contributionTotals(groupBy: [SPONSOR]) { key { sponsorId } } }`));
    expect(totals.contributionTotals.map((g: any) => g.key.sponsorId)).toEqual([t.sponsorA]);
  });

  it('retrying with the same key and payload returns the first result and writes once', async () => {
    const key = `retry-${randomUUID()}`;
    const first = await gql(t.partnerA, RECORD, { i: input(t.twinningA, { description: 'Lần 1' }), k: key });
    // the same payload spelled differently: an amount as a number instead of a string, spaces around the text
    const again = await gql(t.partnerA, RECORD, {
      i: input(t.twinningA, { description: '  Lần 1 ', cashVnd: 20_000_000, inKindVnd: '5000000' }),
      k: key,
    });
    expect(ok(again).recordContribution.id).toBe(ok(first).recordContribution.id);
    expect(await auditRowsOf(first.requestId)).toHaveLength(1);
    expect(await auditRowsOf(again.requestId)).toHaveLength(0);
    expect(await contributionCount(t.tenant, `description = 'Lần 1'`)).toBe(1);
    const keys = await adminSql(`select * from sponsors.idempotency_key where tenant_id = $1 and key = $2`, [t.tenant, key]);
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ scope: `sponsor:${t.sponsorA}`, contribution_id: ok(first).recordContribution.id });
    expect(keys[0].payload_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('the same key with a different payload is CONFLICT, and nothing is written', async () => {
    const key = `conflict-${randomUUID()}`;
    ok(await gql(t.partnerA, RECORD, { i: input(t.twinningA, { description: 'Gốc' }), k: key }));
    const n = await contributionCount(t.tenant);
    const other = await gql(t.partnerA, RECORD, { i: input(t.twinningA, { description: 'Gốc', cashVnd: '20000001' }), k: key });
    expect(codes(other)).toEqual(['CONFLICT']);
    expect(other.errors![0]!.extensions!.field).toBe('idempotencyKey');
    expect(await contributionCount(t.tenant)).toBe(n);
    expect(await auditRowsOf(other.requestId)).toHaveLength(0);
    // keys are scoped to the partner: another partner may use the same key for its own record
    ok(await gql(t.partnerB, RECORD, { i: input(t.twinningB, { description: 'Gốc' }), k: key }));
  });

  it('concurrent identical retries write once and all answer the first result', async () => {
    const key = `race-${randomUUID()}`;
    const payload = { i: input(t.twinningA, { description: `Đua ${key}` }), k: key };
    const results = await Promise.all(Array.from({ length: 8 }, () => gql(t.partnerA, RECORD, payload)));
    for (const r of results) expect(r.errors).toBeUndefined();
    const ids = new Set(results.map((r) => r.data.recordContribution.id));
    expect(ids.size).toBe(1);
    expect(await contributionCount(t.tenant, 'description = $2', [`Đua ${key}`])).toBe(1);
    const audits = (await Promise.all(results.map((r) => auditRowsOf(r.requestId)))).flat();
    expect(audits).toHaveLength(1);
  });

  it('refuses bad figures with coded errors naming the field, and writes nothing', async () => {
    const other = seedIds.of('twinning', 'lang-son', 'LS-06148-1'); // a real twinning — of another tenant
    const n = await contributionCount(t.tenant);
    const cases: [string, Record<string, unknown>, string, string | undefined][] = [
      ['negative cash', input(t.twinningA, { cashVnd: '-1' }), 'BAD_USER_INPUT', 'input.cashVnd'],
      ['negative in kind', input(t.twinningA, { inKindVnd: -5 }), 'BAD_USER_INPUT', 'input.inKindVnd'],
      ['negative households', input(t.twinningA, { poorHouseholdsHelped: -1 }), 'BAD_USER_INPUT', 'input.poorHouseholdsHelped'],
      ['a date before the twinning', input(t.twinningA, { contributedOn: '2019-12-31' }), 'BAD_USER_INPUT', 'input.contributedOn'],
      ['a date after the twinning', input(t.twinningA, { contributedOn: '2027-01-01' }), 'BAD_USER_INPUT', 'input.contributedOn'],
      ["another tenant's twinning", input(other), 'NOT_FOUND', 'input.twinningId'],
      ['a twinning that does not exist', input(randomUUID()), 'NOT_FOUND', 'input.twinningId'],
      ['an id that is not one', input('x; drop table sponsors.contribution'), 'NOT_FOUND', 'input.twinningId'],
      ['models without their kind', input(t.twinningA, { modelKind: null }), 'BAD_USER_INPUT', 'input.modelKind'],
      ['an empty description', input(t.twinningA, { description: '   ' }), 'BAD_USER_INPUT', 'input.description'],
      ['a fractional amount', input(t.twinningA, { cashVnd: '12.5' }), 'BAD_USER_INPUT', undefined],
    ];
    for (const [name, i, code, field] of cases) {
      const r = await gql(t.officer, RECORD, { i, k: randomUUID() });
      expect(codes(r), name).toEqual([code]);
      if (field) expect(r.errors![0]!.extensions!.field, name).toBe(field);
    }
    const unknownCategory = await gql(t.officer, RECORD, { i: input(t.twinningA, { category: 'BANANAS' }), k: randomUUID() });
    expect(codes(unknownCategory)).toEqual(['BAD_USER_INPUT']);
    const literal = await gql(
      t.officer,
      `mutation { recordContribution(idempotencyKey: "k", input: { twinningId: "${t.twinningA}", contributedOn: "2024-01-01", category: BANANAS, description: "x" }) { id } }`,
    );
    expect(codes(literal)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    const badKey = await gql(t.officer, RECORD, { i: input(t.twinningA), k: '' });
    expect(codes(badKey)).toEqual(['BAD_USER_INPUT']);
    expect(await contributionCount(t.tenant)).toBe(n);
  });

  it('refuses roles that may not write, and writes nothing', async () => {
    const n = await contributionCount(t.tenant);
    const audits = Number((await adminSql(`select count(*)::int as n from sponsors.audit_log where tenant_id = $1`, [t.tenant]))[0].n);
    const national = await tokenFor(null, 'national');
    const refused: [string, string, string, Record<string, unknown>][] = [
      ['analyst records', t.analyst, RECORD, { i: input(t.twinningA), k: randomUUID() }],
      ['national records', national, RECORD, { i: input(t.twinningA), k: randomUUID() }],
      ['a partner records a VERIFIED contribution', t.partnerA, RECORD, { i: input(t.twinningA, { status: 'VERIFIED' }), k: randomUUID() }],
      ['a partner creates a sponsor', t.partnerA, `mutation { createSponsor(input: { code: "X", name: "X", kind: OTHER }) { id } }`, {}],
      ['a partner creates a twinning', t.partnerA,
        `mutation($s: ID!, $c: ID!, $p: ID!) { createTwinning(input: { sponsorId: $s, communeId: $c, programId: $p, startsOn: "2024-01-01" }) { id } }`,
        { s: t.sponsorA, c: t.communes[2]!.id, p: t.programId }],
      ['an analyst creates a sponsor', t.analyst, `mutation { createSponsor(input: { code: "X", name: "X", kind: OTHER }) { id } }`, {}],
      ['an officer sets a deadline', t.officer, `mutation { setCycleDeadline(step: YEARLY_PLAN, month: 3, day: 31) { step } }`, {}],
      ['a partner imports', t.partnerA, `mutation { importContributions(rows: [{ twinning: "TW-A" }]) { ok } }`, {}],
      ['an analyst imports', t.analyst, `mutation { importContributions(rows: [{ twinning: "TW-A" }]) { ok } }`, {}],
    ];
    for (const [name, token, query, variables] of refused) {
      expect(codes(await gql(token, query, variables)), name).toEqual(['FORBIDDEN']);
    }
    expect(await contributionCount(t.tenant)).toBe(n);
    const after = Number((await adminSql(`select count(*)::int as n from sponsors.audit_log where tenant_id = $1`, [t.tenant]))[0].n);
    expect(after).toBe(audits);
  });

  it('updates take the version read: a stale version is CONFLICT', async () => {
    const c = ok(await gql(t.officer, RECORD, { i: input(t.twinningA, { status: 'PLANNED' }), k: randomUUID() })).recordContribution;
    const UPDATE = `mutation($i: UpdateContributionInput!) { updateContribution(input: $i) { id version status cashVnd } }`;
    const u1 = await gql(t.partnerA, UPDATE, { i: { id: c.id, version: 1, status: 'DONE', cashVnd: '21000000' } });
    expect(ok(u1).updateContribution).toMatchObject({ version: 2, status: 'DONE', cashVnd: '21000000' });
    expect(await auditRowsOf(u1.requestId)).toHaveLength(1);
    const stale = await gql(t.officer, UPDATE, { i: { id: c.id, version: 1, cashVnd: '1' } });
    expect(codes(stale)).toEqual(['CONFLICT']);
    expect((await adminSql(`select cash_vnd from sponsors.contribution where id = $1`, [c.id]))[0].cash_vnd).toBe('21000000');
    // another partner cannot touch it at all
    expect(codes(await gql(t.partnerB, UPDATE, { i: { id: c.id, version: 2, cashVnd: '1' } }))).toEqual(['NOT_FOUND']);
  });

  it('a verified contribution is never edited: only an audited reversal corrects it', async () => {
    const c = ok(await gql(t.partnerA, RECORD, { i: input(t.twinningA, { description: 'Sẽ xác nhận' }), k: randomUUID() })).recordContribution;
    expect(codes(await gql(t.partnerA, `mutation { verifyContribution(id: "${c.id}", version: 1) { id } }`))).toEqual(['FORBIDDEN']);
    const v = await gql(t.officer, `mutation { verifyContribution(id: "${c.id}", version: 1) { status version } }`);
    expect(ok(v).verifyContribution).toEqual({ status: 'VERIFIED', version: 2 });
    const edit = await gql(t.officer, `mutation { updateContribution(input: { id: "${c.id}", version: 2, cashVnd: "1" }) { id } }`);
    expect(codes(edit)).toEqual(['CONFLICT']);
    expect(edit.errors![0]!.extensions!.reason).toBe('VERIFIED');

    const totalBefore = ok(await gql(t.admin, `{ contributionTotals(filter: { sponsorId: "${t.sponsorA}" }, groupBy: []) { totalVnd count } }`))
      .contributionTotals[0];
    const REVERSE = `mutation($i: ReverseContributionInput!) { reverseContribution(input: $i) {
        original { id status cashVnd version reversedBy { id } }
        reversal { id status cashVnd inKindVnd poorHouseholdsHelped modelsBuilt reversalReason contributedOn reverses { id } }
        replacement { id status cashVnd } } }`;
    const r = await gql(t.officer, REVERSE, {
      i: {
        id: c.id, version: 2, reason: 'Sai số tiền theo biên bản',
        replacement: { ...input(t.twinningA, { description: 'Sẽ xác nhận (đã sửa)', cashVnd: '18000000' }) },
      },
    });
    const rev = ok(r).reverseContribution;
    expect(rev.original).toEqual({ id: c.id, status: 'VERIFIED', cashVnd: '20000000', version: 2, reversedBy: { id: rev.reversal.id } });
    expect(rev.reversal).toMatchObject({
      status: 'VERIFIED', cashVnd: '-20000000', inKindVnd: '-5000000', poorHouseholdsHelped: -3, modelsBuilt: -1,
      reversalReason: 'Sai số tiền theo biên bản', contributedOn: '2024-05-17', reverses: { id: c.id },
    });
    expect(rev.replacement).toMatchObject({ status: 'DONE', cashVnd: '18000000' });
    const audit = await auditRowsOf(r.requestId);
    expect(audit).toHaveLength(1);
    expect(audit[0].operation).toBe('reverseContribution');
    expect(audit[0].changes.map((ch: any) => ch.type)).toEqual(['create', 'create']);

    const totalAfter = ok(await gql(t.admin, `{ contributionTotals(filter: { sponsorId: "${t.sponsorA}" }, groupBy: []) { totalVnd count } }`))
      .contributionTotals[0];
    // −25,000,000 (reversed) + 23,000,000 (replacement); the reversal cancels the original's count, the replacement adds one
    expect(BigInt(totalAfter.totalVnd) - BigInt(totalBefore.totalVnd)).toBe(-2_000_000n);
    expect(totalAfter.count).toBe(totalBefore.count);

    const twice = await gql(t.officer, REVERSE, { i: { id: c.id, version: 2, reason: 'again' } });
    expect(codes(twice)).toEqual(['CONFLICT']);
    const ofReversal = await gql(t.officer, REVERSE, { i: { id: rev.reversal.id, version: 1, reason: 'again' } });
    expect(codes(ofReversal)).toEqual(['CONFLICT']);
    const notVerified = await gql(t.officer, REVERSE, { i: { id: rev.replacement.id, version: 1, reason: 'x' } });
    expect(codes(notVerified)).toEqual(['CONFLICT']);
  });

  it('twinnings: the commune must be one of the province’s, existing during the period; the period must keep its contributions', async () => {
    const create = (i: Record<string, unknown>) =>
      gql(t.officer, `mutation($i: CreateTwinningInput!) { createTwinning(input: $i) { id code version commune { id name } } }`, { i });
    const base = { sponsorId: t.sponsorB, communeId: t.communes[2]!.id, programId: t.programId, startsOn: '2021-01-01' };
    const made = ok(await create(base)).createTwinning;
    expect(made.code).toBe(`B-${t.communes[2]!.code}-2021`);
    expect(made.commune.id).toBe(t.communes[2]!.id);
    expect(codes(await create(base))).toEqual(['CONFLICT']); // the same default code
    const lsCommune = seedIds.unit('lang-son', 'COMMUNE', '06148', 'old');
    expect(codes(await create({ ...base, code: 'X1', communeId: lsCommune }))).toEqual(['NOT_FOUND']);
    // the programme must be one of the province's: another province's, or none, does not exist here
    expect(codes(await create({ ...base, code: 'X6', programId: seedIds.program('lang-son', 'LS-KN-XBG') }))).toEqual(['NOT_FOUND']);
    expect(codes(await create({ ...base, code: 'X7', programId: '00000000-0000-5000-8000-000000000000' }))).toEqual(['NOT_FOUND']);
    expect(codes(await create({ ...base, code: 'X2', startsOn: '2026-01-01' }))).toEqual(['BAD_USER_INPUT']); // ceased on 30/6/2025
    expect(codes(await create({ ...base, code: 'X3', successorCommuneId: t.communes[3]!.id }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await create({ ...base, code: 'X4', endsOn: '2020-01-01' }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await create({ ...base, code: 'X5', status: 'ENDED' }))).toEqual(['BAD_USER_INPUT']);

    ok(await gql(t.officer, RECORD, { i: input(made.id, { contributedOn: '2023-06-01', description: 'Giữ kỳ hạn' }), k: randomUUID() }));
    const UPDATE = `mutation($i: UpdateTwinningInput!) { updateTwinning(input: $i) { version status endsOn } }`;
    const shrink = await gql(t.officer, UPDATE, { i: { id: made.id, version: 1, endsOn: '2022-12-31', status: 'ENDED' } });
    expect(codes(shrink)).toEqual(['BAD_USER_INPUT']);
    const ended = await gql(t.officer, UPDATE, { i: { id: made.id, version: 1, endsOn: '2024-12-31', status: 'ENDED' } });
    expect(ok(ended).updateTwinning).toEqual({ version: 2, status: 'ENDED', endsOn: '2024-12-31' });
    expect(await auditRowsOf(ended.requestId)).toHaveLength(1);
    expect(codes(await gql(t.officer, UPDATE, { i: { id: made.id, version: 1, note: 'x' } }))).toEqual(['CONFLICT']);
    // ended in 2024: active that year, not in 2025; a 2025 contribution is outside its period
    const active = ok(await gql(t.analyst, `{ y24: twinnings(filter: { activeIn: 2024, sponsorId: "${t.sponsorB}" }) { nodes { id } }
      y25: twinnings(filter: { activeIn: 2025, sponsorId: "${t.sponsorB}" }) { nodes { id } } }`));
    expect(active.y24.nodes.map((n: any) => n.id)).toContain(made.id);
    expect(active.y25.nodes.map((n: any) => n.id)).not.toContain(made.id);
    expect(codes(await gql(t.officer, RECORD, { i: input(made.id, { contributedOn: '2025-02-01' }), k: randomUUID() }))).toEqual(['BAD_USER_INPUT']);
  });

  it('every successful mutation leaves exactly one audit row naming who, tenant, operation, before and after', async () => {
    const r = await gql(t.partnerA, RECORD, { i: input(t.twinningA, { description: 'Kiểm toán' }), k: randomUUID() });
    const [row, ...rest] = await auditRowsOf(r.requestId);
    expect(rest).toEqual([]);
    expect(row).toMatchObject({ tenant_id: t.tenant, actor: 'partner-a', actor_roles: ['sponsor'], operation: 'recordContribution' });
    expect(row.changes.map((c: any) => c.entity).sort()).toEqual(['Contribution', 'IdempotencyKey']);
    const after = Object.values(row.after) as any[];
    expect(after.find((a) => a.description === 'Kiểm toán')).toMatchObject({ cashVnd: '20000000', sponsorId: t.sponsorA });
  });
});
