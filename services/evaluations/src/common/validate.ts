import { badInput, isUuid, notFound } from '@kn/platform';

export const CODE_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

export function year(value: number, field: string): number {
  if (!Number.isInteger(value) || value < 2000 || value > 2100) throw badInput(`\`${field}\` must be a year between 2000 and 2100`, { field });
  return value;
}

/** An id naming a row of ours: anything that is not a UUID is simply not found. */
export function idOf(value: string, what: string, field: string): string {
  if (!isUuid(value)) throw notFound(what, { field });
  return value.toLowerCase();
}

/** An id naming another subgraph's entity: must at least be a UUID. */
export function foreignId(value: string, field: string): string {
  if (!isUuid(value)) throw badInput(`\`${field}\` is not an id`, { field });
  return value.toLowerCase();
}

export function requiredText(value: string | null | undefined, field: string, max = 2000): string {
  const text = (value ?? '').normalize('NFC').trim();
  if (text.length === 0) throw badInput(`\`${field}\` must not be empty`, { field });
  if (text.length > max) throw badInput(`\`${field}\` may not exceed ${max} characters`, { field, max });
  return text;
}

export function optionalText(value: string | null | undefined, field: string, max = 2000): string | null {
  if (value == null) return null;
  const text = value.normalize('NFC').trim();
  if (text.length === 0) return null;
  if (text.length > max) throw badInput(`\`${field}\` may not exceed ${max} characters`, { field, max });
  return text;
}

export function code(value: string, field: string): string {
  const c = value.trim();
  if (!CODE_RE.test(c)) throw badInput(`\`${field}\` is 1 to 63 letters, digits, ".", "_" or "-", starting with a letter or digit`, { field });
  return c;
}

export function nonNegativeInt(value: number, field: string): number {
  if (!Number.isInteger(value) || value < 0 || value > 2_000_000_000) throw badInput(`\`${field}\` must be a whole number, not negative`, { field });
  return value;
}

/** Why an input was refused, in `extensions.reason` beside `code` and `field`: names clients may branch on. */
export const Reason = {
  INVALID_JSON: 'INVALID_JSON',
  INVALID_RULE_SET: 'INVALID_RULE_SET',
  UNKNOWN_PROGRAM: 'UNKNOWN_PROGRAM',
  UNKNOWN_COMMUNE: 'UNKNOWN_COMMUNE',
  NO_RULE_SET: 'NO_RULE_SET',
  UNKNOWN_CRITERIA_SET: 'UNKNOWN_CRITERIA_SET',
  CRITERIA_SET_NOT_IN_FORCE: 'CRITERIA_SET_NOT_IN_FORCE',
  UNKNOWN_CRITERION: 'UNKNOWN_CRITERION',
  HOUSEHOLDS_INCONSISTENT: 'HOUSEHOLDS_INCONSISTENT',
  IN_THE_FUTURE: 'IN_THE_FUTURE',
  NOT_TODAY: 'NOT_TODAY',
  DUE_RULE: 'DUE_RULE',
  REPORTERS: 'REPORTERS',
  VERSION_REQUIRED: 'VERSION_REQUIRED',
} as const;
export type Reason = (typeof Reason)[keyof typeof Reason];

export const refuse = (message: string, field: string, reason: Reason, extra: Record<string, unknown> = {}) =>
  badInput(message, { field, reason, ...extra });

/** True for a UUID (an id that may name something); false for anything else. */
export const isUuidOrNull = (value: string | null | undefined): value is string => value != null && isUuid(value);

/** True when `e` (or what it wraps) is PostgreSQL's unique violation: a concurrent writer got there first. */
export function isUniqueViolation(e: unknown): boolean {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur; i++) {
    if ((cur as { code?: unknown }).code === '23505') return true;
    if ((cur as { name?: string }).name === 'UniqueConstraintViolationException') return true;
    cur = (cur as { cause?: unknown; previous?: unknown }).cause ?? (cur as { previous?: unknown }).previous;
  }
  return false;
}
