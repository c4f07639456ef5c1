/** Exact non-negative fractions of bigints: targets like 2 households per 10 staff stay exact. */
export interface Rational {
  n: bigint;
  d: bigint;
}

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));

export function rational(n: bigint, d: bigint = 1n): Rational {
  if (d === 0n) throw new Error('division by zero');
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
}

/** "9.5" → 19/2. */
export function parseDecimal(text: string): Rational {
  const [whole, frac = ''] = text.split('.');
  return rational(BigInt(`${whole}${frac}`), 10n ** BigInt(frac.length));
}

export const mul = (a: Rational, b: Rational) => rational(a.n * b.n, a.d * b.d);

/** -1, 0 or 1 as a < b, a = b, a > b. */
export function compare(a: Rational, b: Rational): number {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}

/** Exact decimal text when the denominator divides a power of ten (always, for our thresholds), else 6 places. */
export function formatRational(r: Rational): string {
  let d = r.d;
  let places = 0;
  while (d % 10n === 0n) {
    d /= 10n;
    places++;
  }
  while (d % 2n === 0n || d % 5n === 0n) {
    d /= d % 2n === 0n ? 2n : 5n;
    places++;
  }
  const exact = d === 1n;
  const digits = exact ? places : 6;
  const scaled = (r.n * 10n ** BigInt(digits)) / r.d;
  const s = scaled.toString().padStart(digits + 1, '0');
  const int = s.slice(0, s.length - digits) || '0';
  const frac = digits ? s.slice(s.length - digits).replace(/0+$/, '') : '';
  return frac ? `${int}.${frac}` : int;
}
