import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { badInput } from './errors.js';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Checks a `YYYY-MM-DD` calendar date (years 1900–2999) and returns it, or null. */
export function parseCalendarDate(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const m = DATE_RE.exec(value);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2999 || mo < 1 || mo > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= days ? value : null;
}

function dateFrom(value: unknown): string {
  const parsed = parseCalendarDate(value);
  if (parsed == null) {
    throw badInput('A Date must be a calendar date written YYYY-MM-DD (for example 2025-07-01)');
  }
  return parsed;
}

/** A calendar date in Asia/Ho_Chi_Minh, written `YYYY-MM-DD`. Carried as that string in code. */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date (Asia/Ho_Chi_Minh), written YYYY-MM-DD.',
  serialize: (value) => {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    return dateFrom(value);
  },
  parseValue: dateFrom,
  parseLiteral: (ast: ValueNode) => {
    if (ast.kind !== Kind.STRING) throw badInput('A Date must be a string written YYYY-MM-DD');
    return dateFrom(ast.value);
  },
});

const MAX_VND = 10n ** 18n; // a quintillion đồng: far above any budget, far below bigint limits

function vndFrom(value: unknown): bigint {
  let result: bigint | null = null;
  if (typeof value === 'bigint') result = value;
  else if (typeof value === 'number' && Number.isSafeInteger(value)) result = BigInt(value);
  else if (typeof value === 'string' && /^-?\d{1,19}$/.test(value)) result = BigInt(value);
  if (result == null) {
    throw badInput('A Vnd amount must be a whole number of đồng, as digits ("200000000") or an integer');
  }
  if (result >= MAX_VND || result <= -MAX_VND) throw badInput('A Vnd amount is out of range');
  return result;
}

/**
 * An exact integer number of đồng. Serialised as a string of digits ("3002800000000");
 * accepted as a string of digits or an integer.
 */
export const VndScalar = new GraphQLScalarType<bigint, string>({
  name: 'Vnd',
  description:
    'An exact integer number of Vietnamese đồng, serialised as a string of digits ("3002800000000"); accepted as a string or an integer.',
  serialize: (value) => vndFrom(value).toString(),
  parseValue: vndFrom,
  parseLiteral: (ast: ValueNode) => {
    if (ast.kind === Kind.INT || ast.kind === Kind.STRING) return vndFrom(ast.value);
    throw badInput('A Vnd amount must be a string of digits or an integer');
  },
});

const DECIMAL_RE = /^(-?)(\d{1,20})(?:\.(\d{1,10}))?$/;

/**
 * Checks an exact decimal written with a dot ("9.5", "61", "-3") and returns its canonical form:
 * no leading zeros, no trailing fractional zeros ("061.50" → "61.5", "-0" → "0"); null if malformed.
 */
export function canonicalDecimal(value: string): string | null {
  const m = DECIMAL_RE.exec(value.trim());
  if (!m) return null;
  const int = m[2]!.replace(/^0+(?=\d)/, '');
  const frac = (m[3] ?? '').replace(/0+$/, '');
  const body = frac ? `${int}.${frac}` : int;
  return m[1] && body !== '0' ? `-${body}` : body;
}

function decimalFrom(value: unknown): string {
  let text: string | null = null;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' && Number.isSafeInteger(value)) text = String(value);
  else if (typeof value === 'bigint') text = value.toString();
  const result = text == null ? null : canonicalDecimal(text);
  if (result == null) {
    throw badInput('A Decimal must be an exact number written with a dot, as a string ("9.5", "61"): up to 20 digits before the dot and 10 after');
  }
  return result;
}

/**
 * An exact decimal number (target values such as "61" or "9.5"): never a float. Serialised as a
 * string in canonical form; accepted as a string, an integer, or a decimal literal in the query.
 */
export const DecimalScalar = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  description:
    'An exact decimal number, serialised as a string in canonical form ("61", "9.5", "200000000"); accepted as a string or an integer. Never a binary float.',
  serialize: (value) => decimalFrom(typeof value === 'number' || typeof value === 'bigint' ? String(value) : value),
  parseValue: decimalFrom,
  parseLiteral: (ast: ValueNode) => {
    // a FLOAT literal keeps its exact text in the query document, so "9.5" written bare is exact too
    if (ast.kind === Kind.INT || ast.kind === Kind.FLOAT || ast.kind === Kind.STRING) return decimalFrom(ast.value);
    throw badInput('A Decimal must be a string of digits with an optional dot, or a number literal');
  },
});
