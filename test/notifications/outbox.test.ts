import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInVietnam } from '@kn/platform/dates';
import { adminSql, codes, gql, ok, tokenFor } from '../support/client.js';
import { writableTenant, type WritableTenant } from '../sponsors/support.js';
import { dayFromToday, eventually, notificationsOf, REGISTER, startReceiver } from './support.js';

/**
 * Issue #14 §3 end to end: a change someone must act on writes its outbox row in the change's own
 * transaction; the worker (started by the platform, as `pnpm start` does) relays it to the
 * recipients' notifications and to the province's webhooks — a real HTTP receiver that fails some
 * deliveries — and sends deadline reminders computed from the calendars, each once.
 */
const SECRET = 'bí-mật-của-đối-tác-0123456789';
const YEAR = Number(todayInVietnam().slice(0, 4));
const SUBMIT_NEEDS = `mutation($i: SubmitNeedsProposalInput!) { submitNeedsProposal(input: $i) { id year } }`;
const DELIVERIES = `query($w: ID, $s: WebhookDeliveryStatus) { webhookDeliveries(webhookId: $w, status: $s, first: 100) {
  totalCount nodes { id webhookId event status attempts lastStatus lastError deliveredAt body } } }`;

describe('outbox, notifications, webhooks and reminders', () => {
  let t: WritableTenant;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let good: string;
  let bad: string;
  let proposalId: string;

  beforeAll(async () => {
    t = await writableTenant('ob');
    // /flaky refuses every delivery's first attempt (503) and accepts the second; /down always answers 500
    receiver = await startReceiver(SECRET, (r, seen) => (r.path.startsWith('/down') ? 500 : seen === 0 ? 503 : 200));
    good = ok(await gql(t.admin, REGISTER, { i: { url: `${receiver.url}/flaky`, events: ['SUBMITTED', 'DEADLINE_APPROACHING', 'DEADLINE_OVERDUE'], secret: SECRET } })).registerWebhook.id;
    bad = ok(await gql(t.admin, REGISTER, { i: { url: `${receiver.url}/down`, events: ['SUBMITTED'], secret: SECRET } })).registerWebhook.id;
  });
  afterAll(async () => receiver?.close());

  it('a needs proposal submitted writes its outbox row in the same transaction, and a refused one writes none', async () => {
    const r = await gql(t.officer, SUBMIT_NEEDS, {
      i: { twinningId: t.twinningA, year: YEAR, submittedOn: todayInVietnam(), items: [{ category: 'HEALTH', description: 'Khám sức khỏe cho người cao tuổi' }] },
    });
    proposalId = ok(r).submitNeedsProposal.id;
    const rows = await adminSql(`select event, subject_type, subject_id, recipient_units, recipient_sponsors, actor from sponsors.outbox where tenant_id = $1 and subject_id = $2`, [
      t.tenant,
      proposalId,
    ]);
    expect(rows).toEqual([
      { event: 'SUBMITTED', subject_type: 'NeedsProposal', subject_id: proposalId, recipient_units: [t.communes[0]!.id], recipient_sponsors: [t.sponsorA], actor: `officer@${t.tenant}` },
    ]);
    // the same proposal again is CONFLICT: its transaction rolled back, outbox row included
    const again = await gql(t.officer, SUBMIT_NEEDS, { i: { twinningId: t.twinningA, year: YEAR, submittedOn: todayInVietnam(), items: [] } });
    expect(codes(again)).toEqual(['CONFLICT']);
    const n = await adminSql(`select count(*)::int as n from sponsors.outbox where tenant_id = $1 and subject_type = 'NeedsProposal'`, [t.tenant]);
    expect(n[0].n).toBe(1);
  });

  it('the worker relays it to those who must act: the staff and the sponsor named, not the other sponsor', async () => {
    const seen = await eventually(async () => (await notificationsOf(t.officer, true)).find((x) => x.subjectId === proposalId));
    expect(seen).toMatchObject({ event: 'SUBMITTED', subjectType: 'NeedsProposal', source: 'sponsors', read: false });
    expect(JSON.parse(seen.payload)).toMatchObject({ twinningId: t.twinningA, year: YEAR, sponsorId: t.sponsorA });
    expect((await notificationsOf(t.partnerA)).map((x) => x.subjectId)).toContain(proposalId);
    expect((await notificationsOf(t.partnerB)).map((x) => x.subjectId)).not.toContain(proposalId);
    // a commune-scoped officer of the other commune does not see it; one of this commune does
    const here = await tokenFor(t.tenant, 'officer', { sub: 'xa-a', scope: { units: [`commune:${t.communes[0]!.id}`] } });
    const there = await tokenFor(t.tenant, 'officer', { sub: 'xa-b', scope: { units: [`commune:${t.communes[1]!.id}`] } });
    expect((await notificationsOf(here)).map((x) => x.subjectId)).toContain(proposalId);
    expect((await notificationsOf(there)).map((x) => x.subjectId)).not.toContain(proposalId);
    // another province sees nothing of it
    const other = await writableTenant('ob2');
    expect((await notificationsOf(other.officer)).map((x) => x.subjectId)).not.toContain(proposalId);
    // notification(id): the same rule, one at a time — null for whoever does not see it, as for an id that does not exist
    const one = `query($id: ID!) { notification(id: $id) { id subjectId event } }`;
    expect(ok(await gql(t.officer, one, { id: seen.id })).notification).toMatchObject({ id: seen.id, subjectId: proposalId, event: 'SUBMITTED' });
    expect(ok(await gql(here, one, { id: seen.id })).notification).toMatchObject({ id: seen.id });
    expect(ok(await gql(there, one, { id: seen.id })).notification).toBeNull();
    expect(ok(await gql(t.partnerB, one, { id: seen.id })).notification).toBeNull();
    expect(ok(await gql(other.officer, one, { id: seen.id })).notification).toBeNull();
    expect(ok(await gql(t.officer, one, { id: '00000000-0000-4000-8000-000000000000' })).notification).toBeNull();
  });

  it('markNotificationsRead marks for the reader only; unreadOnly then leaves it out', async () => {
    const mark = `mutation($ids: [ID!], $all: Boolean) { markNotificationsRead(ids: $ids, all: $all) }`;
    const mine = (await notificationsOf(t.officer, true)).find((x) => x.subjectId === proposalId);
    const r = await gql(t.officer, mark, { ids: [mine.id] });
    expect(ok(r).markNotificationsRead).toBe(1);
    expect(ok(await gql(t.officer, mark, { ids: [mine.id] })).markNotificationsRead).toBe(0);
    expect((await notificationsOf(t.officer, true)).map((x) => x.id)).not.toContain(mine.id);
    expect((await notificationsOf(t.officer)).find((x) => x.id === mine.id)?.read).toBe(true);
    // the admin, another reader, still has it unread
    expect((await notificationsOf(t.admin, true)).map((x) => x.id)).toContain(mine.id);
    const audit = await adminSql(`select operation, actor from notifications.audit_log where request_id = $1`, [r.requestId]);
    expect(audit).toEqual([{ operation: 'markNotificationsRead', actor: `officer@${t.tenant}` }]);
    expect(codes(await gql(t.officer, mark, {}))).toEqual(['BAD_USER_INPUT']);
  });

  it('webhooks: each delivery signed (HMAC-SHA256) with a delivery id, retried with backoff, never again after a 2xx; a receiver that stays down is given up, visible as FAILED', async () => {
    const delivered = await eventually(async () => {
      const d = ok(await gql(t.admin, DELIVERIES, { w: good, s: 'DELIVERED' })).webhookDeliveries.nodes;
      return d.find((x: any) => JSON.parse(x.body).subject.id === proposalId);
    });
    expect(delivered).toMatchObject({ event: 'SUBMITTED', status: 'DELIVERED', attempts: 2, lastStatus: 200 });
    const posts = receiver.received.filter((x) => x.deliveryId === delivered.id);
    expect(posts.map((p) => [p.attempt, p.answered])).toEqual([
      [1, 503],
      [2, 200],
    ]);
    expect(posts.every((p) => p.signatureValid)).toBe(true);
    expect(posts[1]!.body).toMatchObject({ deliveryId: delivered.id, event: 'SUBMITTED', tenant: t.tenant, subject: { type: 'NeedsProposal', id: proposalId } });

    const failed = await eventually(async () => {
      const d = ok(await gql(t.admin, DELIVERIES, { w: bad, s: 'FAILED' })).webhookDeliveries.nodes;
      return d.find((x: any) => JSON.parse(x.body).subject.id === proposalId);
    });
    expect(failed).toMatchObject({ status: 'FAILED', attempts: 4, lastStatus: 500, lastError: 'HTTP 500' });
    expect(receiver.received.filter((x) => x.deliveryId === failed.id).map((p) => p.attempt)).toEqual([1, 2, 3, 4]);

    // time for any stray resend: none comes, for either
    await new Promise((r) => setTimeout(r, 1500));
    expect(receiver.received.filter((x) => x.deliveryId === delivered.id && x.answered === 200)).toHaveLength(1);
    expect(receiver.received.filter((x) => x.deliveryId === failed.id)).toHaveLength(4);
    // webhooks are the admin's
    expect(codes(await gql(t.officer, DELIVERIES, {}))).toEqual(['FORBIDDEN']);
    expect(codes(await gql(t.admin, REGISTER, { i: { url: 'ftp://x', events: ['SUBMITTED'], secret: SECRET } }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await gql(t.admin, REGISTER, { i: { url: `${receiver.url}/x`, events: ['SUBMITTED'], secret: 'short' } }))).toEqual(['BAD_USER_INPUT']);
    // the secret is never shown, nor kept in the audit log
    const audit = await adminSql(`select after::text as after from notifications.audit_log where tenant_id = $1 and operation = 'registerWebhook'`, [t.tenant]);
    expect(audit.length).toBe(2);
    for (const a of audit) expect(a.after).not.toContain(SECRET);
  });

  it('deadline reminders from the cycle deadlines and the report calendar: days before per province, each once', async () => {
    const settings = await gql(t.admin, `mutation { setReminderDays(days: [5, 2], version: 0) { reminderDaysBefore version provenance { kind note } } }`);
    expect(ok(settings).setReminderDays).toMatchObject({ reminderDaysBefore: [5, 2], version: 1, provenance: { kind: 'PROVINCE_SETTING' } });
    // needs proposals due in 4 days: twinning B has none this year (A submitted above)
    const soon = dayFromToday(4);
    ok(await gql(t.admin, `mutation($m: Int!, $d: Int!) { setCycleDeadline(step: NEEDS_PROPOSAL, month: $m, day: $d, source: "thử nghiệm nhắc hạn") { step } }`, { m: soon.month, d: soon.day }));
    // yearly plans were due 2 days ago: nobody signed one
    const past = dayFromToday(-2);
    ok(await gql(t.admin, `mutation($m: Int!, $d: Int!) { setCycleDeadline(step: YEARLY_PLAN, month: $m, day: $d, source: "thử nghiệm quá hạn") { step } }`, { m: past.month, d: past.day }));
    // the sponsors' yearly report, due in 2 days, scheduled from the report calendar
    const due = dayFromToday(2);
    ok(
      await gql(t.admin, `mutation($i: ReportCalendarRuleInput!) { setReportCalendarRule(input: $i) { id } }`, {
        i: {
          code: 'NHAC-HAN', programId: t.programId, kind: 'YEAR_END_ASSESSMENT', reporterKind: 'SPONSOR', reporters: 'PROGRAM_SPONSORS',
          periodicity: 'YEAR', dueMonth: due.month, dueDay: due.day, firstYear: YEAR, lastYear: YEAR,
          titleVi: 'Báo cáo thử nhắc hạn', titleEn: 'Reminder test report', source: 'thử nghiệm',
        },
      }),
    );
    const scheduled = ok(await gql(t.officer, `mutation($p: ID!, $y: Int!) { scheduleReports(programId: $p, year: $y) { reports { id reporterId dueOn } } }`, { p: t.programId, y: YEAR }))
      .scheduleReports.reports;
    const reportB = scheduled.find((r: any) => r.reporterId === t.sponsorB);

    const expected = (n: any[]) =>
      n.some((x) => x.event === 'DEADLINE_APPROACHING' && x.subjectId === t.twinningB) &&
      n.some((x) => x.event === 'DEADLINE_OVERDUE' && x.subjectId === t.twinningA) &&
      n.some((x) => x.event === 'DEADLINE_APPROACHING' && x.subjectId === reportB?.id);
    const n = await eventually(async () => {
      const list = await notificationsOf(t.officer);
      return expected(list) ? list : null;
    }, 30_000);
    expect(n).not.toBeNull();
    const needs = n!.find((x) => x.event === 'DEADLINE_APPROACHING' && x.subjectId === t.twinningB);
    expect(JSON.parse(needs.payload)).toMatchObject({ step: 'NEEDS_PROPOSAL', deadline: soon.date, daysLeft: 4, daysBefore: 5 });
    const report = n!.find((x) => x.subjectId === reportB.id);
    expect(JSON.parse(report.payload)).toMatchObject({ dueOn: due.date, daysLeft: 2, daysBefore: 2 });
    // twinning A submitted its proposal: no needs reminder for it
    expect(n!.filter((x) => x.event === 'DEADLINE_APPROACHING' && x.subjectId === t.twinningA)).toHaveLength(0);
    // partner B is reminded of its own report and twinning; partner A is not reminded of B's
    expect((await notificationsOf(t.partnerB)).map((x) => x.subjectId)).toEqual(expect.arrayContaining([t.twinningB, reportB.id]));
    expect((await notificationsOf(t.partnerA)).map((x) => x.subjectId)).not.toContain(reportB.id);

    // several scans later (one a second), still one of each
    await new Promise((r) => setTimeout(r, 3000));
    const keys = await adminSql(
      `select dedupe_key, count(*)::int as n from sponsors.outbox where tenant_id = $1 and dedupe_key is not null group by 1
       union all select dedupe_key, count(*)::int from evaluations.outbox where tenant_id = $1 and dedupe_key is not null group by 1`,
      [t.tenant],
    );
    expect(keys.length).toBeGreaterThanOrEqual(4);
    expect(keys.every((k) => k.n === 1)).toBe(true);
    const dup = await adminSql(
      `select subject_id, event, count(*)::int as n from notifications.notification where tenant_id = $1 and event like 'DEADLINE%' group by 1, 2 having count(*) > 1`,
      [t.tenant],
    );
    expect(dup).toEqual([]);
  });

  it('a report recorded as submitted tells the province', async () => {
    const reports = ok(await gql(t.partnerA, `{ reports(first: 10) { nodes { id version submittedOn } } }`)).reports.nodes;
    const mine = reports.find((r: any) => !r.submittedOn);
    const r = await gql(t.partnerA, `mutation($i: RecordReportSubmissionInput!) { recordReportSubmission(input: $i) { id submittedOn } }`, {
      i: { id: mine.id, version: mine.version },
    });
    ok(r);
    const [row] = await adminSql(`select event, subject_type, recipient_sponsors, recipient_roles from evaluations.outbox where tenant_id = $1 and subject_id = $2 and event = 'SUBMITTED'`, [
      t.tenant,
      mine.id,
    ]);
    expect(row).toEqual({ event: 'SUBMITTED', subject_type: 'Report', recipient_sponsors: [t.sponsorA], recipient_roles: ['officer', 'admin'] });
    const told = await eventually(async () => (await notificationsOf(t.officer)).find((x) => x.subjectId === mine.id && x.event === 'SUBMITTED'));
    expect(told).toBeTruthy();
  });
});
