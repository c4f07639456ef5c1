import { describe, expect, it } from 'vitest';
import { fold, likeEscape } from './text.js';

describe('fold', () => {
  it('removes Vietnamese diacritics and case', () => {
    expect(fold('Thụy Hùng')).toBe('thuy hung');
    expect(fold('Đình Lập')).toBe('dinh lap');
    expect(fold('  Lạng   Sơn ')).toBe('lang son');
    expect(fold("Ch'ơm")).toBe("ch'om");
    expect(fold('Laêê')).toBe('laee');
  });
  it('escapes LIKE wildcards', () => {
    expect(likeEscape('50%_a\\b')).toBe('50\\%\\_a\\\\b');
  });
});
