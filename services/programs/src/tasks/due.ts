import { DueKind } from '../common/enums.js';
import { yearInPeriod, inPeriod, describePeriod, type Period } from '../common/validation.js';
import type { TaskDueInput } from './types.js';
import { optionalText, Reason, refuse } from '@kn/platform';

/** The due columns of a task. */
export interface DueData {
  dueKind: string | null;
  dueDate: string | null;
  dueMonths: number[];
  dueQuarters: number[];
  dueDay: number | null;
  dueBy: boolean;
  dueYear: number | null;
  dueIntervalMonths: number | null;
  dueWording: string | null;
}

export const NO_DUE: DueData = {
  dueKind: null,
  dueDate: null,
  dueMonths: [],
  dueQuarters: [],
  dueDay: null,
  dueBy: false,
  dueYear: null,
  dueIntervalMonths: null,
  dueWording: null,
};

const INTERVALS = [1, 2, 3, 4, 6, 12];
/** Longest day of each month in any year (29 February exists in leap years). */
const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function distinctSorted(values: readonly number[], min: number, max: number, field: string): number[] {
  for (const [i, v] of values.entries()) {
    if (!Number.isInteger(v) || v < min || v > max) {
      throw refuse(`\`${field}\` holds numbers from ${min} to ${max}`, `${field}[${i}]`, Reason.INVALID_FORMAT);
    }
  }
  return [...new Set(values)].sort((a, b) => a - b);
}

/**
 * Validates when a task is due: a day inside the programme's period; a calendar rule (months or
 * quarters, a deadline day of one month, a one-off year, a repeat interval); ongoing; as needed.
 */
export function validateDue(input: TaskDueInput | null | undefined, period: Period): DueData {
  if (input == null) return NO_DUE;
  const f = 'input.due';
  const wording = optionalText(input.wording, `${f}.wording`, 500);
  const ruleGiven =
    (input.months?.length ?? 0) > 0 ||
    (input.quarters?.length ?? 0) > 0 ||
    input.day != null ||
    input.by != null ||
    input.year != null ||
    input.intervalMonths != null;

  switch (input.kind) {
    case DueKind.DATE: {
      if (input.date == null) throw refuse('A DATE due needs `date`', `${f}.date`, Reason.REQUIRED);
      if (ruleGiven) throw refuse('A DATE due has no rule fields', f, Reason.INCONSISTENT);
      const y = Number(input.date.slice(0, 4));
      if (!inPeriod(period, y)) {
        throw refuse(`The due date is outside the programme’s period (${describePeriod(period)})`, `${f}.date`, Reason.YEAR_OUTSIDE_PERIOD);
      }
      return { ...NO_DUE, dueKind: DueKind.DATE, dueDate: input.date, dueWording: wording };
    }
    case DueKind.RULE: {
      if (input.date != null) throw refuse('A RULE due has no `date`', `${f}.date`, Reason.INCONSISTENT);
      const months = distinctSorted(input.months ?? [], 1, 12, `${f}.months`);
      const quarters = distinctSorted(input.quarters ?? [], 1, 4, `${f}.quarters`);
      if (months.length > 0 && quarters.length > 0) {
        throw refuse('Give months or quarters, not both', `${f}.quarters`, Reason.INCONSISTENT);
      }
      const day = input.day ?? null;
      if (day != null) {
        if (months.length !== 1) throw refuse('A deadline day goes with exactly one month (31/03)', `${f}.day`, Reason.INCONSISTENT);
        if (!Number.isInteger(day) || day < 1 || day > MONTH_DAYS[months[0]! - 1]!) {
          throw refuse(`Month ${months[0]} has no day ${day}`, `${f}.day`, Reason.DATE_INVALID);
        }
      }
      const by = input.by ?? false;
      if (by && months.length === 0 && quarters.length === 0) {
        throw refuse('A deadline (`by`) needs the month or quarter it falls in', `${f}.by`, Reason.INCONSISTENT);
      }
      const interval = input.intervalMonths ?? null;
      if (interval != null && !INTERVALS.includes(interval)) {
        throw refuse(`\`intervalMonths\` is one of ${INTERVALS.join(', ')}`, `${f}.intervalMonths`, Reason.INVALID_FORMAT);
      }
      const y = input.year == null ? null : yearInPeriod(input.year, period, `${f}.year`);
      if (months.length === 0 && quarters.length === 0 && interval == null && y == null) {
        throw refuse('A RULE due needs months, quarters, intervalMonths or year', f, Reason.REQUIRED);
      }
      return {
        ...NO_DUE,
        dueKind: DueKind.RULE,
        dueMonths: months,
        dueQuarters: quarters,
        dueDay: day,
        dueBy: by,
        dueYear: y,
        dueIntervalMonths: interval,
        dueWording: wording,
      };
    }
    case DueKind.ONGOING:
    case DueKind.AS_NEEDED: {
      if (input.date != null || ruleGiven) throw refuse(`An ${input.kind} due has no date or rule`, f, Reason.INCONSISTENT);
      return { ...NO_DUE, dueKind: input.kind, dueWording: wording };
    }
  }
}
