/** Cell formats of the Markdown report. */
import type { Summary } from './stats.js';

/** What a cell shows for a missing or non-finite figure. */
export const NA = '—';
export const num = (v: number, digits = 0) =>
  Number.isFinite(v) ? v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : NA;
export const ms = (v: number) => (Number.isFinite(v) ? `${v < 10 ? v.toFixed(2) : v.toFixed(1)} ms` : NA);
export const pct = (v: number, digits = 1) => (Number.isFinite(v) ? `${(v * 100).toFixed(digits)} %` : NA);
export const cores = (v: number) => (Number.isFinite(v) ? `${v.toFixed(2)} core` : NA);
export const times = (v: number) => (Number.isFinite(v) ? `${v.toFixed(2)}×` : NA);
export const kib = (bytes: number) =>
  !Number.isFinite(bytes) ? NA : Math.abs(bytes) < 1024 ? `${Math.round(bytes)} B` : `${(bytes / 1024).toFixed(1)} KiB`;
export const mib = (bytes: number) => (Number.isFinite(bytes) ? `${(bytes / 2 ** 20).toFixed(1)} MiB` : NA);
export const p50p99 = (s: Summary) => `${ms(s.p50)} / ${ms(s.p99)}`;
export const p50p95p99 = (s: Summary) => `${ms(s.p50)} / ${ms(s.p95)} / ${ms(s.p99)}`;
export const p50p90p99 = (s: Summary) => `${ms(s.p50)} / ${ms(s.p90)} / ${ms(s.p99)}`;

/** A Markdown table. */
export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
