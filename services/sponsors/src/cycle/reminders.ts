import { enqueueOutbox, inTenant, reminderThreshold, type OutboxMessage, type OutboxRecipients, type ReminderScan } from '@kn/platform';
import { deadlineDate } from './deadlines.js';

const STEPS = {
  NEEDS_PROPOSAL: { table: 'needs_proposal', subject: 'NeedsProposal' },
  YEARLY_PLAN: { table: 'yearly_plan', subject: 'YearlyPlan' },
} as const;

/** Who is told about a twinning's cycle document: the staff, the commune (a unit) and the sponsor. */
const twinningRecipients = (t: { sponsorId: string; communeId: string }): OutboxRecipients => ({
  roles: ['officer', 'admin'],
  sponsorIds: [t.sponsorId],
  unitIds: [t.communeId],
});

/** The SUBMITTED event of a needs proposal or a yearly plan, written in the mutation's transaction. */
export function cycleEvent(
  tenant: string,
  type: 'NeedsProposal' | 'YearlyPlan',
  doc: { id: string; twinningId: string; year: number; deadline?: string | null; onTime?: boolean | null },
  twinning: { sponsorId: string; communeId: string },
  actor: string,
  extra: Record<string, unknown>,
): OutboxMessage {
  return {
    tenant,
    event: 'SUBMITTED',
    subject: { type, id: doc.id },
    payload: { twinningId: doc.twinningId, sponsorId: twinning.sponsorId, communeId: twinning.communeId, year: doc.year, deadline: doc.deadline ?? null, onTime: doc.onTime ?? null, ...extra },
    recipients: twinningRecipients(twinning),
    actor,
  };
}

/**
 * The daily reminder scan of the yearly cycle (#14 §3): for each province's cycle deadline (needs
 * proposals, yearly plans) of this year and the next, every twinning in force that year without its
 * document gets one DEADLINE_APPROACHING at the tightest reminder setting reached, and one
 * DEADLINE_OVERDUE once the day has passed (within the catch-up window). Dedupe keys make each at
 * most once, also when a crashed worker's scan is run again.
 */
export const cycleReminders: ReminderScan = async (client, { today, daysBefore, overdueWindowDays }) => {
  const { rows: deadlines } = await client.query(
    `select tenant_id, step, month, day, effective_from::text as effective_from from sponsors.cycle_deadline order by tenant_id, step`,
  );
  const year = Number(today.slice(0, 4));
  const dayMs = 86_400_000;
  const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / dayMs);
  let created = 0;
  for (const d of deadlines) {
    const tenant = String(d.tenant_id);
    const step = STEPS[String(d.step) as keyof typeof STEPS];
    if (!step) continue;
    const days = daysBefore(tenant);
    for (const y of [year, year + 1]) {
      const due = deadlineDate(y, Number(d.month), Number(d.day));
      if (d.effective_from && due < String(d.effective_from)) continue;
      const left = daysBetween(today, due);
      const threshold = left < 0 ? (left >= -overdueWindowDays ? -1 : null) : reminderThreshold(left, days);
      if (threshold === null) continue;
      await inTenant(client, tenant, async () => {
        const { rows: missing } = await client.query(
          `select t.id, t.sponsor_id, t.commune_id from sponsors.twinning t
            where t.tenant_id = $1 and t.status = 'ACTIVE' and t.starts_on <= $2::date and (t.ends_on is null or t.ends_on >= make_date($3, 1, 1))
              and not exists (select 1 from sponsors.${step.table} x where x.tenant_id = t.tenant_id and x.twinning_id = t.id and x.year = $3)
            order by t.id`,
          [tenant, due, y],
        );
        for (const t of missing) {
          const twinning = { sponsorId: String(t.sponsor_id), communeId: String(t.commune_id) };
          const payload = { step: d.step, twinningId: t.id, ...twinning, year: y, deadline: due, daysLeft: left };
          const overdue = threshold < 0;
          const fresh = await enqueueOutbox(
            client,
            {
              tenant,
              event: overdue ? 'DEADLINE_OVERDUE' : 'DEADLINE_APPROACHING',
              subject: { type: 'Twinning', id: String(t.id) },
              payload: overdue ? payload : { ...payload, daysBefore: threshold },
              recipients: twinningRecipients(twinning),
              actor: 'worker:reminders',
              dedupeKey: overdue ? `overdue:${d.step}:${t.id}:${y}:${due}` : `reminder:${d.step}:${t.id}:${y}:${due}:${threshold}`,
            },
            'sponsors',
          );
          if (fresh) created += 1;
        }
      });
    }
  }
  return created;
};
