import { QN_1100_RULES } from '@kn/evaluations/rules/rulesets';
import { adminSql, gql, ok, tokenFor } from '../support/client.js';
import { createTestTenant } from '../support/tenants.js';

export { adminSql, ok } from '../support/client.js';

/** Audit rows a request left in a schema. */
export const auditRows = (schema: string, requestId: string) =>
  adminSql(`select * from ${schema}.audit_log where request_id = $1`, [requestId]);

export const EVALUATE = `mutation($p: ID!, $y: Int!) { evaluateSponsors(programId: $p, year: $y) {
  id status ruleSetVersion year factsAsOf
  evaluations { id sponsor { id } grade outcome eligibleGrades excludedBy status ruleSetVersion cappedBy
    rules { code target actual met gate excludes explanation { vi en } provenance { kind section quote } } }
  gradeDistribution { grade count } } }`;
export const APPROVE = `mutation($p: ID!, $y: Int!) { approveEvaluations(programId: $p, year: $y) { id status ruleSetVersion approvedBy } }`;
export const CHOOSE = `mutation($e: ID!, $g: Grade!, $r: String!) { chooseGrade(evaluationId: $e, grade: $g, reason: $r) {
  id grade outcome eligibleGrades decision { grade reason decidedBy } } }`;

/** The approver's choice for every evaluation of the current draft the engine left to a person (QĐ 1100 IV.1). */
export async function chooseAll(admin: string, programId: string, year: number, grade = 'GOOD'): Promise<number> {
  const r = await gql(admin, `query($p: ID!, $y: Int!) { evaluationRun(programId: $p, year: $y, status: DRAFT) { evaluations { id outcome } } }`, {
    p: programId,
    y: year,
  });
  const pending = (ok(r).evaluationRun?.evaluations ?? []).filter((e: any) => e.outcome === 'CHOICE_REQUIRED');
  for (const e of pending) ok(await gql(admin, CHOOSE, { e: e.id, g: grade, r: 'Các yếu tố tích cực khác: tham gia tích cực (thử nghiệm)' }));
  return pending.length;
}
export const EVALUATION_OF = `query($s: ID!, $p: ID!, $y: Int!, $st: EvaluationStatus) {
  sponsor(id: $s) { id evaluation(programId: $p, year: $y, status: $st) { grade status ruleSetVersion rules { code target actual met explanation { vi en } } } } }`;

export interface RatedTenant {
  tenant: string;
  admin: string;
  officer: string;
  analyst: string;
  programId: string;
  communes: { id: string; code: string }[];
  sponsors: Record<'dept25' | 'dept25short' | 'lowland' | 'noPlan', string>;
  contributions: Record<'dept25short', { id: string; version: number }>;
  twinnings: string[];
}

const YEAR = 2024;

/**
 * A fresh province (Cao Bằng's real units) rating its sponsors by Quảng Nam's 1100/QĐ-UBND rules, for
 * 2024, built through the APIs only: the programme (programs), the rule set and a year-end report
 * calendar (evaluations), sponsors, twinnings, a 31/03 plan deadline, plans and contributions
 * (sponsors); the year-end reports scheduled and recorded as submitted. The hand-built cases of issue 5:
 *
 * - dept25: a department of 25 staff twinned with 2 communes, helping 5 poor households and building
 *   1 model per commune (2): meets both rules (25/10 × 2 = 5; 1 × 2 = 2);
 * - dept25short: the same with 4 households: misses the household rule;
 * - lowland: a lowland district twinned with 1 commune giving 199,999,999 đồng: misses the 200-million rule;
 * - noPlan: a department that did plenty but signed no plan: WEAK whatever else.
 */
export async function ratedTenant(prefix: string): Promise<RatedTenant> {
  const tenant = await createTestTenant(prefix);
  const admin = await tokenFor(tenant, 'admin', { sub: `admin@${tenant}` });
  const officer = await tokenFor(tenant, 'officer', { sub: `officer@${tenant}` });
  const analyst = await tokenFor(tenant, 'analyst');
  const communes = ok(await gql(admin, `{ communes(filter: { asOf: "2024-01-01" }, first: 7) { nodes { id code } } }`)).communes.nodes;
  const programId = ok(
    await gql(officer, `mutation($i: ProgramInput!) { createProgram(code: "TEST-1100", input: $i) { id } }`, {
      i: { title: 'Kế hoạch kết nghĩa (thử nghiệm)', kind: 'TWINNING', startYear: 2020, endYear: 2025 },
    }),
  ).createProgram.id as string;
  ok(await gql(admin, `mutation($p: ID!, $d: String!) { publishRuleSet(programId: $p, definition: $d) { version } }`, { p: programId, d: JSON.stringify(QN_1100_RULES) }));
  ok(await gql(admin, `mutation { setCycleDeadline(step: YEARLY_PLAN, month: 3, day: 31, source: "QĐ 1100 §III.2.1.c") { step } }`));
  ok(
    await gql(admin, `mutation($i: ReportCalendarRuleInput!) { setReportCalendarRule(input: $i) { id } }`, {
      i: {
        code: 'SO-KET', programId, kind: 'YEAR_END_ASSESSMENT', reporterKind: 'SPONSOR', reporters: 'PROGRAM_SPONSORS',
        periodicity: 'YEAR', dueMonth: 12, dueDay: 31, firstYear: 2020, lastYear: 2025,
        titleVi: 'Báo cáo sơ kết cuối năm', titleEn: 'Year-end report', source: 'QĐ 1100 §III.2.1.c: cuối năm có báo cáo sơ kết',
      },
    }),
  );
  const sponsor = async (code: string, input: Record<string, unknown>) =>
    ok(await gql(officer, `mutation($i: CreateSponsorInput!) { createSponsor(input: $i) { id } }`, { i: { code, name: `Đơn vị ${code}`, ...input } })).createSponsor
      .id as string;
  const sponsors = {
    dept25: await sponsor('DEPT-25', { kind: 'PROVINCIAL_AGENCY', staffCount: 25 }),
    dept25short: await sponsor('DEPT-25-SHORT', { kind: 'PROVINCIAL_AGENCY', staffCount: 25 }),
    lowland: await sponsor('LOWLAND', { kind: 'DISTRICT', lowland: true }),
    noPlan: await sponsor('NO-PLAN', { kind: 'PROVINCIAL_AGENCY', staffCount: 10 }),
  };
  const twinning = async (code: string, sponsorId: string, communeId: string) =>
    ok(
      await gql(officer, `mutation($i: CreateTwinningInput!) { createTwinning(input: $i) { id } }`, {
        i: { code, sponsorId, communeId, programId, signedOn: '2020-05-15', startsOn: '2020-05-15' },
      }),
    ).createTwinning.id as string;
  const tw = {
    a1: await twinning('A1', sponsors.dept25, communes[0].id),
    a2: await twinning('A2', sponsors.dept25, communes[1].id),
    b1: await twinning('B1', sponsors.dept25short, communes[2].id),
    b2: await twinning('B2', sponsors.dept25short, communes[3].id),
    c1: await twinning('C1', sponsors.lowland, communes[4].id),
    d1: await twinning('D1', sponsors.noPlan, communes[5].id),
  };
  for (const id of [tw.a1, tw.a2, tw.b1, tw.b2, tw.c1]) {
    ok(
      await gql(officer, `mutation($i: SignYearlyPlanInput!) { signYearlyPlan(input: $i) { id } }`, {
        i: { twinningId: id, year: YEAR, signedOn: '2024-03-20', items: [{ content: 'Hỗ trợ sinh kế', fundingVnd: '10000000' }] },
      }),
    );
  }
  let n = 0;
  const give = async (twinningId: string, f: Record<string, unknown>) =>
    ok(
      await gql(officer, `mutation($i: RecordContributionInput!, $k: String!) { recordContribution(input: $i, idempotencyKey: $k) { id version } }`, {
        i: { twinningId, contributedOn: '2024-06-15', category: 'ECONOMIC_DEVELOPMENT', description: 'Hỗ trợ giống, mô hình', ...f },
        k: `${tenant}-${++n}`,
      }),
    ).recordContribution as { id: string; version: number };
  const model = { modelsBuilt: 1, modelKind: 'HOUSEHOLD_GROUP' };
  await give(tw.a1, { cashVnd: '20000000', poorHouseholdsHelped: 3, ...model });
  await give(tw.a2, { cashVnd: '15000000', poorHouseholdsHelped: 2, ...model });
  const short = await give(tw.b1, { cashVnd: '20000000', poorHouseholdsHelped: 2, ...model });
  await give(tw.b2, { cashVnd: '15000000', poorHouseholdsHelped: 2, ...model });
  await give(tw.c1, { cashVnd: '150000000', inKindVnd: '49999999', poorHouseholdsHelped: 12, modelsBuilt: 2, modelKind: 'COOPERATIVE_GROUP' });
  await give(tw.d1, { cashVnd: '500000000', poorHouseholdsHelped: 100, modelsBuilt: 10, modelKind: 'COOPERATIVE' });
  // every sponsor sent its year-end report
  const scheduled = ok(await gql(officer, `mutation($p: ID!) { scheduleReports(programId: $p, year: ${YEAR}) { created reports { id version } } }`, { p: programId }));
  for (const r of scheduled.scheduleReports.reports) {
    ok(await gql(officer, `mutation($i: RecordReportSubmissionInput!) { recordReportSubmission(input: $i) { id } }`, { i: { id: r.id, version: r.version, submittedOn: '2024-12-20' } }));
  }
  return {
    tenant, admin, officer, analyst, programId, communes, sponsors,
    contributions: { dept25short: short },
    twinnings: Object.values(tw),
  };
}

export const RATED_YEAR = YEAR;
