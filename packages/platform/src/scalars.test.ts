import { describe, expect, it } from 'vitest';
import { Kind } from 'graphql';
import { DateScalar, DecimalScalar, VndScalar, canonicalDecimal, parseCalendarDate } from './scalars.js';

describe('Date scalar', () => {
  it('accepts real calendar dates only', () => {
    expect(parseCalendarDate('2025-07-01')).toBe('2025-07-01');
    expect(parseCalendarDate('2024-02-29')).toBe('2024-02-29');
    expect(parseCalendarDate('2025-02-29')).toBeNull();
    expect(parseCalendarDate('2025-13-01')).toBeNull();
    expect(parseCalendarDate('01/07/2025')).toBeNull();
    expect(parseCalendarDate('20250701')).toBeNull();
  });
  it('rejects malformed values with BAD_USER_INPUT', () => {
    expect(() => DateScalar.parseValue('2019-06-31')).toThrowError(/YYYY-MM-DD/);
    try {
      DateScalar.parseValue('yesterday');
    } catch (e) {
      expect((e as { extensions: { code: string } }).extensions.code).toBe('BAD_USER_INPUT');
    }
  });
});

describe('Vnd scalar', () => {
  it('round-trips amounts beyond 2^53 exactly', () => {
    expect(VndScalar.parseValue('3002800000000')).toBe(3002800000000n);
    expect(VndScalar.serialize(9007199254740993n)).toBe('9007199254740993');
    expect(VndScalar.parseValue(200000000)).toBe(200000000n);
  });
  it('rejects fractions, floats and junk', () => {
    expect(() => VndScalar.parseValue('1.5')).toThrow();
    expect(() => VndScalar.parseValue(1.5)).toThrow();
    expect(() => VndScalar.parseValue('1e9')).toThrow();
    expect(() => VndScalar.parseValue('9'.repeat(25))).toThrow();
  });
});

describe('Decimal scalar', () => {
  it('keeps values exact and canonical', () => {
    expect(DecimalScalar.parseValue('9.5')).toBe('9.5');
    expect(DecimalScalar.parseValue('061.50')).toBe('61.5');
    expect(DecimalScalar.parseValue('61.0')).toBe('61');
    expect(DecimalScalar.parseValue('-0.0')).toBe('0');
    expect(DecimalScalar.parseValue(207)).toBe('207');
    expect(DecimalScalar.parseValue('123456789012345678.0123456789')).toBe('123456789012345678.0123456789');
    expect(DecimalScalar.serialize('47.5')).toBe('47.5');
    expect(canonicalDecimal('-3')).toBe('-3');
  });
  it('reads a float literal from its text, never through a binary float', () => {
    expect(DecimalScalar.parseLiteral({ kind: Kind.FLOAT, value: '0.1' } as never)).toBe('0.1');
    expect(DecimalScalar.parseLiteral({ kind: Kind.INT, value: '9007199254740993' } as never)).toBe('9007199254740993');
  });
  it('rejects binary floats, commas, exponents and junk with BAD_USER_INPUT', () => {
    for (const bad of [9.5, '9,5', '1e3', '', '.5', '5.', 'NaN', '1'.repeat(21), '0.12345678901']) {
      expect(() => DecimalScalar.parseValue(bad), String(bad)).toThrowError(/Decimal/);
    }
    try {
      DecimalScalar.parseValue('x');
    } catch (e) {
      expect((e as { extensions: { code: string } }).extensions.code).toBe('BAD_USER_INPUT');
    }
  });
});
