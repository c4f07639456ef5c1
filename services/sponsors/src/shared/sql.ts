/** Twinning `alias` active in the year bound to the two placeholders (same year twice). */
export const ACTIVE_IN_YEAR = (alias: string) =>
  `(${alias}.status in ('ACTIVE', 'ENDED') and ${alias}.starts_on <= make_date(?::int, 12, 31)
    and (${alias}.ends_on is null or ${alias}.ends_on >= make_date(?::int, 1, 1)))`;

/** The Postgres error code of a unique violation, wherever the driver error hides it. */
export function isUniqueViolation(e: unknown): boolean {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur; i++) {
    const code = (cur as { code?: unknown }).code;
    if (code === '23505') return true;
    if ((cur as { name?: string }).name === 'UniqueConstraintViolationException') return true;
    cur = (cur as { cause?: unknown; previous?: unknown }).cause ?? (cur as { previous?: unknown }).previous;
  }
  return false;
}

/** A bigint sum from PostgreSQL (text or null) as a bigint. */
export const big = (v: unknown): bigint => (v === null || v === undefined ? 0n : BigInt(String(v)));
export const int = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
