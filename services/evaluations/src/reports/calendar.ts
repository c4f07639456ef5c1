/**
 * The reporting calendar as pure functions over a tenant's rules (data): the periods a rule asks for
 * in a year, the due date of each, and a report's status against a day. No tenant appears here:
 * Lạng Sơn's six-monthly reports and Quảng Nam's 28/02 and 31/03 are rows of
 * `report_calendar_rule`, read by the same code.
 */

export type PeriodicityName = 'YEAR' | 'HALF_YEAR' | 'QUARTER';
export type ReportStatusName = 'PENDING' | 'SUBMITTED_ON_TIME' | 'SUBMITTED_LATE' | 'OVERDUE';

export interface DueRule {
  periodicity: PeriodicityName;
  /** A fixed day of the year (yearly reports): `dueMonth`/`dueDay` of the period's year + `dueYearOffset`. */
  dueMonth: number | null;
  dueDay: number | null;
  dueYearOffset: number;
  /** Or: this many days after the period's last day. */
  dueDaysAfterPeriod: number | null;
}

export interface Period {
  start: string;
  end: string;
  /** "2024", "2024-H1", "2024-Q3". */
  label: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDayOf = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The date of a month-day in `year`; a day past the month's end (29/02 in a common year) falls on its last day. */
export function dayOfYear(year: number, month: number, day: number): string {
  return `${year}-${pad(month)}-${pad(Math.min(day, lastDayOf(year, month)))}`;
}

export function addDays(date: string, days: number): string {
  const t = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** The periods of `year` a rule of this periodicity asks a report for. */
export function periodsOf(periodicity: PeriodicityName, year: number): Period[] {
  switch (periodicity) {
    case 'YEAR':
      return [{ start: `${year}-01-01`, end: `${year}-12-31`, label: String(year) }];
    case 'HALF_YEAR':
      return [
        { start: `${year}-01-01`, end: `${year}-06-30`, label: `${year}-H1` },
        { start: `${year}-07-01`, end: `${year}-12-31`, label: `${year}-H2` },
      ];
    case 'QUARTER':
      return [1, 2, 3, 4].map((q) => {
        const first = (q - 1) * 3 + 1;
        const last = first + 2;
        return { start: `${year}-${pad(first)}-01`, end: dayOfYear(year, last, 31), label: `${year}-Q${q}` };
      });
  }
}

/** The label of a period from its first day and the periodicity that made it. */
export function periodLabel(start: string, end: string): string {
  const y = start.slice(0, 4);
  if (start.slice(5) === '01-01' && end.slice(5) === '12-31' && end.slice(0, 4) === y) return y;
  if (start.slice(5) === '01-01' && end.slice(5) === '06-30') return `${y}-H1`;
  if (start.slice(5) === '07-01' && end.slice(5) === '12-31') return `${y}-H2`;
  const q = { '01-01': 1, '04-01': 2, '07-01': 3, '10-01': 4 }[start.slice(5)];
  if (q && Number(end.slice(5, 7)) === q * 3) return `${y}-Q${q}`;
  return `${start}..${end}`;
}

/**
 * The due date of a period under a rule: a fixed day of the period's year (a deadline such as 15/11
 * or 31/03, "trước ngày …" read as "by", as the sponsors subgraph reads 28/02), or a number of days
 * after the period ends.
 */
export function dueDateOf(rule: DueRule, period: Period): string {
  if (rule.dueMonth != null && rule.dueDay != null) {
    return dayOfYear(Number(period.start.slice(0, 4)) + rule.dueYearOffset, rule.dueMonth, rule.dueDay);
  }
  return addDays(period.end, rule.dueDaysAfterPeriod ?? 0);
}

/**
 * A report's status on `asOf`: what was known that day. A submission dated after `asOf` had not
 * happened yet; a report is OVERDUE from the day after its due date.
 */
export function statusOn(dueOn: string, submittedOn: string | null, asOf: string): ReportStatusName {
  if (submittedOn !== null && submittedOn <= asOf) return submittedOn <= dueOn ? 'SUBMITTED_ON_TIME' : 'SUBMITTED_LATE';
  return dueOn < asOf ? 'OVERDUE' : 'PENDING';
}

/** The same rule in SQL (for filters and counts), over columns `due_on`, `submitted_on` and a bound `asOf`. */
export const STATUS_SQL = (alias: string) => `(case
  when ${alias}.submitted_on is not null and ${alias}.submitted_on <= ?::date
    then case when ${alias}.submitted_on <= ${alias}.due_on then 'SUBMITTED_ON_TIME' else 'SUBMITTED_LATE' end
  when ${alias}.due_on < ?::date then 'OVERDUE' else 'PENDING' end)`;
