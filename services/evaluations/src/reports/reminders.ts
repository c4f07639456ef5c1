import { enqueueOutbox, inTenant, reminderThreshold, type OutboxRecipients, type ReminderScan } from '@kn/platform';

/** Who is told about a report: the province's staff, and its reporter (a sponsor by id, a commune or district as a unit). */
export function reporterRecipients(reporterKind: string, reporterId: string): OutboxRecipients {
  return reporterKind === 'SPONSOR' ? { sponsorIds: [reporterId] } : { unitIds: [reporterId] };
}

/**
 * The daily reminder scan of the report calendar (#14 §3): every expected report not yet submitted
 * whose due date is N days away (N: the province's `reminderDaysBefore`, the tightest one reached)
 * gets one DEADLINE_APPROACHING, and one DEADLINE_OVERDUE once its due date has passed (within the
 * catch-up window). Each reminder has its dedupe key, so a scan run twice, or again after a worker
 * crash, writes nothing new. Reads across tenants (`app.read_all`), writes each tenant in its own
 * transaction (RLS checks the tenant of every row).
 */
export const reportReminders: ReminderScan = async (client, { today, daysBefore, overdueWindowDays }) => {
  const { rows } = await client.query(
    `select tenant_id, id, kind, program_id, reporter_kind, reporter_id, period_start::text, period_end::text, due_on::text,
            (due_on - $1::date) as days_left
       from evaluations.report
      where submitted_on is null and due_on between $1::date - $2::int and $1::date + 366
      order by tenant_id, due_on, id`,
    [today, overdueWindowDays],
  );
  const byTenant = new Map<string, typeof rows>();
  for (const r of rows) byTenant.set(String(r.tenant_id), [...(byTenant.get(String(r.tenant_id)) ?? []), r]);
  let created = 0;
  for (const [tenant, reports] of byTenant) {
    const days = daysBefore(tenant);
    await inTenant(client, tenant, async () => {
      for (const r of reports) {
        const left = Number(r.days_left);
        const payload = {
          kind: r.kind, programId: r.program_id, reporterKind: r.reporter_kind, reporterId: r.reporter_id,
          periodStart: r.period_start, periodEnd: r.period_end, dueOn: r.due_on, daysLeft: left,
        };
        const recipients: OutboxRecipients = { roles: ['officer', 'admin'], ...reporterRecipients(String(r.reporter_kind), String(r.reporter_id)) };
        const subject = { type: 'Report', id: String(r.id) };
        if (left < 0) {
          const fresh = await enqueueOutbox(client, {
            tenant, event: 'DEADLINE_OVERDUE', subject, payload, recipients, actor: 'worker:reminders',
            dedupeKey: `overdue:Report:${r.id}:${r.due_on}`,
          }, 'evaluations');
          if (fresh) created += 1;
          continue;
        }
        const n = reminderThreshold(left, days);
        if (n === null) continue;
        const fresh = await enqueueOutbox(client, {
          tenant, event: 'DEADLINE_APPROACHING', subject, payload: { ...payload, daysBefore: n }, recipients, actor: 'worker:reminders',
          dedupeKey: `reminder:Report:${r.id}:${r.due_on}:${n}`,
        }, 'evaluations');
        if (fresh) created += 1;
      }
    });
  }
  return created;
};
