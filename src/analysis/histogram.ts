/**
 * A histogram with fixed bins, so replications merge by adding counts and memory stays flat
 * however many participants are simulated. Values outside the range go to the end bins.
 */
export interface Histogram {
  min: number;
  width: number;
  counts: number[];
}

export function emptyHistogram(min: number, max: number, bins: number): Histogram {
  return { min, width: (max - min) / bins, counts: new Array<number>(bins).fill(0) };
}

export function addValue(h: Histogram, x: number): void {
  const i = Math.floor((x - h.min) / h.width);
  h.counts[Math.max(0, Math.min(h.counts.length - 1, i))] += 1;
}

export function mergeInto(target: Histogram, other: Histogram): void {
  if (target.counts.length !== other.counts.length || target.min !== other.min || target.width !== other.width) {
    throw new RangeError('histograms have different bins');
  }
  for (let i = 0; i < other.counts.length; i++) target.counts[i] += other.counts[i];
}

/** Quantile p of the binned values, interpolating linearly inside the bin. */
export function histogramQuantile(h: Histogram, p: number): number {
  let total = 0;
  for (const c of h.counts) total += c;
  if (total === 0) return NaN;
  const target = p * total;
  let acc = 0;
  for (let i = 0; i < h.counts.length; i++) {
    const c = h.counts[i];
    if (c > 0 && acc + c >= target) return h.min + h.width * (i + (target - acc) / c);
    acc += c;
  }
  return h.min + h.width * h.counts.length;
}
