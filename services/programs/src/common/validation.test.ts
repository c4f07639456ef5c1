import { describe, expect, it } from 'vitest';
import { compareDecimal, inPeriod, yearInPeriod } from './validation.js';

describe('validation helpers', () => {
  it('compares exact decimals without floats', () => {
    expect(compareDecimal('9.5', '10')).toBe(-1);
    expect(compareDecimal('10', '9.5')).toBe(1);
    expect(compareDecimal('11', '11.5')).toBe(-1);
    expect(compareDecimal('0.3', '0.30')).toBe(0);
    expect(compareDecimal('207', '61')).toBe(1);
    expect(compareDecimal('123456789012345678901', '123456789012345678900.99')).toBe(1);
  });
  it('knows open-ended periods', () => {
    expect(inPeriod({ start: 2022, end: null }, 2030)).toBe(true);
    expect(inPeriod({ start: 2020, end: 2025 }, 2026)).toBe(false);
    expect(() => yearInPeriod(2019, { start: 2020, end: 2025 }, 'input.year')).toThrowError(/outside/);
  });
});
