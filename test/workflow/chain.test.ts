import { beforeAll, describe, expect, it } from 'vitest';
import { codes, gql, platform, tokenFor, withDb } from '../support/client.js';
import { adminSql, auditRowsOf, ok, writableTenant, type WritableTenant } from '../sponsors/support.js';

/**
 * The reporting chain (issue #14 §2, docs/WORKFLOW.md) through the gateway: a commune-scoped officer
 * sends a needs proposal, the district's officer returns it with a reason, the commune corrects and
 * sends it again, the province accepts; history, versions, comments and the audit trail say so; a
 * wrong scope sees nothing; forbidden acts are coded and write nothing.
 */
const NP = `id status version submittedOn timeliness history { by byLevel from to reason itemVersion } comments { by byLevel text } versions { number submittedBy content }`;
const SUBMIT = `mutation($i: SubmitNeedsProposalInput!) { submitNeedsProposal(input: $i) { ${NP} } }`;
const RESUBMIT = `mutation($id: ID!, $v: Int!) { resubmitNeedsProposal(id: $id, version: $v) { ${NP} } }`;
const RETURN = `mutation($id: ID!, $v: Int!, $r: String!) { returnNeedsProposal(id: $id, version: $v, reason: $r) { ${NP} } }`;
const ACCEPT = `mutation($id: ID!, $v: Int!) { acceptNeedsProposal(id: $id, version: $v) { ${NP} } }`;
const COMMENT = `mutation($id: ID!, $t: String!) { addNeedsProposalComment(id: $id, text: $t) { id by byLevel text } }`;
const UPDATE = `mutation($i: UpdateNeedsProposalInput!) { updateNeedsProposal(input: $i) { ${NP} } }`;
const LIST = `query($y: Int) { needsProposals(filter: { year: $y }, first: 50) { nodes { ${NP} } } }`;
const TRAIL = `query($id: ID!) { auditTrail(entity: NEEDS_PROPOSAL, id: $id) { actor operation type before after } }`;
const CHAIN = `mutation($i: CycleReviewChainInput!) { setCycleReviewChain(input: $i) { level maySubmit mayReturn mayAccept validFrom validUntil provenance { kind quote } } }`;

const REASON = 'Thiếu dự toán kinh phí cho từng hạng mục, đề nghị bổ sung';
const versionOf = async (tenant: string, id: string) =>
  Number((await adminSql(`select version from sponsors.needs_proposal where tenant_id = $1 and id = $2`, [tenant, id]))[0].version);
const rowsOf = async (table: string, tenant: string, id: string) =>
  Number((await adminSql(`select count(*)::int as n from sponsors.${table} where tenant_id = $1 and item_id = $2`, [tenant, id]))[0].n);

describe('the reporting chain of a needs proposal', () => {
  let t: WritableTenant;
  let commune: string;
  let district: string;
  let wrong: string;
  let province: string;

  beforeAll(async () => {
    t = await writableTenant('wf');
    const c = ok(await gql(t.admin, `query($id: ID!) { commune(id: $id) { id district { id } } }`, { id: t.communes[0]!.id })).commune;
    const scoped = (sub: string, units: string[]) => tokenFor(t.tenant, 'officer', { sub, scope: { units } });
    commune = await scoped('xa@wf', [`commune:${c.id}`]);
    district = await scoped('huyen@wf', [`district:${c.district.id}`]);
    wrong = await scoped('xa-khac@wf', [`commune:${t.communes[1]!.id}`]);
    province = t.officer;
    // before the reform: commune → district → province; after: commune → province (data, as the documents say)
    const steps = (withDistrict: boolean) => [
      { level: 'COMMUNE', maySubmit: true },
      ...(withDistrict ? [{ level: 'DISTRICT', mayReturn: true }] : []),
      { level: 'PROVINCE', mayReturn: true, mayAccept: true },
    ];
    const before = ok(await gql(t.admin, CHAIN, { i: { programId: t.programId, kind: 'NEEDS_PROPOSAL', validUntil: '2025-07-01', steps: steps(true), source: 'QĐ 1100, mục III.2.2.c và VI.4 (thử)' } }));
    expect(before.setCycleReviewChain.map((s: any) => s.level)).toEqual(['COMMUNE', 'DISTRICT', 'PROVINCE']);
    expect(before.setCycleReviewChain[0]!.provenance).toEqual({ kind: 'PROVINCE_SETTING', quote: 'QĐ 1100, mục III.2.2.c và VI.4 (thử)' });
    ok(await gql(t.admin, CHAIN, { i: { programId: t.programId, kind: 'NEEDS_PROPOSAL', validFrom: '2025-07-01', steps: steps(false), source: 'Sau sắp xếp 1/7/2025 (thử)' } }));
    // an officer may not set the chain; a scoped admin neither
    expect(codes(await gql(t.officer, CHAIN, { i: { programId: t.programId, kind: 'NEEDS_PROPOSAL', steps: steps(false), source: 'x' } }))).toEqual(['FORBIDDEN']);
    ok(await gql(t.admin, `mutation { setCycleDeadline(step: NEEDS_PROPOSAL, month: 2, day: 28) { step } }`));
  });

  it('commune sends, district returns with a reason, commune sends again, province accepts; history, versions, comments, audit trail', async () => {
    const sent = await gql(commune, SUBMIT, {
      i: { twinningId: t.twinningA, year: 2024, submittedOn: '2024-02-20', items: [{ category: 'EDUCATION', description: 'Sách vở cho học sinh', estimatedCostVnd: '5000000' }] },
    });
    const p = ok(sent).submitNeedsProposal;
    expect(p).toMatchObject({ status: 'SUBMITTED', timeliness: 'ON_TIME', version: 1 });
    expect(p.history).toEqual([{ by: 'xa@wf', byLevel: 'COMMUNE', from: 'DRAFT', to: 'SUBMITTED', reason: null, itemVersion: 1 }]);
    expect(p.versions).toHaveLength(1);
    expect(await auditRowsOf(sent.requestId)).toHaveLength(1);

    // a commune may not return or accept: FORBIDDEN, nothing written
    for (const [q, v] of [[ACCEPT, { id: p.id, v: 1 }], [RETURN, { id: p.id, v: 1, r: REASON }]] as const) {
      const r = await gql(commune, q, v);
      expect(codes(r)).toEqual(['FORBIDDEN']);
      expect(r.errors![0]!.extensions!.reason).toBe('WRONG_LEVEL');
    }
    // another commune's officer: the proposal does not exist for it
    expect(codes(await gql(wrong, RETURN, { id: p.id, v: 1, r: REASON }))).toEqual(['NOT_FOUND']);
    expect(codes(await gql(wrong, COMMENT, { id: p.id, t: 'xem thử' }))).toEqual(['NOT_FOUND']);
    expect(ok(await gql(wrong, LIST, { y: 2024 })).needsProposals.nodes).toEqual([]);
    expect(ok(await gql(wrong, TRAIL, { id: p.id })).auditTrail).toEqual([]);
    // the district: a return needs its reason; it may not accept
    const short = await gql(district, RETURN, { id: p.id, v: 1, r: 'thiếu' });
    expect(codes(short)).toEqual(['BAD_USER_INPUT']);
    expect(short.errors![0]!.extensions!.reason).toBe('REASON');
    expect(codes(await gql(district, ACCEPT, { id: p.id, v: 1 }))).toEqual(['FORBIDDEN']);
    expect(await versionOf(t.tenant, p.id)).toBe(1);
    expect(await rowsOf('review_transition', t.tenant, p.id)).toBe(1);

    const returned = await gql(district, RETURN, { id: p.id, v: 1, r: REASON });
    expect(ok(returned).returnNeedsProposal).toMatchObject({ status: 'RETURNED', version: 2 });
    expect(await auditRowsOf(returned.requestId)).toHaveLength(1);
    // a returned proposal is not accepted before it is sent again
    const early = await gql(province, ACCEPT, { id: p.id, v: 2 });
    expect(codes(early)).toEqual(['CONFLICT']);
    expect(early.errors![0]!.extensions!.reason).toBe('INVALID_TRANSITION');

    // comments: both sides see them
    ok(await gql(district, COMMENT, { id: p.id, t: 'Ghi rõ số học sinh được hỗ trợ' }));
    ok(await gql(commune, COMMENT, { id: p.id, t: 'Đã bổ sung: 40 học sinh' }));

    // the commune corrects and sends again; the first version is kept
    ok(await gql(commune, UPDATE, { i: { id: p.id, version: 2, items: [{ category: 'EDUCATION', description: 'Sách vở cho 40 học sinh', estimatedCostVnd: '6000000' }] } }));
    const again = ok(await gql(commune, RESUBMIT, { id: p.id, v: 3 })).resubmitNeedsProposal;
    expect(again).toMatchObject({ status: 'SUBMITTED', version: 4, submittedOn: '2024-02-20', timeliness: 'ON_TIME' });
    expect(again.versions.map((v: any) => JSON.parse(v.content).items[0].description)).toEqual(['Sách vở cho học sinh', 'Sách vở cho 40 học sinh']);

    const accepted = ok(await gql(province, ACCEPT, { id: p.id, v: 4 })).acceptNeedsProposal;
    expect(accepted.status).toBe('ACCEPTED');
    expect(accepted.history).toEqual([
      { by: 'xa@wf', byLevel: 'COMMUNE', from: 'DRAFT', to: 'SUBMITTED', reason: null, itemVersion: 1 },
      { by: 'huyen@wf', byLevel: 'DISTRICT', from: 'SUBMITTED', to: 'RETURNED', reason: REASON, itemVersion: 2 },
      { by: 'xa@wf', byLevel: 'COMMUNE', from: 'RETURNED', to: 'SUBMITTED', reason: null, itemVersion: 4 },
      { by: `officer@${t.tenant}`, byLevel: 'PROVINCE', from: 'SUBMITTED', to: 'ACCEPTED', reason: null, itemVersion: 5 },
    ]);
    expect(accepted.comments).toEqual([
      { by: 'huyen@wf', byLevel: 'DISTRICT', text: 'Ghi rõ số học sinh được hỗ trợ' },
      { by: 'xa@wf', byLevel: 'COMMUNE', text: 'Đã bổ sung: 40 học sinh' },
    ]);
    // both sides read the same history
    const seenByCommune = ok(await gql(commune, LIST, { y: 2024 })).needsProposals.nodes[0];
    expect(seenByCommune.history).toEqual(accepted.history);
    expect(seenByCommune.comments).toEqual(accepted.comments);

    // accepted is final: another act or an edit is refused, nothing written
    const twice = await gql(province, ACCEPT, { id: p.id, v: 5 });
    expect(twice.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'INVALID_TRANSITION' });
    const edit = await gql(province, UPDATE, { i: { id: p.id, version: 5, note: 'sửa' } });
    expect(edit.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ACCEPTED' });
    expect(await versionOf(t.tenant, p.id)).toBe(5);
    expect(await rowsOf('review_transition', t.tenant, p.id)).toBe(4);

    // the audit trail: who changed what, when, before and after
    const trail = ok(await gql(province, TRAIL, { id: p.id })).auditTrail;
    expect(trail.map((e: any) => e.operation)).toEqual([
      'submitNeedsProposal',
      'returnNeedsProposal',
      'updateNeedsProposal',
      'resubmitNeedsProposal',
      'acceptNeedsProposal',
    ]);
    expect(trail.map((e: any) => e.actor)).toEqual(['xa@wf', 'huyen@wf', 'xa@wf', 'xa@wf', `officer@${t.tenant}`]);
    expect(trail[0]).toMatchObject({ type: 'create', before: null });
    expect([JSON.parse(trail[1].before).status, JSON.parse(trail[1].after).status]).toEqual(['SUBMITTED', 'RETURNED']);
    expect(JSON.parse(trail[4].after).status).toBe('ACCEPTED');
    // the audit trail is for staff
    expect(codes(await gql(t.partnerA, TRAIL, { id: p.id }))).toEqual(['FORBIDDEN']);

    // PostgreSQL on its own: as the service role, scoped to the other commune, the history, versions and
    // comments of this proposal are invisible and cannot be added to; scoped to its commune, they are there
    await withDb(platform().dbUrls.sponsors!.app, async (c) => {
      const count = async (units: string) => {
        await c.query('begin');
        await c.query(`select set_config('app.tenant_id', $1, true), set_config('app.scoped', 'on', true), set_config('app.scope_units', $2, true)`, [t.tenant, units]);
        const r = await c.query(
          `select (select count(*) from sponsors.review_transition where item_id = $1)::int as h, (select count(*) from sponsors.review_version where item_id = $1)::int as v,
                  (select count(*) from sponsors.review_comment where item_id = $1)::int as c`,
          [p.id],
        );
        await c.query('rollback');
        return r.rows[0];
      };
      expect(await count(`{${t.communes[1]!.id}}`)).toEqual({ h: 0, v: 0, c: 0 });
      expect(await count(`{${t.communes[0]!.id}}`)).toEqual({ h: 4, v: 2, c: 2 });
      await c.query('begin');
      await c.query(`select set_config('app.tenant_id', $1, true), set_config('app.scoped', 'on', true), set_config('app.scope_units', $2, true)`, [t.tenant, `{${t.communes[1]!.id}}`]);
      await expect(
        c.query(`insert into sponsors.review_comment (tenant_id, id, item_kind, item_id, by, by_level, text) values ($1, gen_random_uuid(), 'NEEDS_PROPOSAL', $2, 'x', 'COMMUNE', 'x')`, [t.tenant, p.id]),
      ).rejects.toThrow(/row-level security/);
      await c.query('rollback');
    });
  });

  it('after the reform there is no district level: the commune sends straight to the province', async () => {
    const p = ok(await gql(commune, SUBMIT, { i: { twinningId: t.twinningA, year: 2026, submittedOn: '2026-03-02', items: [] } })).submitNeedsProposal;
    expect(p).toMatchObject({ status: 'SUBMITTED', timeliness: 'LATE' });
    const r = await gql(district, RETURN, { id: p.id, v: 1, r: REASON });
    expect(r.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'WRONG_LEVEL', levels: ['PROVINCE'] });
    const back = ok(await gql(province, RETURN, { id: p.id, v: 1, r: REASON })).returnNeedsProposal;
    expect(back.history.map((h: any) => `${h.byLevel}:${h.to}`)).toEqual(['COMMUNE:SUBMITTED', 'PROVINCE:RETURNED']);
    // a resubmission keeps the first submission's day: still LATE, not judged on the later day
    const again = ok(await gql(commune, RESUBMIT, { id: p.id, v: 2 })).resubmitNeedsProposal;
    expect(again).toMatchObject({ status: 'SUBMITTED', submittedOn: '2026-03-02', timeliness: 'LATE' });
  });

  it('a level the chain does not let send is refused at creation, nothing written', async () => {
    const r = await gql(district, SUBMIT, { i: { twinningId: t.twinningA, year: 2023, submittedOn: '2023-02-01', items: [] } });
    expect(r.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'WRONG_LEVEL' });
    const [n] = await adminSql(`select count(*)::int as n from sponsors.needs_proposal where tenant_id = $1 and year = 2023`, [t.tenant]);
    expect(n.n).toBe(0);
  });
});
