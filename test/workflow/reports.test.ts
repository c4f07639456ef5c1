import { beforeAll, describe, expect, it } from 'vitest';
import { codes, gql, tokenFor } from '../support/client.js';
import { adminSql, ok, writableTenant, type WritableTenant } from '../sponsors/support.js';

/**
 * The reporting chain of periodic reports (docs/WORKFLOW.md): a commune's year-end report is DRAFT
 * until the commune sends it (`recordReportSubmission`), the province returns it with a reason, the
 * commune sends it again (its first day stays the one timeliness is judged on), the province accepts;
 * the audit trail is asked through `auditTrail(entity: REPORT)` (sponsors → evaluations, as the caller).
 */
const R = `id reviewStatus submittedOn version history { by byLevel from to reason } comments { byLevel text } versions { number }`;
const SUBMIT = `mutation($i: RecordReportSubmissionInput!) { recordReportSubmission(input: $i) { ${R} } }`;
const RETURN = `mutation($id: ID!, $v: Int!, $r: String!) { returnReport(id: $id, version: $v, reason: $r) { ${R} } }`;
const ACCEPT = `mutation($id: ID!, $v: Int!) { acceptReport(id: $id, version: $v) { ${R} } }`;
const REASON = 'Số liệu hộ nghèo chưa khớp với biểu mẫu, đề nghị rà soát';

describe('the reporting chain of a report', () => {
  let t: WritableTenant;
  let commune: string;
  let wrong: string;
  let report: { id: string; version: number; reviewStatus: string };

  beforeAll(async () => {
    t = await writableTenant('wfr');
    commune = await tokenFor(t.tenant, 'officer', { sub: 'xa@wfr', scope: { units: [`commune:${t.communes[0]!.id}`] } });
    wrong = await tokenFor(t.tenant, 'officer', { sub: 'xa-khac@wfr', scope: { units: [`commune:${t.communes[1]!.id}`] } });
    ok(
      await gql(t.admin, `mutation($i: ReportCalendarRuleInput!) { setReportCalendarRule(input: $i) { id } }`, {
        i: {
          code: 'XA-CUOI-NAM', programId: t.programId, kind: 'YEAR_END_ASSESSMENT', reporterKind: 'COMMUNE', reporters: 'TWINNED_COMMUNES',
          periodicity: 'YEAR', dueMonth: 12, dueDay: 31, firstYear: 2020, titleVi: 'Báo cáo kết quả cuối năm của xã', titleEn: 'Commune year-end report',
          source: 'QĐ 1100 §III.2.2.c (thử)',
        },
      }),
    );
    ok(await gql(t.officer, `mutation($p: ID!) { scheduleReports(programId: $p, year: 2024) { created } }`, { p: t.programId }));
    const chain = ok(
      await gql(t.admin, `mutation($i: ReportReviewChainInput!) { setReportReviewChain(input: $i) { level maySubmit mayAccept } }`, {
        i: { programId: t.programId, steps: [{ level: 'COMMUNE', maySubmit: true }, { level: 'PROVINCE', maySubmit: true, mayReturn: true, mayAccept: true }], source: 'QĐ 1100 §III.2.2.c (thử)' },
      }),
    ).setReportReviewChain;
    expect(chain.map((c: any) => c.level)).toEqual(['COMMUNE', 'PROVINCE']);
    const mine = ok(await gql(commune, `{ reports(filter: { year: 2024 }) { nodes { id version reviewStatus commune { id } } } }`)).reports.nodes;
    expect(mine).toHaveLength(1);
    report = mine[0];
  });

  it('DRAFT → SUBMITTED → RETURNED → SUBMITTED → ACCEPTED; a wrong scope sees nothing; the audit trail follows', async () => {
    expect(report.reviewStatus).toBe('DRAFT');
    expect(codes(await gql(wrong, SUBMIT, { i: { id: report.id, version: report.version, submittedOn: '2024-12-20' } }))).toEqual(['NOT_FOUND']);
    // accepting a DRAFT: INVALID_TRANSITION, nothing written
    const early = await gql(t.officer, ACCEPT, { id: report.id, v: report.version });
    expect(early.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'INVALID_TRANSITION' });
    const sent = ok(await gql(commune, SUBMIT, { i: { id: report.id, version: report.version, submittedOn: '2024-12-20', note: 'Báo cáo năm 2024' } })).recordReportSubmission;
    expect(sent).toMatchObject({ reviewStatus: 'SUBMITTED', submittedOn: '2024-12-20' });
    expect(codes(await gql(commune, ACCEPT, { id: report.id, v: sent.version }))).toEqual(['FORBIDDEN']);
    const back = ok(await gql(t.officer, RETURN, { id: report.id, v: sent.version, r: REASON })).returnReport;
    expect(back.reviewStatus).toBe('RETURNED');
    ok(await gql(commune, `mutation($id: ID!) { addReportComment(id: $id, text: "Đã rà soát lại số liệu") { id } }`, { id: report.id }));
    expect(codes(await gql(wrong, `mutation($id: ID!) { addReportComment(id: $id, text: "x") { id } }`, { id: report.id }))).toEqual(['NOT_FOUND']);
    const again = ok(await gql(commune, SUBMIT, { i: { id: report.id, version: back.version, submittedOn: '2025-01-15' } })).recordReportSubmission;
    // timeliness stays on the first submission: 20/12/2024, before the due day
    expect(again).toMatchObject({ reviewStatus: 'SUBMITTED', submittedOn: '2024-12-20' });
    const done = ok(await gql(t.officer, ACCEPT, { id: report.id, v: again.version })).acceptReport;
    expect(done.history.map((h: any) => `${h.byLevel}:${h.from}>${h.to}`)).toEqual([
      'COMMUNE:DRAFT>SUBMITTED',
      'PROVINCE:SUBMITTED>RETURNED',
      'COMMUNE:RETURNED>SUBMITTED',
      'PROVINCE:SUBMITTED>ACCEPTED',
    ]);
    expect(done.history[1].reason).toBe(REASON);
    expect(done.versions.map((v: any) => v.number)).toEqual([1, 2]);
    expect(done.comments).toEqual([{ byLevel: 'COMMUNE', text: 'Đã rà soát lại số liệu' }]);
    // accepted is final, even for the province's corrections
    const fix = await gql(t.officer, SUBMIT, { i: { id: report.id, version: done.version, submittedOn: '2024-12-21' } });
    expect(fix.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ACCEPTED' });
    const [row] = await adminSql(`select status, submitted_on::text as d from evaluations.report where tenant_id = $1 and id = $2`, [t.tenant, report.id]);
    expect(row).toEqual({ status: 'ACCEPTED', d: '2024-12-20' });

    const TRAIL = `query($id: ID!) { auditTrail(entity: REPORT, id: $id) { actor operation before after } }`;
    const trail = ok(await gql(t.officer, TRAIL, { id: report.id })).auditTrail;
    expect(trail.map((e: any) => e.operation)).toEqual(['scheduleReports', 'recordReportSubmission', 'returnReport', 'recordReportSubmission', 'acceptReport']);
    expect(JSON.parse(trail[4].after).status).toBe('ACCEPTED');
    expect(ok(await gql(wrong, TRAIL, { id: report.id })).auditTrail).toEqual([]);
  });
});
