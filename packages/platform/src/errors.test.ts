import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { AppError, isDatabaseUnavailable } from './errors.js';

describe('isDatabaseUnavailable', () => {
  it('recognises a database that is down or restarting, however wrapped', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const starting = Object.assign(new Error('the database system is starting up'), { code: '57P03' });
    const terminated = new Error('Connection terminated unexpectedly');
    for (const e of [refused, starting, terminated]) {
      expect(isDatabaseUnavailable(e)).toBe(true);
      expect(isDatabaseUnavailable(new GraphQLError('wrapped', { originalError: e }))).toBe(true);
    }
  });
  it('leaves other errors alone', () => {
    expect(isDatabaseUnavailable(new Error('syntax error at or near "x"'))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isDatabaseUnavailable(new AppError('CONFLICT', 'changed'))).toBe(false);
  });
});
