import { asDateString } from '@kn/platform';

export const day = (v: unknown): string => asDateString(v)!;
export const dayOrNull = (v: unknown): string | null => asDateString(v);

/** The first and last day of a year. */
export const yearStart = (y: number) => `${y}-01-01`;
export const yearEnd = (y: number) => `${y}-12-31`;
