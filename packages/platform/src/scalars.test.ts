import { describe, expect, it } from 'vitest';
import { DateScalar, VndScalar, parseCalendarDate } from './scalars.js';

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
