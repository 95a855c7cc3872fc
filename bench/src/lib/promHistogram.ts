/** One Prometheus histogram read from a text exposition: cumulative counts per upper bound (le), ascending. */
export type Histogram = { bounds: number[]; counts: number[] };

/** Reads histogram `name` (no labels) from a Prometheus text exposition. */
export function parseHistogram(text: string, name: string): Histogram {
  const rows: [number, number][] = [];
  const prefix = `${name}_bucket{le="`;
  for (const line of text.split('\n')) {
    if (!line.startsWith(prefix)) continue;
    const le = line.slice(prefix.length, line.indexOf('"', prefix.length));
    rows.push([le === '+Inf' ? Number.POSITIVE_INFINITY : Number(le), Number(line.slice(line.lastIndexOf(' ') + 1))]);
  }
  rows.sort((a, b) => a[0] - b[0]);
  return { bounds: rows.map((r) => r[0]), counts: rows.map((r) => r[1]) };
}

/** What was observed between two reads of the same histogram. */
export function difference(after: Histogram, before: Histogram): Histogram {
  return { bounds: after.bounds, counts: after.counts.map((c, i) => c - (before.counts[i] ?? 0)) };
}

/**
 * The q-quantile, interpolated linearly inside its bucket as Prometheus' histogram_quantile does
 * (so its precision is the bucket width); NaN without observations.
 */
export function quantile(h: Histogram, q: number): number {
  const total = h.counts.at(-1) ?? 0;
  if (total === 0) return Number.NaN;
  const rank = q * total;
  for (let i = 0; i < h.counts.length; i++) {
    const count = h.counts[i] ?? 0;
    if (count < rank) continue;
    const upper = h.bounds[i] ?? Number.NaN;
    const lower = i === 0 ? 0 : (h.bounds[i - 1] ?? 0);
    if (!Number.isFinite(upper)) return lower; // beyond the last bound: all it can say
    const below = i === 0 ? 0 : (h.counts[i - 1] ?? 0);
    return lower + ((upper - lower) * (rank - below)) / Math.max(count - below, 1);
  }
  return Number.NaN;
}
