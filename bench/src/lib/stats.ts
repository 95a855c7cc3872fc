/** Latency samples in milliseconds, kept in a growable typed array (no per-sample objects). */
export class Samples {
  #data = new Float64Array(1024);
  #length = 0;

  get count(): number {
    return this.#length;
  }

  add(value: number): void {
    if (this.#length === this.#data.length) {
      const bigger = new Float64Array(this.#data.length * 2);
      bigger.set(this.#data);
      this.#data = bigger;
    }
    this.#data[this.#length++] = value;
  }

  summary(): Summary {
    return summarize(this.#data.subarray(0, this.#length));
  }
}

export type Summary = { count: number; mean: number; p50: number; p90: number; p95: number; p99: number; max: number };

/** Nearest-rank percentiles of the values (milliseconds in, milliseconds out). */
export function summarize(values: ArrayLike<number>): Summary {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  if (n === 0) {
    return { count: 0, mean: Number.NaN, p50: Number.NaN, p90: Number.NaN, p95: Number.NaN, p99: Number.NaN, max: Number.NaN };
  }
  let sum = 0;
  for (const v of sorted) sum += v;
  const rank = (p: number) => sorted[Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1))] ?? Number.NaN;
  return { count: n, mean: sum / n, p50: rank(50), p90: rank(90), p95: rank(95), p99: rank(99), max: sorted[n - 1] ?? Number.NaN };
}

/** ours / baseline, or NaN when either side is missing. */
export function ratio(ours: number | undefined, baseline: number | undefined): number {
  if (ours === undefined || baseline === undefined || !Number.isFinite(ours) || !Number.isFinite(baseline) || baseline === 0) {
    return Number.NaN;
  }
  return ours / baseline;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `task` over `items` with at most `concurrency` in flight; results keep the input order. */
export async function mapLimit<T, R>(items: readonly T[], concurrency: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
  return results;
}
