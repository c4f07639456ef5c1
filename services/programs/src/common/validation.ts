import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { badInput, conflict, isUuid, notFound } from '@kn/platform';

/**
 * Why an input was refused, in `extensions.reason` next to `code: BAD_USER_INPUT` and `field`:
 * stable names clients may branch on.
 */
export const Reason = {
  REQUIRED: 'REQUIRED',
  TOO_LONG: 'TOO_LONG',
  INVALID_FORMAT: 'INVALID_FORMAT',
  YEAR_OUT_OF_RANGE: 'YEAR_OUT_OF_RANGE',
  PERIOD_END_BEFORE_START: 'PERIOD_END_BEFORE_START',
  YEAR_OUTSIDE_PERIOD: 'YEAR_OUTSIDE_PERIOD',
  PERIOD_EXCLUDES_CONTENT: 'PERIOD_EXCLUDES_CONTENT',
  UNKNOWN_INDICATOR: 'UNKNOWN_INDICATOR',
  UNKNOWN_COMMUNE: 'UNKNOWN_COMMUNE',
  NEGATIVE_AMOUNT: 'NEGATIVE_AMOUNT',
  NEGATIVE_VALUE: 'NEGATIVE_VALUE',
  NOT_WHOLE_DONG: 'NOT_WHOLE_DONG',
  PERCENT_OUT_OF_RANGE: 'PERCENT_OUT_OF_RANGE',
  RANGE_INVALID: 'RANGE_INVALID',
  VALUE_ABOVE_WHOLE: 'VALUE_ABOVE_WHOLE',
  INCONSISTENT: 'INCONSISTENT',
  TOO_MANY: 'TOO_MANY',
  DATE_INVALID: 'DATE_INVALID',
  IN_USE: 'IN_USE',
} as const;
export type Reason = (typeof Reason)[keyof typeof Reason];

export const refuse = (message: string, field: string, reason: Reason, extra: Record<string, unknown> = {}) =>
  badInput(message, { field, reason, ...extra });

export const MIN_YEAR = 1945;
export const MAX_YEAR = 2100;

/** Trimmed, non-empty text of at most `max` characters. */
export function requiredText(value: string | null | undefined, field: string, max: number): string {
  const text = value?.trim() ?? '';
  if (text.length === 0) throw refuse(`\`${field}\` is required`, field, Reason.REQUIRED);
  if (text.length > max) throw refuse(`\`${field}\` may have at most ${max} characters`, field, Reason.TOO_LONG, { max });
  return text;
}

/** Trimmed text, or null when absent or blank. */
export function optionalText(value: string | null | undefined, field: string, max: number): string | null {
  if (value == null || value.trim().length === 0) return null;
  return requiredText(value, field, max);
}

export function textList(values: readonly string[] | null | undefined, field: string, maxItems: number, maxLength: number): string[] {
  const list = values ?? [];
  if (list.length > maxItems) throw refuse(`\`${field}\` may have at most ${maxItems} items`, field, Reason.TOO_MANY, { max: maxItems });
  return list.map((v, i) => requiredText(v, `${field}[${i}]`, maxLength));
}

export function year(value: number, field: string): number {
  if (!Number.isInteger(value) || value < MIN_YEAR || value > MAX_YEAR) {
    throw refuse(`\`${field}\` must be a year from ${MIN_YEAR} to ${MAX_YEAR}`, field, Reason.YEAR_OUT_OF_RANGE);
  }
  return value;
}

export function code(value: string, field: string, pattern: RegExp, example: string): string {
  const text = value.trim();
  if (!pattern.test(text)) throw refuse(`\`${field}\` must look like "${example}"`, field, Reason.INVALID_FORMAT);
  return text;
}

/** The period a programme covers; `end` null = open-ended. */
export interface Period {
  start: number;
  end: number | null;
}

export const inPeriod = (p: Period, y: number) => y >= p.start && (p.end == null || y <= p.end);
export const describePeriod = (p: Period) => (p.end == null ? `${p.start} onwards` : `${p.start}–${p.end}`);

export function yearInPeriod(value: number, p: Period, field: string): number {
  year(value, field);
  if (!inPeriod(p, value)) {
    throw refuse(`\`${field}\` ${value} is outside the programme’s period (${describePeriod(p)})`, field, Reason.YEAR_OUTSIDE_PERIOD, {
      period: { startYear: p.start, endYear: p.end },
    });
  }
  return value;
}

/** An id that is not even a UUID can never be found: NOT_FOUND, never a database error. */
export function requireUuid(id: string, what: string, field = 'id'): string {
  if (!isUuid(id)) throw notFound(what, { field });
  return id;
}

/** A unique key taken by a concurrent write surfaces as CONFLICT, not as a database error. */
export async function uniqueOr<T>(fn: () => Promise<T>, message: string, field: string): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof UniqueConstraintViolationException) throw conflict(message, { field });
    throw e;
  }
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
