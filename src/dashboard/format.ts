/** Numbers for people, as the command line prints them: shares as percentages, money in whole euros. */
export function fmt(x: number | null | undefined, unit = ''): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return 'n/a';
  if (unit === 'share' || unit.startsWith('share')) return `${(100 * x).toFixed(1)}%`;
  if (unit === 'pp') return `${(100 * x).toFixed(1)} pp`;
  if (unit === 'g' || unit === 'r') return x.toFixed(3);
  if (unit === 'EUR') return `EUR ${Math.round(x).toLocaleString('en-GB')}`;
  const a = Math.abs(x);
  const digits = a >= 100 ? 0 : a >= 10 ? 1 : 2;
  return x.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A signed difference in the same style (+1.2, -3.0%). */
export function fmtSigned(x: number | null | undefined, unit = ''): string {
  const s = fmt(x, unit);
  return x !== null && x !== undefined && Number.isFinite(x) && x > 0 ? `+${s}` : s;
}

export function fmtInterval(lo: number | null | undefined, hi: number | null | undefined, unit = ''): string {
  return `[${fmt(lo, unit)}, ${fmt(hi, unit)}]`;
}

/** Differences of shares are in percentage points. */
export function diffUnit(unit: string): string {
  return unit === 'share' || unit.startsWith('share') ? 'pp' : unit;
}
