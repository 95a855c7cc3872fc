import { useQuery } from '@tanstack/react-query';
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { queries } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Layout';
import { useFormat } from '../../time/useFormat';
import { ChartFigure } from './ChartFigure';
import { Figures } from './Figures';
import { PALETTE } from './palette';

/** What is happening at the event now, refreshed every few seconds without a reload. */
export function LiveNowPanel({ eventId }: { eventId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const headingId = useId();
  const live = useQuery(queries.liveNow(eventId));
  const data = live.data;
  const perHall = useMemo(
    () =>
      data && {
        labels: data.halls.map((h) => h.name),
        series: [
          { label: t('dashboard.inMeetings'), data: data.halls.map((h) => h.inMeetings), color: PALETTE.blue },
          { label: t('dashboard.atStages'), data: data.halls.map((h) => h.stageViewers), color: PALETTE.purple },
        ],
      },
    [data, t],
  );
  return (
    <section className="card dashboard dashboard--live" aria-labelledby={headingId}>
      <h2 id={headingId}>
        <span className="live-dot" aria-hidden="true" />
        {t('dashboard.liveTitle')}
      </h2>
      <ErrorAlert error={live.error} />
      {!data || !perHall ? (
        !live.error && <Loading />
      ) : (
        <>
          <p className="muted">{t('dashboard.updatedAt', { time: fmt.timeWithOffset(data.at) })}</p>
          <Figures
            label={t('dashboard.liveTitle')}
            items={[
              { label: t('dashboard.openRooms'), value: data.openRooms },
              { label: t('dashboard.inMeetings'), value: data.inMeetings },
              { label: t('dashboard.atStages'), value: data.stageViewers },
            ]}
          />
          <ChartFigure
            title={t('dashboard.liveByHall')}
            kind="bar"
            horizontal
            stacked
            labels={perHall.labels}
            series={perHall.series}
            categoryLabel={t('dashboard.hall')}
          />
        </>
      )}
    </section>
  );
}
