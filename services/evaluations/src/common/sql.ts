import { asDateString } from '@kn/platform';

/** A bigint sum from PostgreSQL (text or null) as a bigint. */
export const big = (v: unknown): bigint => (v === null || v === undefined ? 0n : BigInt(String(v)));
export const int = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
export const day = (v: unknown): string => asDateString(v)!;
export const dayOrNull = (v: unknown): string | null => asDateString(v);

/** The first and last day of a year. */
export const yearStart = (y: number) => `${y}-01-01`;
export const yearEnd = (y: number) => `${y}-12-31`;
