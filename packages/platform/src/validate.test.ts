import { describe, expect, it } from 'vitest';
import { AppError } from './errors.js';
import { REASONS, Reason } from './reasons.js';
import { code, documentYear, MAX_INT, nonNegativeInt, optionalText, refuse, requiredText, year } from './validate.js';

/** The error a check throws: its code, field and reason. */
function refusal(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    const x = (e as AppError).extensions;
    return { code: x.code, field: x.field, reason: x.reason };
  }
  throw new Error('expected a refusal');
}

describe('nonNegativeInt: one meaning, a whole number from 0 to 2,147,483,647', () => {
  it('keeps 0, a count, and the largest PostgreSQL integer', () => {
    expect(nonNegativeInt(0, 'n')).toBe(0);
    expect(nonNegativeInt(1234, 'n')).toBe(1234);
    expect(nonNegativeInt(MAX_INT, 'n')).toBe(2_147_483_647);
  });
  it('refuses negative, fractional, above the integer column and absent (absent is not zero)', () => {
    for (const bad of [-1, 1.5, MAX_INT + 1, Number.NaN, null, undefined]) {
      expect(refusal(() => nonNegativeInt(bad as number, 'input.households'))).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'input.households',
        reason: 'NOT_A_WHOLE_NUMBER',
      });
    }
  });
});

describe('year: an activity year is 2000–2100, a document year 1945–2100', () => {
  it('accepts the bounds', () => {
    expect(year(2000, 'year')).toBe(2000);
    expect(year(2100, 'year')).toBe(2100);
    expect(documentYear(1945, 'input.startYear')).toBe(1945);
    expect(documentYear(2100, 'input.startYear')).toBe(2100);
  });
  it('takes four digits from a federation reference', () => {
    expect(year('2024', 'year')).toBe(2024);
  });
  it('refuses what lies outside, with YEAR_OUT_OF_RANGE', () => {
    for (const bad of [1999, 2101, 2024.5, '24', 'x', null]) {
      expect(refusal(() => year(bad, 'year'))).toEqual({ code: 'BAD_USER_INPUT', field: 'year', reason: 'YEAR_OUT_OF_RANGE' });
    }
    for (const bad of [1944, 2101]) {
      expect(refusal(() => documentYear(bad, 'input.startYear')).reason).toBe('YEAR_OUT_OF_RANGE');
    }
  });
  it('a programme may start before 2000; activity may not', () => {
    expect(documentYear(1998, 'input.startYear')).toBe(1998);
    expect(() => year(1998, 'year')).toThrow(/from 2000 to 2100/);
  });
});

describe('text and codes', () => {
  it('normalises to NFC and trims; blank optional text is null', () => {
    const decomposed = 'Lạng Sơn'.normalize('NFD');
    expect(requiredText(`  ${decomposed} `, 'name')).toBe('Lạng Sơn'.normalize('NFC'));
    expect(optionalText('   ', 'note')).toBeNull();
    expect(refusal(() => requiredText(' ', 'name')).reason).toBe('REQUIRED');
    expect(refusal(() => requiredText('abcd', 'name', 3)).reason).toBe('TOO_LONG');
  });
  it('codes follow the default pattern or the given one', () => {
    expect(code(' TW-1 ', 'code')).toBe('TW-1');
    expect(refusal(() => code('-x', 'code')).reason).toBe('INVALID_FORMAT');
    expect(() => code('ls', 'code', /^[A-Z]+$/, 'LS')).toThrow('must look like "LS"');
  });
});

describe('the reason catalogue', () => {
  it('gives each reason the code it comes with', () => {
    expect(REASONS.REQUIRED).toBe('BAD_USER_INPUT');
    expect(REASONS.IN_USE).toBe('CONFLICT');
    expect(refusal(() => { throw refuse('in use', 'input.unit', Reason.IN_USE); })).toEqual({ code: 'CONFLICT', field: 'input.unit', reason: 'IN_USE' });
  });
});
