import { documentYear, Reason, refuse } from '@kn/platform';

/** What only the programs subgraph checks: a programme's period, and exact decimals. The shared checks are in @kn/platform. */

/** The period a programme covers; `end` null = open-ended. */
export interface Period {
  start: number;
  end: number | null;
}

export const inPeriod = (p: Period, y: number) => y >= p.start && (p.end == null || y <= p.end);
export const describePeriod = (p: Period) => (p.end == null ? `${p.start} onwards` : `${p.start}–${p.end}`);

export function yearInPeriod(value: number, p: Period, field: string): number {
  documentYear(value, field);
  if (!inPeriod(p, value)) {
    throw refuse(`\`${field}\` ${value} is outside the programme’s period (${describePeriod(p)})`, field, Reason.YEAR_OUTSIDE_PERIOD, {
      period: { startYear: p.start, endYear: p.end },
    });
  }
  return value;
}

/** Compares two canonical non-negative decimals exactly (no floats). */
export function compareDecimal(a: string, b: string): number {
  const [ai, af = ''] = a.split('.') as [string, string?];
  const [bi, bf = ''] = b.split('.') as [string, string?];
  if (ai.length !== bi.length) return ai.length < bi.length ? -1 : 1;
  if (ai !== bi) return ai < bi ? -1 : 1;
  const n = Math.max(af.length, bf.length);
  const x = af.padEnd(n, '0');
  const y = bf.padEnd(n, '0');
  return x === y ? 0 : x < y ? -1 : 1;
}
