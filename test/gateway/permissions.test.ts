import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS, type Action } from '@kn/platform/permissions';
import { ROLES, type Role } from '@kn/platform/identity';
import { codes, gql, tokenFor } from '../support/client.js';
import { writableTenant, type WritableTenant } from '../sponsors/support.js';

/**
 * One operation per action of the permission table, run with each of the five roles: the roles the
 * table lists are let through (they may still get BAD_USER_INPUT or NOT_FOUND), the others get
 * FORBIDDEN. A new action without an operation here fails this test.
 */
type Fixture = (t: WritableTenant, role: Role) => { query: string; variables?: Record<string, unknown> };

const FIXTURES: Record<Action, Fixture> = {
  'communes.read': () => ({ query: '{ communes(first: 1) { totalCount } }' }),
  'communes.classify': (t) => ({
    query: 'mutation($id: ID!) { setCommuneClassifications(communeId: $id, classifications: [BORDER]) { id } }',
    variables: { id: t.communes[0]!.id },
  }),
  // refused as input (no change) once let through: the shared tenant's geography stays as it is
  'communes.recordChanges': () => ({ query: 'mutation { recordUnitChanges(changes: []) { id } }' }),
  'programs.read': () => ({ query: '{ programs(first: 1) { totalCount } }' }),
  'programs.write': (_t, role) => ({
    query: `mutation { createProgram(code: "PERM-${role.toUpperCase()}", input: { title: "Kế hoạch thử", kind: OTHER, startYear: 2024 }) { id } }`,
  }),
  'sponsors.read': () => ({ query: '{ sponsors(first: 1) { totalCount } }' }),
  'sponsors.aggregate': () => ({ query: '{ contributionTotals(filter: { year: 2025 }, groupBy: [YEAR]) { count } }' }),
  'sponsors.write': (_t, role) => ({ query: `mutation { createSponsor(input: { code: "P-${role}", name: "Đơn vị ${role}", kind: OTHER }) { id } }` }),
  'sponsors.writeOwn': (t) => ({
    query: `mutation($i: RecordContributionInput!, $k: String!) { recordContribution(input: $i, idempotencyKey: $k) { id } }`,
    variables: { k: randomUUID(), i: { twinningId: t.twinningA, contributedOn: '2024-06-01', category: 'HEALTH', description: 'Khám bệnh', cashVnd: '1000000' } },
  }),
  'sponsors.files': () => ({ query: 'mutation($id: ID!) { deleteFile(id: $id) }', variables: { id: randomUUID() } }),
  'sponsors.verify': () => ({ query: 'mutation($id: ID!) { verifyContribution(id: $id, version: 1) { id } }', variables: { id: randomUUID() } }),
  'sponsors.import': () => ({ query: 'mutation { importContributions(rows: []) { ok } }' }),
  'sponsors.configure': () => ({ query: 'mutation { setCycleDeadline(step: YEARLY_PLAN, month: 3, day: 31) { step } }' }),
  'sponsors.apiKeys': () => ({ query: '{ apiKeys { id } }' }),
  'sponsors.review': () => ({ query: 'mutation($id: ID!) { acceptNeedsProposal(id: $id, version: 1) { id } }', variables: { id: randomUUID() } }),
  'sponsors.comment': () => ({ query: 'mutation($id: ID!) { addYearlyPlanComment(id: $id, text: "Ý kiến") { id } }', variables: { id: randomUUID() } }),
  'sponsors.audit': (t) => ({ query: 'query($id: ID!) { auditTrail(entity: TWINNING, id: $id) { operation } }', variables: { id: t.twinningA } }),
  'evaluations.read': (t) => ({ query: 'query($p: ID!) { ruleSets(programId: $p) { version } }', variables: { p: t.programId } }),
  'evaluations.report': () => ({
    query: 'mutation($i: RecordReportSubmissionInput!) { recordReportSubmission(input: $i) { id } }',
    variables: { i: { id: randomUUID(), version: 1 } },
  }),
  'evaluations.review': () => ({ query: 'mutation($id: ID!) { acceptReport(id: $id, version: 1) { id } }', variables: { id: randomUUID() } }),
  'evaluations.comment': () => ({ query: 'mutation($id: ID!) { addReportComment(id: $id, text: "Ý kiến") { id } }', variables: { id: randomUUID() } }),
  'evaluations.audit': () => ({ query: 'query($id: ID!) { auditTrail(entity: REPORT, id: $id) { operation } }', variables: { id: randomUUID() } }),
  'evaluations.schedule': (t) => ({
    query: 'mutation($p: ID!) { scheduleReports(programId: $p, year: 2025) { __typename } }',
    variables: { p: t.programId },
  }),
  'evaluations.measure': (t) => ({
    query: 'mutation($i: CommuneMeasurementInput!) { recordCommuneMeasurement(input: $i) { year } }',
    variables: { i: { communeId: t.communes[0]!.id, year: 2019, households: 100, poorHouseholds: 10, nearPoorHouseholds: 5, source: 'kiểm thử quyền' } },
  }),
  'evaluations.evaluate': (t) => ({ query: 'query($p: ID!) { evaluationPreview(programId: $p, year: 2025) { grade } }', variables: { p: t.programId } }),
  'evaluations.approve': (t) => ({ query: 'mutation($p: ID!) { approveEvaluations(programId: $p, year: 2019) { status } }', variables: { p: t.programId } }),
  'evaluations.templates': () => ({ query: '{ reportTemplates { id } }' }),
  'evaluations.configure': (_t, role) => ({
    query: 'mutation($i: CriteriaSetInput!) { saveCriteriaSet(input: $i) { code } }',
    variables: { i: { code: `PERM-${role.toUpperCase()}`, titleVi: 'Bộ tiêu chí thử', titleEn: 'Test criteria', decision: 'QĐ thử', firstYear: 2030, criteria: [] } },
  }),
  'evaluations.dashboard': () => ({ query: '{ provinceDashboard(year: 2024) { year overdueReports } }' }),
  'evaluations.compare': () => ({ query: '{ nationalComparison(year: 2024) { totalVnd } }' }),
  'notifications.read': () => ({ query: '{ notifications(unreadOnly: true, first: 1) { totalCount } }' }),
  'notifications.configure': () => ({ query: 'mutation { setReminderDays(days: [7, 1]) { reminderDaysBefore } }' }),
  'notifications.webhooks': () => ({ query: '{ webhookDeliveries(status: FAILED, first: 1) { totalCount } }' }),
};

describe('the permission table, cell by cell, through the gateway', () => {
  let t: WritableTenant;
  const tokens = {} as Record<Role, string>;
  beforeAll(async () => {
    t = await writableTenant('perm');
    for (const role of ROLES) {
      tokens[role] =
        role === 'national'
          ? await tokenFor(null, 'national')
          : await tokenFor(t.tenant, role, role === 'sponsor' ? { scope: { sponsorId: t.sponsorA } } : {});
    }
  });

  it('every action has an operation here', () => {
    expect(Object.keys(FIXTURES).sort()).toEqual(Object.keys(PERMISSIONS).sort());
  });

  for (const action of Object.keys(PERMISSIONS) as Action[]) {
    it(action, async () => {
      const allowedRoles = PERMISSIONS[action].roles as readonly Role[];
      for (const role of ROLES) {
        const fixture = FIXTURES[action];
        if (!fixture) throw new Error(`no operation for ${action}`);
        const { query, variables } = fixture(t, role);
        const r = await gql(tokens[role], query, variables);
        expect(r.status, `${action} as ${role}`).toBeLessThan(500);
        if (allowedRoles.includes(role)) expect(codes(r), `${action} as ${role}`).not.toContain('FORBIDDEN');
        else expect(codes(r), `${action} as ${role}`).toContain('FORBIDDEN');
      }
    });
  }
});
