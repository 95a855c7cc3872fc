import { describe, expect, it } from 'vitest';
import { difference, parseHistogram, quantile } from './promHistogram.js';

const exposition = (counts: number[]) =>
  [
    '# HELP x_seconds x',
    '# TYPE x_seconds histogram',
    `x_seconds_bucket{le="0.1"} ${counts[0]}`,
    `x_seconds_bucket{le="0.2"} ${counts[1]}`,
    `x_seconds_bucket{le="0.5"} ${counts[2]}`,
    `x_seconds_bucket{le="+Inf"} ${counts[3]}`,
    `x_seconds_sum 1`,
    `x_seconds_count ${counts[3]}`,
  ].join('\n');

describe('Prometheus histogram quantiles', () => {
  it('interpolates inside the bucket, like histogram_quantile', () => {
    const h = parseHistogram(exposition([0, 10, 20, 20]), 'x_seconds');
    expect(h.bounds).toEqual([0.1, 0.2, 0.5, Number.POSITIVE_INFINITY]);
    expect(quantile(h, 0.5)).toBeCloseTo(0.2); // 10 of 20 at or below 0.2
    expect(quantile(h, 0.25)).toBeCloseTo(0.15); // half-way through (0.1, 0.2]
    expect(quantile(h, 0.75)).toBeCloseTo(0.35); // half-way through (0.2, 0.5]
  });

  it('reads only what was observed between two scrapes, and says NaN without observations', () => {
    const before = parseHistogram(exposition([5, 5, 5, 5]), 'x_seconds');
    const after = parseHistogram(exposition([5, 5, 15, 15]), 'x_seconds');
    expect(quantile(difference(after, before), 0.5)).toBeCloseTo(0.35);
    expect(quantile(difference(before, before), 0.5)).toBeNaN();
    // Above the last finite bound only the bound itself can be said.
    expect(quantile(parseHistogram(exposition([0, 0, 0, 4]), 'x_seconds'), 0.5)).toBe(0.5);
  });
});
