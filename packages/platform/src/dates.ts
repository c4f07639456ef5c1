const VN_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Ho_Chi_Minh',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's calendar date in Vietnam, `YYYY-MM-DD`. */
export function todayInVietnam(now: Date = new Date()): string {
  return VN_DATE.format(now);
}

/** A `date` column value as `YYYY-MM-DD`, whatever the driver returned. */
export function asDateString(value: unknown): string | null {
  if (value == null) return null;
  if (value instanceof Date) return VN_DATE.format(value);
  return String(value).slice(0, 10);
}

/** An ISO day `days` later (or earlier, negative): `addDays('2020-01-01', -1)` is '2019-12-31'. */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
