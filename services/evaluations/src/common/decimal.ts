/**
 * Exact ratios shown as decimals: a rate is computed from whole numbers (poor households over
 * households) and rounded half up to a fixed number of places only when shown, never through a float.
 */
export function ratio(numerator: bigint, denominator: bigint, places = 2, scale = 1n): string | null {
  if (denominator === 0n) return null;
  const negative = numerator * scale < 0n !== denominator < 0n && numerator !== 0n;
  const n = (numerator < 0n ? -numerator : numerator) * scale;
  const d = denominator < 0n ? -denominator : denominator;
  const factor = 10n ** BigInt(places);
  const scaled = (n * factor * 2n + d) / (2n * d); // round half up
  const int = scaled / factor;
  const frac = (scaled % factor).toString().padStart(places, '0').replace(/0+$/, '');
  const text = frac ? `${int}.${frac}` : `${int}`;
  return negative && text !== '0' ? `-${text}` : text;
}

/** A percentage (0–100) of `part` in `whole`, to two places. */
export const percent = (part: bigint | number, whole: bigint | number) => ratio(BigInt(part), BigInt(whole), 2, 100n);

/** Difference of two decimal texts with up to `places` places, exact (a − b). */
export function subtractDecimals(a: string, b: string, places = 2): string {
  const toUnits = (s: string) => {
    const neg = s.startsWith('-');
    const [i, f = ''] = s.replace('-', '').split('.');
    const v = BigInt(`${i}${f.padEnd(places, '0').slice(0, places)}`);
    return neg ? -v : v;
  };
  return ratio(toUnits(a) - toUnits(b), 10n ** BigInt(places), places)!;
}

/** -1, 0, 1 comparing two decimal texts. */
export function compareDecimals(a: string, b: string): number {
  const places = Math.max(a.split('.')[1]?.length ?? 0, b.split('.')[1]?.length ?? 0);
  const d = subtractDecimals(a, b, places);
  return d === '0' ? 0 : d.startsWith('-') ? -1 : 1;
}
