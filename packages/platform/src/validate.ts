import { AppError, badInput, notFound } from './errors.js';
import { isUuid } from './ids.js';
import { REASONS, Reason } from './reasons.js';

/**
 * The input checks every subgraph shares: one meaning each, one message each, a stable `reason`
 * (see reasons.ts) beside `code` and `field`. A subgraph's own rules stay in the subgraph.
 */

/** A refusal with its catalogued reason; the code (BAD_USER_INPUT, CONFLICT…) comes from the catalogue. */
export const refuse = (message: string, field: string, reason: Reason, extra: Record<string, unknown> = {}) =>
  new AppError(REASONS[reason], message, { field, reason, ...extra });

/** Trimmed, NFC-normalised text of 1 to `max` characters. */
export function requiredText(value: string | null | undefined, field: string, max = 2000): string {
  const text = (value ?? '').normalize('NFC').trim();
  if (text.length === 0) throw refuse(`\`${field}\` must not be empty`, field, Reason.REQUIRED);
  if (text.length > max) throw refuse(`\`${field}\` may not exceed ${max} characters`, field, Reason.TOO_LONG, { max });
  return text;
}

/** Like `requiredText`, but absent or blank is null. */
export function optionalText(value: string | null | undefined, field: string, max = 2000): string | null {
  if (value == null || value.trim().length === 0) return null;
  return requiredText(value, field, max);
}

/** At most `maxItems` texts, each required and at most `maxLength` characters. */
export function textList(values: readonly string[] | null | undefined, field: string, maxItems: number, maxLength: number): string[] {
  const list = values ?? [];
  if (list.length > maxItems) throw refuse(`\`${field}\` may have at most ${maxItems} items`, field, Reason.TOO_MANY, { max: maxItems });
  return list.map((v, i) => requiredText(v, `${field}[${i}]`, maxLength));
}

/** A code as most records have one: 1 to 63 letters, digits, ".", "_" or "-", starting with a letter or digit. */
export const CODE_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

/** A trimmed code matching `pattern` (default `CODE_RE`); `example` shows the expected form. */
export function code(value: string, field: string, pattern: RegExp = CODE_RE, example?: string): string {
  const c = value.trim();
  if (!pattern.test(c)) {
    const form = example ? `must look like "${example}"` : 'is 1 to 63 letters, digits, ".", "_" or "-", starting with a letter or digit';
    throw refuse(`\`${field}\` ${form}`, field, Reason.INVALID_FORMAT);
  }
  return c;
}

/** The largest whole number a column of ours holds (PostgreSQL `integer`; also GraphQL's `Int`). */
export const MAX_INT = 2_147_483_647;

/**
 * A whole number from 0 to `MAX_INT`. Absent is not zero: a caller with a default writes it
 * (`nonNegativeInt(input.n ?? 0, …)`), so the default is visible where it is chosen.
 */
export function nonNegativeInt(value: number, field: string): number {
  if (!Number.isInteger(value) || value < 0 || value > MAX_INT) {
    throw refuse(`\`${field}\` must be a whole number from 0 to ${MAX_INT}`, field, Reason.NOT_A_WHOLE_NUMBER);
  }
  return value;
}

/** An amount of đồng that is not negative; absent is zero đồng. */
export function nonNegativeVnd(value: bigint | null | undefined, field: string): bigint {
  const v = value ?? 0n;
  if (v < 0n) throw refuse(`\`${field}\` must not be negative (đồng)`, field, Reason.NEGATIVE_MONEY);
  return v;
}

/**
 * Two kinds of year, each with one range:
 * - an ACTIVITY year — what happens on the platform (contributions, reports, measurements,
 *   evaluations, dashboards): 2000–2100, the range every such table checks;
 * - a DOCUMENT year — a programme's period, its targets and baselines: 1945–2100, since a
 *   programme may continue or cite a plan far older than the platform.
 */
export const ACTIVITY_YEARS = { min: 2000, max: 2100 } as const;
export const DOCUMENT_YEARS = { min: 1945, max: 2100 } as const;

function yearIn(range: { min: number; max: number }, value: unknown, field: string): number {
  const y = typeof value === 'string' && /^\d{4}$/.test(value) ? Number(value) : value;
  if (typeof y !== 'number' || !Number.isInteger(y) || y < range.min || y > range.max) {
    throw refuse(`\`${field}\` must be a year from ${range.min} to ${range.max}`, field, Reason.YEAR_OUT_OF_RANGE);
  }
  return y;
}

/** An activity year (2000–2100). Accepts a number, or four digits (a federation reference's key). */
export const year = (value: unknown, field: string): number => yearIn(ACTIVITY_YEARS, value, field);

/** A document year (1945–2100): a programme's period, targets and baselines. */
export const documentYear = (value: unknown, field: string): number => yearIn(DOCUMENT_YEARS, value, field);

/** An id naming a row of ours: anything that is not a UUID is simply not found. */
export function idOf(value: string, what: string, field = 'id'): string {
  if (!isUuid(value)) throw notFound(what, { field });
  return value.toLowerCase();
}

/** An id naming another subgraph's entity, which we cannot look up here: must at least be a UUID. */
export function foreignId(value: string, field: string): string {
  if (!isUuid(value)) throw badInput(`\`${field}\` is not an id`, { field });
  return value.toLowerCase();
}

/** True for a UUID (an id that may name something); false for anything else, null included. */
export const isUuidOrNull = (value: string | null | undefined): value is string => value != null && isUuid(value);
