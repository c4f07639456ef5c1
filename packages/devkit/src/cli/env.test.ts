import { describe, expect, it } from 'vitest';
import { ConfigError } from '@kn/platform';
import { loadDevkitEnv } from './env.js';

describe("the devkit's settings", () => {
  it('defaults: embedded PostgreSQL on 54329, gateway on 4000, demo seeded, no replica', () => {
    const env = loadDevkitEnv({});
    expect(env).toMatchObject({ KN_PG_PORT: 54329, GATEWAY_PORT: 4000, KN_SEED: true, KN_READ_REPLICA: false, DATABASE_URL: undefined, DATABASE_URL_READ: [] });
    expect(env.KN_DATA_DIR.endsWith('.data')).toBe(true);
  });
  it('reads what is given: an external database, two replicas, no seed', () => {
    const env = loadDevkitEnv({ DATABASE_URL: 'postgres://u@h/db', DATABASE_URL_READ: 'postgres://a/db, postgres://b/db', KN_SEED: 'false', GATEWAY_PORT: '4100' });
    expect(env).toMatchObject({ DATABASE_URL: 'postgres://u@h/db', DATABASE_URL_READ: ['postgres://a/db', 'postgres://b/db'], KN_SEED: false, GATEWAY_PORT: 4100 });
  });
  it('a bad value names every offending variable, never its value', () => {
    let message = '';
    try {
      loadDevkitEnv({ KN_PG_PORT: 'abc', DATABASE_URL: 'mysql://secret@h/db', KN_SEED: 'maybe' });
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      message = (e as Error).message;
    }
    expect(message).toMatch(/KN_PG_PORT/);
    expect(message).toMatch(/DATABASE_URL/);
    expect(message).toMatch(/KN_SEED/);
    expect(message).not.toMatch(/secret/);
  });
});
