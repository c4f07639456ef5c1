import type { EntityManager } from '@mikro-orm/postgresql';

/** The date of a month-day deadline in `year`; 29/02 falls on 28/02 in common years. */
export function deadlineDate(year: number, month: number, day: number): string {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const d = Math.min(day, last);
  return `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * The tenant's deadline for a step of `year`, and whether `on` meets it (on or before the day:
 * "trước 28/02" is read as "by 28/02"). No deadline row: the tenant sets none (Lạng Sơn).
 */
export async function timelinessOf(
  em: EntityManager,
  tenant: string,
  step: 'NEEDS_PROPOSAL' | 'YEARLY_PLAN',
  year: number,
  on: string,
): Promise<{ deadline: string | null; onTime: boolean | null }> {
  const rows = await em.execute(
    `select month, day, effective_from::text as effective_from from sponsors.cycle_deadline where tenant_id = ? and step = ?`,
    [tenant, step],
  );
  const row = rows[0];
  if (!row) return { deadline: null, onTime: null };
  const deadline = deadlineDate(year, Number(row.month), Number(row.day));
  // no duty before the document that creates it: a deadline of a year that falls before it is none
  if (row.effective_from && deadline < String(row.effective_from)) return { deadline: null, onTime: null };
  return { deadline, onTime: on <= deadline };
}

export const timelinessName = (onTime: boolean | null) => (onTime === null ? 'NO_DEADLINE' : onTime ? 'ON_TIME' : 'LATE');
