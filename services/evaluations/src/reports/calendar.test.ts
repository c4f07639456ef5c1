import { describe, expect, it } from 'vitest';
import { dayOfYear, dueDateOf, periodLabel, periodsOf, statusOn, type DueRule } from './calendar.js';

const fixed = (month: number, day: number): DueRule => ({ periodicity: 'YEAR', dueMonth: month, dueDay: day, dueYearOffset: 0, dueDaysAfterPeriod: null });
const after = (days: number, periodicity: DueRule['periodicity'] = 'HALF_YEAR'): DueRule => ({
  periodicity, dueMonth: null, dueDay: null, dueYearOffset: 0, dueDaysAfterPeriod: days,
});

describe('the reporting calendar', () => {
  it('Lạng Sơn border districts: two six-monthly periods a year, due 15 days after each', () => {
    const [h1, h2] = periodsOf('HALF_YEAR', 2024);
    expect(h1).toEqual({ start: '2024-01-01', end: '2024-06-30', label: '2024-H1' });
    expect(h2).toEqual({ start: '2024-07-01', end: '2024-12-31', label: '2024-H2' });
    expect(dueDateOf(after(15), h1!)).toBe('2024-07-15');
    expect(dueDateOf(after(15), h2!)).toBe('2025-01-15');
  });

  it('Lạng Sơn 88/KH-UBND by 15/11; Quảng Nam needs by 28/02, plans by 31/03, year-end by 31/12', () => {
    const [y] = periodsOf('YEAR', 2023);
    expect(dueDateOf(fixed(11, 15), y!)).toBe('2023-11-15');
    expect(dueDateOf(fixed(2, 28), y!)).toBe('2023-02-28');
    expect(dueDateOf(fixed(3, 31), y!)).toBe('2023-03-31');
    expect(dueDateOf(fixed(12, 31), y!)).toBe('2023-12-31');
    expect(dueDateOf({ ...fixed(1, 31), dueYearOffset: 1 }, y!)).toBe('2024-01-31');
  });

  it('29/02 falls on 28/02 in a common year', () => {
    expect(dayOfYear(2023, 2, 29)).toBe('2023-02-28');
    expect(dayOfYear(2024, 2, 29)).toBe('2024-02-29');
  });

  it('quarters and labels', () => {
    expect(periodsOf('QUARTER', 2025).map((p) => `${p.start}/${p.end}`)).toEqual([
      '2025-01-01/2025-03-31', '2025-04-01/2025-06-30', '2025-07-01/2025-09-30', '2025-10-01/2025-12-31',
    ]);
    expect(periodLabel('2025-04-01', '2025-06-30')).toBe('2025-Q2');
    expect(periodLabel('2025-07-01', '2025-12-31')).toBe('2025-H2');
    expect(periodLabel('2025-01-01', '2025-12-31')).toBe('2025');
  });

  it('status is derived against a day: on time, late, overdue, pending', () => {
    expect(statusOn('2024-11-15', '2024-11-15', '2025-01-01')).toBe('SUBMITTED_ON_TIME');
    expect(statusOn('2024-11-15', '2024-11-16', '2025-01-01')).toBe('SUBMITTED_LATE');
    expect(statusOn('2024-11-15', null, '2024-11-15')).toBe('PENDING'); // due today: not late yet
    expect(statusOn('2024-11-15', null, '2024-11-16')).toBe('OVERDUE');
    // a submission after the day asked about had not happened on that day
    expect(statusOn('2024-11-15', '2024-12-01', '2024-11-20')).toBe('OVERDUE');
    expect(statusOn('2024-11-15', '2024-12-01', '2024-11-10')).toBe('PENDING');
  });
});
