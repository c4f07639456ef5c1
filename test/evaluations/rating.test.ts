import { beforeAll, describe, expect, it } from 'vitest';
import { codes, gql, platform, tokenFor, withDb } from '../support/client.js';
import { adminSql, APPROVE, auditRows, CHOOSE, chooseAll, EVALUATE, EVALUATION_OF, ok, RATED_YEAR as Y, ratedTenant, type RatedTenant } from './support.js';

const ruleOf = (e: any, code: string) => e.rules.find((r: any) => r.code === code);

/** Quảng Nam's 1100/QĐ-UBND rules on issue 5's hand-built cases, through the real mutations. */
describe('evaluateSponsors: the hand-built cases', () => {
  let t: RatedTenant;
  let run: any;
  const of = (sponsorId: string) => run.evaluations.find((e: any) => e.sponsor.id === sponsorId);

  beforeAll(async () => {
    t = await ratedTenant('ev-rate');
    const r = await gql(t.officer, EVALUATE, { p: t.programId, y: Y });
    run = ok(r).evaluateSponsors;
    const audit = await auditRows('evaluations', r.requestId);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ operation: 'evaluateSponsors', tenant_id: t.tenant });
  });

  it('a department of 25 staff helping 5 households and building 1 model per twinned commune meets both rules', () => {
    const e = of(t.sponsors.dept25);
    expect(ruleOf(e, 'households-per-10-staff')).toMatchObject({ target: '5', actual: '5', met: true });
    expect(ruleOf(e, 'models-per-commune-agency')).toMatchObject({ target: '2', actual: '2', met: true });
    expect(ruleOf(e, 'households-per-10-staff').explanation.vi).toContain('2 cho mỗi 10 biên chế × 25 biên chế');
    expect(ruleOf(e, 'households-per-10-staff').explanation.en).toContain('target ≥ 5 (2 per 10 staff × 25 staff) → met');
    expect(e.rules.map((r: any) => r.code)).not.toContain('support-lowland');
    // QĐ 1100 IV.1: "thực hiện đảm bảo các chỉ tiêu … và có các yếu tố tích cực khác thì được … xếp loại hoàn thành xuất sắc, tốt":
    // the engine proposes, the approver chooses
    expect(e).toMatchObject({ grade: null, outcome: 'CHOICE_REQUIRED', eligibleGrades: ['EXCELLENT', 'GOOD'], status: 'DRAFT', ruleSetVersion: 1, cappedBy: [] });
    // the explanation shows where each rule applied comes from
    expect(ruleOf(e, 'households-per-10-staff').provenance).toEqual({
      kind: 'DOCUMENT', section: 'III.2.1.a', quote: 'Bình quân 10 biên chế, nhận giúp đỡ ít nhất 02 hộ nghèo/năm',
    });
  });

  it('with 4 households it does not', () => {
    const e = of(t.sponsors.dept25short);
    expect(ruleOf(e, 'households-per-10-staff')).toMatchObject({ target: '5', actual: '4', met: false });
    expect(ruleOf(e, 'models-per-commune-agency').met).toBe(true);
    expect(e.grade).toBe('FAIR');
  });

  it('a lowland district giving 199,999,999 đồng misses the 200-million rule', () => {
    const e = of(t.sponsors.lowland);
    expect(ruleOf(e, 'support-lowland')).toMatchObject({ target: '200000000', actual: '199999999', met: false });
    expect(ruleOf(e, 'support-lowland').explanation.en).toContain('199,999,999 VND; target ≥ 200,000,000 VND → not met');
    expect(ruleOf(e, 'households-lowland')).toMatchObject({ target: '10', actual: '12', met: true });
    expect(ruleOf(e, 'models-per-commune-lowland')).toMatchObject({ target: '2', actual: '2', met: true });
    expect(e.rules.map((r: any) => r.code)).not.toContain('households-per-10-staff');
    expect(e).toMatchObject({ grade: 'FAIR', outcome: 'GRADED' }); // 6 of 7 rules
  });

  // QĐ 1100 IV.2: "không xem xét thi đua đối với các cơ quan, đơn vị, địa phương không có chương trình, kế hoạch ký kết thực hiện"
  it('a sponsor without a signed plan is not considered for emulation review (no grade), whatever else it did', () => {
    const e = of(t.sponsors.noPlan);
    expect(ruleOf(e, 'households-per-10-staff')).toMatchObject({ target: '2', actual: '100', met: true });
    expect(ruleOf(e, 'plan-signed')).toMatchObject({ met: false, excludes: true });
    expect(e).toMatchObject({ grade: null, outcome: 'NOT_CONSIDERED', excludedBy: ['plan-signed'] });
  });

  it('the run lists every sponsor of the programme’s year with its grade, and the distribution', () => {
    expect(run).toMatchObject({ status: 'DRAFT', ruleSetVersion: 1, year: Y });
    expect(run.evaluations).toHaveLength(4);
    // the grades in force: the two khá; the choice for dept25 is not made yet; noPlan has none
    expect(run.gradeDistribution).toEqual([
      { grade: 'EXCELLENT', count: 0 }, { grade: 'GOOD', count: 0 }, { grade: 'FAIR', count: 2 }, { grade: 'AVERAGE', count: 0 }, { grade: 'WEAK', count: 0 },
    ]);
  });

  it('the approver chooses among the eligible grades only, with a reason; the choice is stored apart and audited', async () => {
    const e = of(t.sponsors.dept25);
    const bad = await gql(t.admin, CHOOSE, { e: e.id, g: 'FAIR', r: 'Không nằm trong các mức được đề xuất' });
    expect(bad.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NOT_ELIGIBLE' });
    const short = await gql(t.admin, CHOOSE, { e: e.id, g: 'GOOD', r: 'ok' });
    expect(short.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'REASON' });
    expect(codes(await gql(t.officer, CHOOSE, { e: e.id, g: 'GOOD', r: 'Cán bộ không có quyền chọn' }))).toEqual(['FORBIDDEN']);
    const noChoice = await gql(t.admin, CHOOSE, { e: of(t.sponsors.lowland).id, g: 'GOOD', r: 'Không có lựa chọn nào để chọn' });
    expect(noChoice.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'NO_CHOICE' });
    // approving with a choice pending is refused
    const early = await gql(t.admin, APPROVE, { p: t.programId, y: Y });
    expect(early.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'CHOICES_PENDING' });
    const chosen = await gql(t.admin, CHOOSE, { e: e.id, g: 'EXCELLENT', r: 'Các yếu tố tích cực khác: vận động thêm 2 doanh nghiệp' });
    expect(ok(chosen).chooseGrade).toMatchObject({
      grade: 'EXCELLENT', outcome: 'CHOICE_REQUIRED', decision: { grade: 'EXCELLENT', reason: 'Các yếu tố tích cực khác: vận động thêm 2 doanh nghiệp', decidedBy: `admin@${t.tenant}` },
    });
    const audit = await auditRows('evaluations', chosen.requestId);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ operation: 'chooseGrade' });
    // a second thought before approval replaces it
    ok(await gql(t.admin, CHOOSE, { e: e.id, g: 'GOOD', r: 'Xem xét lại: các yếu tố tích cực chưa nổi trội' }));
    expect(ok(await gql(t.analyst, EVALUATION_OF, { s: t.sponsors.dept25, p: t.programId, y: Y })).sponsor.evaluation.grade).toBe('GOOD');
  });

  it('approval freezes: a contribution changed later leaves the approved grade; a new draft reflects it', async () => {
    const approved = await gql(t.admin, APPROVE, { p: t.programId, y: Y });
    expect(ok(approved).approveEvaluations).toMatchObject({ id: run.id, status: 'APPROVED', ruleSetVersion: 1, approvedBy: `admin@${t.tenant}` });
    expect(await auditRows('evaluations', approved.requestId)).toHaveLength(1);

    // the short department's contribution is corrected: 3 households instead of 2 → 5 in all
    const c = t.contributions.dept25short;
    ok(await gql(t.officer, `mutation($i: UpdateContributionInput!) { updateContribution(input: $i) { version } }`, { i: { id: c.id, version: c.version, poorHouseholdsHelped: 3 } }));

    const still = ok(await gql(t.analyst, EVALUATION_OF, { s: t.sponsors.dept25short, p: t.programId, y: Y })).sponsor.evaluation;
    expect(still).toMatchObject({ grade: 'FAIR', status: 'APPROVED', ruleSetVersion: 1 });
    expect(ruleOf(still, 'households-per-10-staff')).toMatchObject({ actual: '4', met: false });

    const again = ok(await gql(t.officer, EVALUATE, { p: t.programId, y: Y })).evaluateSponsors;
    expect(again.id).not.toBe(run.id);
    expect(again.status).toBe('DRAFT');
    const fresh = again.evaluations.find((e: any) => e.sponsor.id === t.sponsors.dept25short);
    expect(ruleOf(fresh, 'households-per-10-staff')).toMatchObject({ actual: '5', met: true });
    expect(fresh).toMatchObject({ grade: null, outcome: 'CHOICE_REQUIRED' });
    expect(await chooseAll(t.admin, t.programId, Y)).toBe(2);

    // in force: still the approved one; the draft on request
    const inForce = ok(await gql(t.analyst, EVALUATION_OF, { s: t.sponsors.dept25short, p: t.programId, y: Y })).sponsor.evaluation;
    expect(inForce).toMatchObject({ grade: 'FAIR', status: 'APPROVED' });
    const draft = ok(await gql(t.analyst, EVALUATION_OF, { s: t.sponsors.dept25short, p: t.programId, y: Y, st: 'DRAFT' })).sponsor.evaluation;
    expect(draft).toMatchObject({ grade: 'GOOD', status: 'DRAFT' }); // the approver's choice

    // approving the new draft makes it the one in force; both approvals are kept
    ok(await gql(t.admin, APPROVE, { p: t.programId, y: Y }));
    const runs = ok(await gql(t.analyst, `query($p: ID!) { evaluationRuns(programId: $p, year: ${Y}) { id status } }`, { p: t.programId })).evaluationRuns;
    expect(runs.map((r: any) => r.status)).toEqual(['APPROVED', 'APPROVED']);
    expect(ok(await gql(t.analyst, EVALUATION_OF, { s: t.sponsors.dept25short, p: t.programId, y: Y })).sponsor.evaluation.grade).toBe('GOOD');
    // nothing left to approve
    const none = await gql(t.admin, APPROVE, { p: t.programId, y: Y });
    expect(codes(none)).toEqual(['CONFLICT']);
    expect(none.errors![0]!.extensions).toMatchObject({ reason: 'ALREADY_APPROVED' });
  });

  it('a new rule-set version rates new drafts; approved results keep the version they used', async () => {
    const { QN_1100_RULES } = await import('@kn/evaluations/rules/rulesets');
    const v2 = structuredClone(QN_1100_RULES) as any;
    v2.rules[0].threshold = '3'; // 3 households per 10 staff: 25 staff → 7.5
    const published = await gql(t.admin, `mutation($p: ID!, $d: String!) { publishRuleSet(programId: $p, definition: $d, note: "stricter") { version rules { code threshold } } }`, {
      p: t.programId,
      d: JSON.stringify(v2),
    });
    expect(ok(published).publishRuleSet).toMatchObject({ version: 2 });
    expect(await auditRows('evaluations', published.requestId)).toHaveLength(1);
    const draft = ok(await gql(t.officer, EVALUATE, { p: t.programId, y: Y })).evaluateSponsors;
    expect(draft.ruleSetVersion).toBe(2);
    expect(ruleOf(draft.evaluations.find((e: any) => e.sponsor.id === t.sponsors.dept25), 'households-per-10-staff')).toMatchObject({ target: '7.5', actual: '5', met: false });
    const approved = ok(
      await gql(t.analyst, `query($p: ID!) { evaluationRun(programId: $p, year: ${Y}) { status ruleSetVersion ruleSet { version rules { code threshold } } } }`, { p: t.programId }),
    ).evaluationRun;
    expect(approved).toMatchObject({ status: 'APPROVED', ruleSetVersion: 1, ruleSet: { version: 1 } });
    expect(approved.ruleSet.rules[0]).toEqual({ code: 'households-per-10-staff', threshold: '2' });
  });

  it('a malformed rule set is refused with the path of each problem; nothing is published', async () => {
    const r = await gql(t.admin, `mutation($p: ID!, $d: String!) { publishRuleSet(programId: $p, definition: $d) { version } }`, {
      p: t.programId,
      d: JSON.stringify({ code: 'X', title: { vi: 'x', en: 'x' }, rules: [{ code: 'a' }], grading: { bands: [], gateCap: 'WEAK' } }),
    });
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    expect(r.errors![0]!.extensions).toMatchObject({ reason: 'INVALID_RULE_SET' });
    expect((r.errors![0]!.extensions!.issues as any[]).map((i) => i.path)).toContain('definition.rules.0.title');
    expect(codes(await gql(t.admin, `mutation($p: ID!) { publishRuleSet(programId: $p, definition: "{") { version } }`, { p: t.programId }))).toEqual(['BAD_USER_INPUT']);
    const unknown = await gql(t.admin, `mutation($d: String!) { publishRuleSet(programId: "00000000-0000-5000-8000-000000000000", definition: $d) { version } }`, {
      d: JSON.stringify((await import('@kn/evaluations/rules/rulesets')).QN_1100_RULES),
    });
    expect(unknown.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'UNKNOWN_PROGRAM' });
  });

  it('in the database, an approved run and every sponsor evaluation are final for the service role', async () => {
    await withDb(platform().dbUrls.evaluations!.app, async (c) => {
      await c.query('begin');
      await c.query(`select set_config('app.tenant_id', $1, true)`, [t.tenant]);
      await expect(c.query(`update evaluations.evaluation_run set status = 'DRAFT' where status = 'APPROVED'`)).rejects.toThrow(/frozen/);
      await c.query('rollback');
      await c.query('begin');
      await c.query(`select set_config('app.tenant_id', $1, true)`, [t.tenant]);
      await expect(c.query(`update evaluations.sponsor_evaluation set grade = 'EXCELLENT'`)).rejects.toThrow(/permission denied/);
      await c.query('rollback');
      await expect(c.query(`delete from evaluations.sponsor_evaluation`)).rejects.toThrow(/permission denied/);
      await expect(c.query(`delete from evaluations.evaluation_run`)).rejects.toThrow(/permission denied/);
      await expect(c.query(`update evaluations.rule_set set code = 'x'`)).rejects.toThrow(/permission denied/);
    });
  });
});

describe('evaluations: who may do what', () => {
  let t: RatedTenant;
  beforeAll(async () => {
    t = await ratedTenant('ev-roles');
  });

  it('analysts and sponsors cannot evaluate; officers cannot approve or publish rules; nothing is written', async () => {
    const partner = await tokenFor(t.tenant, 'sponsor', { scope: { sponsorId: t.sponsors.dept25 } });
    const national = await tokenFor(null, 'national');
    for (const token of [t.analyst, partner, national]) {
      expect(codes(await gql(token, EVALUATE, { p: t.programId, y: Y }))).toEqual(['FORBIDDEN']);
      expect(codes(await gql(token, `query($p: ID!) { evaluationPreview(programId: $p, year: ${Y}) { grade } }`, { p: t.programId }))).toEqual(['FORBIDDEN']);
    }
    ok(await gql(t.officer, EVALUATE, { p: t.programId, y: Y }));
    expect(codes(await gql(t.officer, APPROVE, { p: t.programId, y: Y }))).toEqual(['FORBIDDEN']);
    expect(codes(await gql(t.officer, `mutation($p: ID!) { publishRuleSet(programId: $p, definition: "{}") { version } }`, { p: t.programId }))).toEqual(['FORBIDDEN']);
    const [counts] = await adminSql(
      `select (select count(*) from evaluations.evaluation_run where tenant_id = $1 and status = 'APPROVED')::int as approved,
              (select count(*) from evaluations.rule_set where tenant_id = $1)::int as sets`,
      [t.tenant],
    );
    expect(counts).toEqual({ approved: 0, sets: 1 });
  });

  it('a sponsor reads its own approved evaluation only; no drafts, no other sponsor, no run', async () => {
    const partner = await tokenFor(t.tenant, 'sponsor', { scope: { sponsorId: t.sponsors.dept25 } });
    ok(await gql(t.officer, EVALUATE, { p: t.programId, y: Y }));
    const own = (st?: string) => gql(partner, EVALUATION_OF, { s: t.sponsors.dept25, p: t.programId, y: Y, st });
    // the sponsors subgraph shows a partner its own sponsor; this one shows it no draft
    expect(ok(await own()).sponsor.evaluation).toBeNull();
    await chooseAll(t.admin, t.programId, Y);
    ok(await gql(t.admin, APPROVE, { p: t.programId, y: Y }));
    expect(ok(await own()).sponsor.evaluation).toMatchObject({ grade: 'GOOD', status: 'APPROVED' });
    expect(ok(await own('DRAFT')).sponsor.evaluation).toBeNull();
    expect(codes(await gql(partner, `query($p: ID!) { evaluationRun(programId: $p, year: ${Y}) { id } }`, { p: t.programId }))).toEqual(['FORBIDDEN']);
    // another sponsor is not its to read (the sponsors subgraph says null already)
    expect(ok(await gql(partner, EVALUATION_OF, { s: t.sponsors.noPlan, p: t.programId, y: Y })).sponsor).toBeNull();
    // the rules it is rated by are open to it; the communes' figures are not
    expect(ok(await gql(partner, `query($p: ID!) { ruleSet(programId: $p) { version } }`, { p: t.programId })).ruleSet).toEqual({ version: 1 });
    expect(codes(await gql(partner, `{ communeMeasurements(year: 2024) { totalCount } }`))).toEqual(['FORBIDDEN']);
  });

  it('evaluations racing each other: each succeeds or is CONFLICT, never an error; one draft remains', async () => {
    const results = await Promise.all([1, 2, 3].map(() => gql(t.officer, EVALUATE, { p: t.programId, y: 2023 })));
    for (const r of results) expect(codes(r).every((c) => c === 'CONFLICT'), JSON.stringify(r.errors)).toBe(true);
    expect(results.some((r) => !r.errors)).toBe(true);
    const [drafts] = await adminSql(
      `select count(*)::int as n from evaluations.evaluation_run where tenant_id = $1 and year = 2023 and status = 'DRAFT'`,
      [t.tenant],
    );
    expect(drafts.n).toBe(1);
  });

  it('another province’s programme evaluates to nothing of this one', async () => {
    const other = await tokenFor('lang-son', 'officer');
    const r = await gql(other, EVALUATE, { p: t.programId, y: Y });
    expect(r.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NO_RULE_SET' });
  });
});
