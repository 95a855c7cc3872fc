import { keepPreviousData, useQuery, type QueryKey, type UseQueryOptions } from '@tanstack/react-query';
import { useId, useState, type ReactNode } from 'react';
import type { AnalyticsRange } from '../../api/endpoints';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Layout';
import { RangeControls, validRange } from './RangeControls';

type Props<T, K extends QueryKey> = {
  title: string;
  /** The numbers for a range (a `queries.*Analytics` entry). */
  query: (range: AnalyticsRange) => UseQueryOptions<T, Error, T, K>;
  /** The CSV download of the same range. */
  csvHref: (range: AnalyticsRange) => string;
  children: (data: T) => ReactNode;
};

/**
 * A dashboard panel over a range of days: the range fields (asked for only when complete and in
 * order; the numbers on screen stay while the next ones load), the CSV link, and the numbers.
 */
export function RangedDashboard<T extends { from: string; to: string }, K extends QueryKey>({ title, query, csvHref, children }: Props<T, K>) {
  const headingId = useId();
  const [range, setRange] = useState<AnalyticsRange>({});
  const [asked, setAsked] = useState<AnalyticsRange>({});
  const analytics = useQuery({ ...query(asked), placeholderData: keepPreviousData });
  const change = (next: AnalyticsRange) => {
    setRange(next);
    if (validRange(next)) setAsked(next);
  };
  return (
    <section className="card dashboard" aria-labelledby={headingId} aria-busy={analytics.isFetching}>
      <h2 id={headingId}>{title}</h2>
      <RangeControls range={range} shown={analytics.data} onChange={change} csvHref={csvHref(asked)} />
      <ErrorAlert error={analytics.error} />
      {analytics.data ? children(analytics.data) : !analytics.error && <Loading />}
    </section>
  );
}
