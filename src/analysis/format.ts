/**
 * One way to say a number, wherever it is read: the terminal, the files' companions, the dashboard
 * and the reports. Shares as percentages, money in whole euros, effect sizes and correlations with
 * the decimals their interval supports.
 */

const isNumber = (x: number | null | undefined): x is number => x !== null && x !== undefined && Number.isFinite(x);

const isShare = (unit: string) => unit === 'share' || unit.startsWith('share');
const isMoney = (unit: string) => unit.startsWith('EUR');

function grouped(x: number, digits: number): string {
  return x.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Default decimals when no interval says better: fewer as numbers grow. */
function defaultDigits(x: number, unit: string): number {
  if (unit === 'g' || unit === 'r') return 2;
  const a = Math.abs(x);
  return a >= 100 ? 0 : a >= 10 ? 1 : 2;
}

/**
 * A number for people. `digits` overrides the default decimals (of the percentage, for shares).
 *
 * @example
 *   fmt(0.1852, 'share');      // '18.5%'
 *   fmt(1186.4, 'EUR');        // 'EUR 1,186'
 *   fmt(0.19481, 'g');         // '0.19'
 *   fmt(-0.0003, 'g', 3);      // '0.000'
 *   fmt(NaN);                  // 'n/a'
 */
export function fmt(x: number | null | undefined, unit = '', digits?: number): string {
  if (!isNumber(x)) return 'n/a';
  if (isShare(unit)) return `${unsignedZero((100 * x).toFixed(digits ?? 1))}%`;
  if (unit === 'pp') return `${unsignedZero((100 * x).toFixed(digits ?? 1))} pp`;
  if (isMoney(unit)) return `EUR ${unsignedZero(grouped(Math.round(x), 0))}`;
  return unsignedZero(grouped(x, digits ?? defaultDigits(x, unit)));
}

/**
 * How a chart labels its values (heat map cells, legends, axis ticks): shares as percentages,
 * effect sizes and correlations to three decimals as the tables print them ("0.010", not "0.0103"
 * or "0.000541"), money in whole euros, other figures to three significant digits.
 *
 * @example
 *   chartValue('share')(0.576); // '57.6%'
 *   chartValue('g')(-0.00458);  // '-0.005'
 *   chartValue('')(12345.6);    // '12,300'
 */
export function chartValue(unit: string): (v: number) => string {
  if (isShare(unit)) return (v) => (isNumber(v) ? `${+(100 * v).toFixed(1)}%` : 'n/a');
  if (unit === 'g' || unit === 'r') return (v) => fmt(v, unit, 3);
  if (unit !== '') return (v) => fmt(v, unit);
  return (v) => (isNumber(v) ? unsignedZero(Number(v.toPrecision(3)).toLocaleString('en-GB', { maximumFractionDigits: 20 })) : 'n/a');
}

/** A number that rounds to zero is shown as zero, without a sign ("-0.000" reads as a loss that is not there). */
const unsignedZero = (s: string) => (/^-0(\.0+)?$/.test(s) ? s.slice(1) : s);

/** A signed difference in the same style (+1.2, -3.0%). */
export function fmtSigned(x: number | null | undefined, unit = '', digits?: number): string {
  const s = fmt(x, unit, digits);
  return isNumber(x) && x > 0 ? `+${s}` : s;
}

/** Differences of shares are in percentage points. */
export function diffUnit(unit: string): string {
  return isShare(unit) ? 'pp' : unit;
}

/**
 * The decimals an interval supports: the first decimal place of its half-width (of the percentage
 * for shares), at most 4; undefined when there is no interval.
 *
 * @example
 *   supportedDigits(0.191, 0.199, 'g');          // 3
 *   supportedDigits(0.16, 0.22, 'g');            // 2
 *   supportedDigits(0.175, 0.195, 'share');      // 0 (half-width one percentage point)
 */
export function supportedDigits(lower: number | null | undefined, upper: number | null | undefined, unit = ''): number | undefined {
  if (!isNumber(lower) || !isNumber(upper) || upper <= lower) return undefined;
  const scale = isShare(unit) || unit === 'pp' ? 100 : 1;
  const half = ((upper - lower) / 2) * scale;
  return Math.max(0, Math.min(4, -Math.floor(Math.log10(half))));
}

/**
 * A figure with its interval, rounded to what the interval supports.
 *
 * @example
 *   fmtEstimate(0.194818, [0.1908, 0.1988], 'g'); // '0.195 [0.191, 0.199]'
 */
export function fmtEstimate(value: number | null | undefined, interval: readonly [number | null, number | null] | readonly (number | null)[], unit = '', signed = false): string {
  const [lo, hi] = interval;
  const digits = supportedDigits(lo, hi, unit);
  const f = signed ? fmtSigned : fmt;
  if (!isNumber(value)) return 'n/a';
  if (!isNumber(lo) || !isNumber(hi)) return f(value, unit, digits);
  return `${f(value, unit, digits)} [${f(lo, unit, digits)}, ${f(hi, unit, digits)}]`;
}

/** An interval alone, as [lo, hi]. */
export function fmtInterval(lower: number | null | undefined, upper: number | null | undefined, unit = ''): string {
  const digits = supportedDigits(lower, upper, unit);
  return `[${fmt(lower, unit, digits)}, ${fmt(upper, unit, digits)}]`;
}

/**
 * A standardised effect in words for non-specialists, after Cohen (1988): about 0.2 small, 0.5
 * moderate, 0.8 large, with the band edges half-way between ([Cohen1988]).
 *
 * @example
 *   effectWords(0.21);  // 'small'
 *   effectWords(-0.6);  // 'moderate (harmful)'
 */
export function effectWords(g: number | null | undefined): string {
  if (!isNumber(g)) return 'not measurable';
  const a = Math.abs(g);
  const size = a < 0.1 ? 'negligible' : a < 0.35 ? 'small' : a < 0.65 ? 'moderate' : 'large';
  return g < 0 && a >= 0.1 ? `${size} (harmful)` : size;
}
