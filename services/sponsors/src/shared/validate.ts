import { badInput, isUuid, notFound } from '@kn/platform';

export const CODE_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

/** Trimmed, NFC-normalised text between 1 and `max` characters, or BAD_USER_INPUT on `field`. */
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
  if (!CODE_RE.test(c)) {
    throw badInput(`\`${field}\` is 1 to 63 letters, digits, ".", "_" or "-", starting with a letter or digit`, { field });
  }
  return c;
}

export function nonNegativeInt(value: number | null | undefined, field: string): number {
  const n = value ?? 0;
  if (!Number.isInteger(n) || n < 0) throw badInput(`\`${field}\` must be a whole number, not negative`, { field });
  return n;
}

export function nonNegativeVnd(value: bigint | null | undefined, field: string): bigint {
  const v = value ?? 0n;
  if (v < 0n) throw badInput(`\`${field}\` must not be negative (đồng)`, { field, reason: 'NEGATIVE_MONEY' });
  return v;
}

export function year(value: number, field: string): number {
  if (!Number.isInteger(value) || value < 2000 || value > 2100) throw badInput(`\`${field}\` must be a year between 2000 and 2100`, { field });
  return value;
}

/** An id naming a row of ours: anything that is not a UUID is simply not found. */
export function idOf(value: string, what: string, field: string): string {
  if (!isUuid(value)) throw notFound(what, { field });
  return value.toLowerCase();
}

/** An id naming another subgraph's entity, which we cannot look up: must at least be a UUID. */
export function foreignId(value: string, field: string): string {
  if (!isUuid(value)) throw badInput(`\`${field}\` is not an id`, { field });
  return value.toLowerCase();
}
