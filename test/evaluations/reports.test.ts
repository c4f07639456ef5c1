import { beforeAll, describe, expect, it } from 'vitest';
import { codes, gql, tokenFor } from '../support/client.js';
import { createTestTenant } from '../support/tenants.js';
import { adminSql, auditRows, ok } from './support.js';

const OVERDUE = `query($d: Date!, $a: String) { overdue(asOf: $d, first: 500, after: $a) {
  totalCount pageInfo { hasNextPage endCursor } nodes { id kind period dueOn submittedOn status reporterKind reporterId } } }`;

describe('overdue on a fixed day, over the seeded reports', () => {
  it('Quảng Nam on 5/3/2025: every report past due and not in by then, and nothing else', async () => {
    const qn = await tokenFor('quang-nam', 'analyst');
    const nodes: any[] = [];
    let after: string | null = null;
    let total = 0;
    do {
      const page: any = ok(await gql(qn, OVERDUE, { d: '2025-03-05', a: after })).overdue;
      nodes.push(...page.nodes);
      total = page.totalCount;
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    const expected = await adminSql(
      `select id from evaluations.report where tenant_id = 'quang-nam' and due_on < '2025-03-05'
          and (submitted_on is null or submitted_on > '2025-03-05') order by due_on, id`,
    );
    expect(total).toBe(expected.length);
    expect(nodes.map((n) => n.id)).toEqual(expected.map((r) => r.id));
    expect(total).toBeGreaterThan(20);
    expect(nodes.every((n) => n.status === 'OVERDUE' && n.dueOn < '2025-03-05')).toBe(true);
    // the 2025 needs proposals due 28/02/2025 that came in later were overdue on 5/3 and show their date
    expect(nodes.some((n) => n.kind === 'NEEDS_PROPOSAL' && n.period === '2025' && n.submittedOn > '2025-03-05')).toBe(true);
  });

  it('Lạng Sơn: the six-monthly reports of the border districts, due 15 days after each half-year', async () => {
    const ls = await tokenFor('lang-son', 'officer');
    const r = ok(
      await gql(ls, `{ reports(filter: { kind: SEMIANNUAL, year: 2024 }, first: 50) { totalCount nodes { period dueOn district { id name } status(asOf: "2025-02-01") } } }`),
    ).reports;
    expect(r.totalCount).toBe(10); // the 5 border districts × 2 halves
    expect(new Set(r.nodes.map((n: any) => n.district.name))).toEqual(new Set(['Tràng Định', 'Văn Lãng', 'Cao Lộc', 'Lộc Bình', 'Đình Lập']));
    expect(new Set(r.nodes.map((n: any) => `${n.period} ${n.dueOn}`))).toEqual(new Set(['2024-H1 2024-07-15', '2024-H2 2025-01-15']));
    // 88/KH-UBND: by 15/11; none for 2025, the districts were abolished on 1/7/2025
    const annual = ok(await gql(ls, `{ a: reports(filter: { kind: ANNUAL, reporterKind: DISTRICT, year: 2023 }) { nodes { dueOn } } b: reports(filter: { kind: ANNUAL, reporterKind: DISTRICT, year: 2025 }) { totalCount } }`));
    expect(annual.a.nodes.every((n: any) => n.dueOn === '2023-11-15')).toBe(true);
    expect(annual.b.totalCount).toBe(0);
  });

  it('the status filter and the status field agree, day by day', async () => {
    const qn = await tokenFor('quang-nam', 'analyst');
    for (const day of ['2021-01-01', '2023-04-01']) {
      const r = ok(
        await gql(qn, `query($d: Date!) { reports(filter: { asOf: $d, status: SUBMITTED_LATE, year: 2022 }, first: 500) { totalCount nodes { status dueOn submittedOn } } }`, { d: day }),
      ).reports;
      expect(r.nodes.every((n: any) => n.status === 'SUBMITTED_LATE' && n.submittedOn > n.dueOn && n.submittedOn <= day)).toBe(true);
    }
  });
});

describe('scheduling and recording reports', () => {
  let tenant: string;
  let admin: string;
  let officer: string;
  let programId: string;
  let sponsorA: string;
  let sponsorB: string;
  let reports: any[];

  beforeAll(async () => {
    tenant = await createTestTenant('ev-rep');
    admin = await tokenFor(tenant, 'admin', { sub: `admin@${tenant}` });
    officer = await tokenFor(tenant, 'officer', { sub: `officer@${tenant}` });
    const communes = ok(await gql(admin, `{ communes(filter: { asOf: "2024-01-01" }, first: 3) { nodes { id district { id } } } }`)).communes.nodes;
    // two border communes: their districts owe the six-monthly reports
    for (const c of communes.slice(0, 2)) {
      ok(await gql(admin, `mutation($c: ID!) { setCommuneClassifications(communeId: $c, classifications: [BORDER]) { id } }`, { c: c.id }));
    }
    programId = ok(
      await gql(officer, `mutation($i: ProgramInput!) { createProgram(code: "TEST-REP", input: $i) { id } }`, {
        i: { title: 'Chương trình thử nghiệm', kind: 'TWINNING', startYear: 2019 },
      }),
    ).createProgram.id;
    const sponsor = async (code: string) =>
      ok(await gql(officer, `mutation($i: CreateSponsorInput!) { createSponsor(input: $i) { id } }`, { i: { code, name: code, kind: 'ENTERPRISE' } })).createSponsor.id;
    sponsorA = await sponsor('A');
    sponsorB = await sponsor('B');
    for (const [code, s, c, start] of [['TA', sponsorA, communes[0].id, '2020-01-01'], ['TB', sponsorB, communes[1].id, '2024-08-01']] as const) {
      ok(await gql(officer, `mutation($i: CreateTwinningInput!) { createTwinning(input: $i) { id } }`, { i: { code, sponsorId: s, communeId: c, programId, startsOn: start } }));
    }
    const rule = (i: Record<string, unknown>) =>
      gql(admin, `mutation($i: ReportCalendarRuleInput!) { setReportCalendarRule(input: $i) { id code version dueMonth dueDay dueDaysAfterPeriod } }`, {
        i: { programId, firstYear: 2019, titleVi: 'Báo cáo', titleEn: 'Report', source: 'thử nghiệm', ...i },
      });
    ok(await rule({ code: 'SIX', kind: 'SEMIANNUAL', reporterKind: 'DISTRICT', reporters: 'CLASSIFIED_COMMUNES_DISTRICTS', classification: 'BORDER', periodicity: 'HALF_YEAR', dueDaysAfterPeriod: 15 }));
    ok(await rule({ code: 'PLAN', kind: 'PLAN', reporterKind: 'SPONSOR', reporters: 'PROGRAM_SPONSORS', periodicity: 'YEAR', dueMonth: 3, dueDay: 31 }));
    ok(await rule({ code: 'NEEDS', kind: 'NEEDS_PROPOSAL', reporterKind: 'COMMUNE', reporters: 'TWINNED_COMMUNES', periodicity: 'YEAR', dueMonth: 2, dueDay: 29 }));
    const r = await gql(officer, `mutation($p: ID!) { scheduleReports(programId: $p, year: 2024) { created reports { id kind period dueOn reporterKind reporterId version status } } }`, { p: programId });
    const s = ok(r).scheduleReports;
    reports = s.reports;
    expect(await auditRows('evaluations', r.requestId)).toHaveLength(1);
    expect(s.created).toBe(reports.length);
  });

  it('creates what the calendar asks for: districts of border communes per half-year, sponsors per year, twinned communes', () => {
    const six = reports.filter((r) => r.kind === 'SEMIANNUAL');
    expect(six.length).toBeGreaterThanOrEqual(2);
    expect(new Set(six.map((r) => r.dueOn))).toEqual(new Set(['2024-07-15', '2025-01-15']));
    // sponsor B's twinning starts in August: it owes the 2024 plan too (the year's period overlaps)
    expect(reports.filter((r) => r.kind === 'PLAN').map((r) => r.reporterId).sort()).toEqual([sponsorA, sponsorB].sort());
    expect(reports.filter((r) => r.kind === 'PLAN').every((r) => r.dueOn === '2024-03-31')).toBe(true);
    // 29/02 in a leap year stays 29/02
    expect(reports.filter((r) => r.kind === 'NEEDS_PROPOSAL').every((r) => r.dueOn === '2024-02-29' && r.reporterKind === 'COMMUNE')).toBe(true);
  });

  it('running it again creates nothing and writes no audit row', async () => {
    const r = await gql(officer, `mutation($p: ID!) { scheduleReports(programId: $p, year: 2024) { created reports { id } } }`, { p: programId });
    expect(ok(r).scheduleReports).toMatchObject({ created: 0 });
    expect(ok(r).scheduleReports.reports).toHaveLength(reports.length);
    expect(await auditRows('evaluations', r.requestId)).toHaveLength(0);
  });

  it('a changed calendar rule does not rewrite the due dates of reports already scheduled', async () => {
    const [rule] = ok(await gql(admin, `query($p: ID!) { reportCalendarRules(programId: $p) { code version } }`, { p: programId })).reportCalendarRules.filter(
      (r: any) => r.code === 'PLAN',
    );
    const changed = await gql(admin, `mutation($i: ReportCalendarRuleInput!) { setReportCalendarRule(input: $i) { version dueDay } }`, {
      i: { code: 'PLAN', programId, kind: 'PLAN', reporterKind: 'SPONSOR', reporters: 'PROGRAM_SPONSORS', periodicity: 'YEAR', dueMonth: 4, dueDay: 15, firstYear: 2019, titleVi: 'x', titleEn: 'x', source: 'x', version: rule.version },
    });
    expect(ok(changed).setReportCalendarRule).toMatchObject({ version: 2, dueDay: 15 });
    expect(await auditRows('evaluations', changed.requestId)).toHaveLength(1);
    const stale = await gql(admin, `mutation($i: ReportCalendarRuleInput!) { setReportCalendarRule(input: $i) { version } }`, {
      i: { code: 'PLAN', programId, kind: 'PLAN', reporterKind: 'SPONSOR', reporters: 'PROGRAM_SPONSORS', periodicity: 'YEAR', dueMonth: 4, dueDay: 15, firstYear: 2019, titleVi: 'x', titleEn: 'x', source: 'x', version: 1 },
    });
    expect(codes(stale)).toEqual(['CONFLICT']);
    const plans = ok(await gql(officer, `query($p: ID!) { reports(filter: { programId: $p, kind: PLAN, year: 2024 }) { nodes { dueOn } } }`, { p: programId })).reports.nodes;
    expect(plans.every((r: any) => r.dueOn === '2024-03-31')).toBe(true);
    const newer = ok(await gql(officer, `mutation($p: ID!) { scheduleReports(programId: $p, year: 2025) { reports { kind dueOn } } }`, { p: programId })).scheduleReports.reports;
    expect(newer.filter((r: any) => r.kind === 'PLAN').every((r: any) => r.dueOn === '2025-04-15')).toBe(true);
  });

  it('staff record a submission: on time, late, corrected with the version; never in the future', async () => {
    const plan = reports.find((r) => r.kind === 'PLAN' && r.reporterId === sponsorA);
    const REC = `mutation($i: RecordReportSubmissionInput!) { recordReportSubmission(input: $i) { submittedOn version status(asOf: "2026-01-01") } }`;
    const r = await gql(officer, REC, { i: { id: plan.id, version: plan.version, submittedOn: '2024-04-02' } });
    expect(ok(r).recordReportSubmission).toMatchObject({ submittedOn: '2024-04-02', version: 2, status: 'SUBMITTED_LATE' });
    expect(await auditRows('evaluations', r.requestId)).toHaveLength(1);
    expect(codes(await gql(officer, REC, { i: { id: plan.id, version: 1, submittedOn: '2024-03-30' } }))).toEqual(['CONFLICT']);
    expect(ok(await gql(officer, REC, { i: { id: plan.id, version: 2, submittedOn: '2024-03-30' } })).recordReportSubmission.status).toBe('SUBMITTED_ON_TIME');
    const future = await gql(officer, REC, { i: { id: plan.id, version: 3, submittedOn: '2999-01-01' } });
    expect(future.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.submittedOn', reason: 'IN_THE_FUTURE' });
  });

  it('a sponsor records its own report, today only; another’s is not found to it', async () => {
    const partner = await tokenFor(tenant, 'sponsor', { scope: { sponsorId: sponsorB } });
    const REC = `mutation($i: RecordReportSubmissionInput!) { recordReportSubmission(input: $i) { submittedOn status } }`;
    const mine = reports.find((r) => r.kind === 'PLAN' && r.reporterId === sponsorB);
    const theirs = reports.find((r) => r.kind === 'PLAN' && r.reporterId === sponsorA);
    const backdated = await gql(partner, REC, { i: { id: mine.id, version: mine.version, submittedOn: '2024-03-01' } });
    expect(backdated.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NOT_TODAY' });
    expect(codes(await gql(partner, REC, { i: { id: theirs.id, version: 1 } }))).toEqual(['NOT_FOUND']);
    const today = ok(await gql(partner, REC, { i: { id: mine.id, version: mine.version } })).recordReportSubmission;
    expect(today.status).toBe('SUBMITTED_LATE');
    // its retry (the answer was lost) answers the same report and writes nothing
    const retry = await gql(partner, REC, { i: { id: mine.id, version: mine.version } });
    expect(ok(retry).recordReportSubmission).toEqual(today);
    expect(await auditRows('evaluations', retry.requestId)).toHaveLength(0);
    // another partner's identity, or a correction, is for the province's staff
    const other = await tokenFor(tenant, 'sponsor', { sub: 'another-client', scope: { sponsorId: sponsorB } });
    expect(codes(await gql(other, REC, { i: { id: mine.id, version: mine.version + 1 } }))).toEqual(['CONFLICT']);
    // its list holds its own reports only
    const list = ok(await gql(partner, `{ reports(first: 500) { nodes { reporterId } } }`)).reports.nodes;
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((r: any) => r.reporterId === sponsorB)).toBe(true);
  });

  it('calendar rules are validated; analysts cannot schedule, officers cannot configure', async () => {
    const bad = await gql(admin, `mutation($i: ReportCalendarRuleInput!) { setReportCalendarRule(input: $i) { id } }`, {
      i: { code: 'BAD', programId, kind: 'SEMIANNUAL', reporterKind: 'DISTRICT', reporters: 'CLASSIFIED_COMMUNES_DISTRICTS', classification: 'BORDER', periodicity: 'HALF_YEAR', dueMonth: 7, dueDay: 15, firstYear: 2019, titleVi: 'x', titleEn: 'x', source: 'x' },
    });
    expect(bad.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DUE_RULE' });
    const wrongKind = await gql(admin, `mutation($i: ReportCalendarRuleInput!) { setReportCalendarRule(input: $i) { id } }`, {
      i: { code: 'BAD2', programId, kind: 'PLAN', reporterKind: 'COMMUNE', reporters: 'PROGRAM_SPONSORS', periodicity: 'YEAR', dueMonth: 3, dueDay: 31, firstYear: 2019, titleVi: 'x', titleEn: 'x', source: 'x' },
    });
    expect(wrongKind.errors![0]!.extensions).toMatchObject({ reason: 'REPORTERS' });
    const analyst = await tokenFor(tenant, 'analyst');
    expect(codes(await gql(analyst, `mutation($p: ID!) { scheduleReports(programId: $p, year: 2024) { created } }`, { p: programId }))).toEqual(['FORBIDDEN']);
    expect(
      codes(
        await gql(officer, `mutation($i: ReportCalendarRuleInput!) { setReportCalendarRule(input: $i) { id } }`, {
          i: { code: 'X', programId, kind: 'PLAN', reporterKind: 'SPONSOR', reporters: 'PROGRAM_SPONSORS', periodicity: 'YEAR', dueMonth: 3, dueDay: 31, firstYear: 2019, titleVi: 'x', titleEn: 'x', source: 'x' },
        }),
      ),
    ).toEqual(['FORBIDDEN']);
  });
});

describe('another province’s programme and reporters are unknown to the calendar', () => {
  const RULE = `mutation($i: ReportCalendarRuleInput!) { setReportCalendarRule(input: $i) { id code reporterIds } }`;
  let mine: { admin: string; officer: string; programId: string; sponsorId: string; communeId: string };
  let theirs: { programId: string; sponsorId: string; communeId: string };

  const province = async (prefix: string) => {
    const tenant = await createTestTenant(prefix);
    const admin = await tokenFor(tenant, 'admin', { sub: `admin@${tenant}` });
    const officer = await tokenFor(tenant, 'officer', { sub: `officer@${tenant}` });
    const programId = ok(
      await gql(officer, `mutation($i: ProgramInput!) { createProgram(code: "TEST-NAMED", input: $i) { id } }`, {
        i: { title: 'Chương trình thử nghiệm', kind: 'TWINNING', startYear: 2019 },
      }),
    ).createProgram.id;
    const sponsorId = ok(await gql(officer, `mutation($i: CreateSponsorInput!) { createSponsor(input: $i) { id } }`, { i: { code: 'S', name: 'Sở', kind: 'ENTERPRISE' } })).createSponsor
      .id;
    const communeId = ok(await gql(admin, `{ communes(filter: { asOf: "2024-01-01" }, first: 1) { nodes { id } } }`)).communes.nodes[0].id;
    return { admin, officer, programId, sponsorId, communeId };
  };
  const named = (programId: string, reporterKind: string, reporterIds: string[], code = 'NAMED') => ({
    i: { code, programId, kind: 'PLAN', reporterKind, reporters: 'NAMED', reporterIds, periodicity: 'YEAR', dueMonth: 3, dueDay: 31, firstYear: 2019, titleVi: 'x', titleEn: 'x', source: 'x' },
  });

  beforeAll(async () => {
    [mine, theirs] = await Promise.all([province('ev-named-a'), province('ev-named-b')]);
  });

  it('a NAMED rule names only the province’s own sponsors and communes; nothing is written otherwise', async () => {
    for (const [kind, id] of [
      ['SPONSOR', theirs.sponsorId],
      ['COMMUNE', theirs.communeId],
      ['DISTRICT', mine.communeId], // its own commune is not a district either
    ] as const) {
      const r = await gql(mine.admin, RULE, named(mine.programId, kind, [mine.sponsorId, id].slice(kind === 'SPONSOR' ? 0 : 1)));
      expect(r.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'REPORTERS' });
      expect(r.errors![0]!.extensions!.field).toMatch(/^input\.reporterIds\[[01]\]$/);
      expect(await auditRows('evaluations', r.requestId)).toHaveLength(0);
    }
    const own = ok(await gql(mine.admin, RULE, named(mine.programId, 'SPONSOR', [mine.sponsorId])));
    expect(own.setReportCalendarRule.reporterIds).toEqual([mine.sponsorId]);
  });

  it('scheduling another province’s programme is refused as unknown, like one that does not exist', async () => {
    const SCHEDULE = `mutation($p: ID!) { scheduleReports(programId: $p, year: 2024) { created } }`;
    for (const p of [theirs.programId, '00000000-0000-4000-8000-000000000000']) {
      const r = await gql(mine.officer, SCHEDULE, { p });
      expect(r.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'UNKNOWN_PROGRAM', field: 'programId' });
      expect(await auditRows('evaluations', r.requestId)).toHaveLength(0);
    }
    expect(ok(await gql(mine.officer, SCHEDULE, { p: mine.programId })).scheduleReports.created).toBe(1);
  });
});
