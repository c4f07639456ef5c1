import { createHash, randomUUID } from 'node:crypto';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** True for a well-formed UUID. Anything else can never be an id of ours. */
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID_RE.test(value);

export const newId = (): string => randomUUID();

const NAMESPACE = Buffer.from('6f1c3a52e4b84d0e9a1f7c2b5d8e0a31', 'hex');

/** A name-based (v5) UUID: the same name always gives the same id, so seeds are repeatable. */
export function stableId(name: string): string {
  const hash = createHash('sha1').update(NAMESPACE).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const h = hash.subarray(0, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * Stable ids of seeded and imported records, shared by every subgraph so that one subgraph can
 * name another's entity (a twinning's commune, a target's programme) without reading its tables.
 */
export const seedIds = {
  /**
   * A unit: `old` as it stood on 30/6/2025, `new` from 1/7/2025, `both` across the reform, and
   * `until-<day>` a state of the unit before an earlier change (its last day), from the history files.
   */
  unit: (tenant: string, level: 'PROVINCE' | 'DISTRICT' | 'COMMUNE', code: string, period: 'old' | 'new' | 'both' | `until-${string}`) =>
    stableId(`unit:${tenant}:${level}:${code}:${period}`),
  program: (tenant: string, code: string) => stableId(`program:${tenant}:${code}`),
  sponsor: (tenant: string, code: string) => stableId(`sponsor:${tenant}:${code}`),
  of: (kind: string, ...parts: string[]) => stableId(`${kind}:${parts.join(':')}`),
};
