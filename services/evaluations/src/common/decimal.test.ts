import { describe, expect, it } from 'vitest';
import { compareDecimals, percent, ratio, subtractDecimals } from './decimal.js';

describe('exact ratios', () => {
  it('percentages round half up to two places, from whole numbers', () => {
    expect(percent(1, 3)).toBe('33.33');
    expect(percent(2, 3)).toBe('66.67');
    expect(percent(1, 8)).toBe('12.5');
    expect(percent(0, 10)).toBe('0');
    expect(percent(5, 0)).toBeNull();
    expect(ratio(23n, 2n, 2)).toBe('11.5');
  });

  it('differences and comparisons of decimals stay exact', () => {
    expect(subtractDecimals('12.5', '9.37')).toBe('3.13');
    expect(subtractDecimals('9.37', '12.5')).toBe('-3.13');
    expect(subtractDecimals('3', '3')).toBe('0');
    expect(compareDecimals('3.13', '3')).toBe(1);
    expect(compareDecimals('2.99', '3')).toBe(-1);
    expect(compareDecimals('3.00', '3')).toBe(0);
  });
});
