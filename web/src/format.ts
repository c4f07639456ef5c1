import type { Lang } from './i18n.js';

const locale = (lang: Lang) => (lang === 'vi' ? 'vi-VN' : 'en-GB');

/** Money is an exact integer of đồng, sent as a string: formatted from a BigInt, never a float. */
export function formatVnd(value: string, lang: Lang): string {
  const n = BigInt(value);
  return lang === 'vi' ? `${new Intl.NumberFormat('vi-VN').format(n)} đồng` : `${new Intl.NumberFormat('en-GB').format(n)} VND`;
}

/** Short money for chart axes and cards ("1,2 tỷ", "350 triệu"). */
export function formatVndShort(value: string | number, lang: Lang): string {
  const n = Number(value);
  const units = lang === 'vi' ? ([[1e9, 'tỷ'], [1e6, 'triệu'], [1e3, 'nghìn']] as const) : ([[1e9, 'bn'], [1e6, 'm'], [1e3, 'k']] as const);
  for (const [size, word] of units) {
    if (Math.abs(n) >= size) return `${new Intl.NumberFormat(locale(lang), { maximumFractionDigits: 1 }).format(n / size)} ${word}`;
  }
  return new Intl.NumberFormat(locale(lang)).format(n);
}

export const formatInt = (n: number, lang: Lang) => new Intl.NumberFormat(locale(lang)).format(n);

/** An exact decimal as the graph sends it ("1.25"), with the language's decimal mark. */
export function formatDecimal(value: string | null | undefined, lang: Lang): string {
  if (value == null) return '—';
  return lang === 'vi' ? value.replace('.', ',') : value;
}

/** "2019-11-15" → "15/11/2019" (vi) or "15 Nov 2019" (en). */
export function formatDate(iso: string, lang: Lang): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(locale(lang), { day: '2-digit', month: lang === 'vi' ? '2-digit' : 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

export function daysBetween(fromIso: string, toIso: string): number {
  return Math.round((Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / 86_400_000);
}
