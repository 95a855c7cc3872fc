import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../time/useFormat';

/** One series of a chart: its name, one value per category, its colour. */
export type Series = { label: string; data: number[]; color: string; /** One colour per category (doughnut slices). */ colors?: string[] };

export type ChartFigureProps = {
  /** The figure's caption, also the canvas's accessible name. */
  title: string;
  kind: 'bar' | 'line' | 'doughnut';
  /** Category names (days, hours, halls …), already in the reader's language. */
  labels: string[];
  series: Series[];
  /** Header of the categories' column in the table view. */
  categoryLabel: string;
  /** Bars side by side (default) or stacked. */
  stacked?: boolean;
  /** Bars along the inline axis (long category names such as booths and countries). */
  horizontal?: boolean;
};

/**
 * A chart with its numbers: a Chart.js canvas (loaded on first use, so pages without charts never
 * download it) and the same numbers as a table behind "Show as table", which screen readers and
 * keyboard users read instead of the picture. Mirrored for right-to-left languages; numbers in the
 * reader's locale.
 */
export function ChartFigure({ title, kind, labels, series, categoryLabel, stacked = false, horizontal = false }: ChartFigureProps) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const canvas = useRef<HTMLCanvasElement>(null);
  const captionId = useId();
  const rtl = i18n.dir() === 'rtl';

  useEffect(() => {
    let chart: { destroy: () => void } | undefined;
    let cancelled = false;
    void import('./chartjs').then(({ Chart }) => {
      if (cancelled || !canvas.current) return;
      const doughnut = kind === 'doughnut';
      chart = new Chart(canvas.current, {
        type: kind,
        data: {
          labels,
          datasets: series.map((s) => ({
            label: s.label,
            data: s.data,
            backgroundColor: s.colors ?? s.color,
            borderColor: doughnut ? '#fff' : s.color,
            ...(kind === 'line' && { tension: 0.25, pointRadius: 3 }),
          })),
        },
        options: {
          locale: fmt.locale,
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          ...(horizontal && { indexAxis: 'y' as const }),
          plugins: {
            legend: { display: series.length > 1 || doughnut, rtl, position: 'bottom' },
            tooltip: { rtl },
          },
          scales: doughnut
            ? {}
            : {
                x: { stacked, reverse: rtl, ...(horizontal ? { beginAtZero: true, ticks: { precision: 0 } } : {}) },
                y: { stacked, position: rtl ? 'right' : 'left', ...(horizontal ? {} : { beginAtZero: true, ticks: { precision: 0 } }) },
              },
        },
      });
    });
    return () => {
      cancelled = true;
      chart?.destroy();
    };
  }, [kind, labels, series, stacked, horizontal, rtl, fmt.locale]);

  const number = new Intl.NumberFormat(fmt.locale);
  const height = horizontal ? Math.max(160, labels.length * 28 + 60) : 240;
  return (
    <figure className="chart-figure" aria-labelledby={captionId}>
      <figcaption id={captionId}>{title}</figcaption>
      <div className="chart-figure__canvas" style={{ blockSize: height }}>
        <canvas ref={canvas} role="img" aria-label={title} />
      </div>
      <details className="chart-figure__table">
        <summary>{t('dashboard.showTable')}</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{categoryLabel}</th>
              {series.map((s) => (
                <th key={s.label} scope="col">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {labels.map((label, i) => (
              <tr key={`${label}-${i}`}>
                <th scope="row">
                  <bdi>{label}</bdi>
                </th>
                {series.map((s) => (
                  <td key={s.label}>{number.format(s.data[i] ?? 0)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
