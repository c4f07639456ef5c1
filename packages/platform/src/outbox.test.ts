import { describe, expect, it } from 'vitest';
import { reminderThreshold } from './outbox.js';

describe('reminderThreshold: the tightest reminder setting a deadline has reached', () => {
  it('fires each setting on its day, and between two settings the larger one (already sent: deduplicated)', () => {
    const days = [7, 1];
    expect([8, 7, 6, 2, 1, 0].map((left) => reminderThreshold(left, days))).toEqual([null, 7, 7, 7, 1, 1]);
  });
  it('a worker down on the 7th day sends the 7-day reminder late, never two at once; a passed deadline is no "approaching"', () => {
    expect(reminderThreshold(5, [7, 3])).toBe(7);
    expect(reminderThreshold(3, [7, 3])).toBe(3);
    expect(reminderThreshold(-1, [7, 3])).toBeNull();
  });
});
