import type { BoothAnalytics } from '@ca/signaling';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../../api/endpoints';
import { queries } from '../../api/queries';
import { useFormat } from '../../time/useFormat';
import { ChartFigure } from './ChartFigure';
import { Figures } from './Figures';
import { dayLabel, hourLabel, minutesLabel, msLabel, percentLabel } from './labels';
import { PALETTE } from './palette';
import { RangedDashboard } from './RangedDashboard';

/** One booth's dashboard for its staff: headline numbers, days, busiest hours, leads and connection quality. */
export function BoothDashboard({ boothId, boothName }: { boothId: string; boothName: string | undefined }) {
  const { t } = useTranslation();
  return (
    <RangedDashboard
      title={t('dashboard.boothTitle', { booth: boothName ?? '…' })}
      query={(range) => queries.boothAnalytics(boothId, range)}
      csvHref={(range) => endpoints.boothAnalyticsCsv(boothId, range)}
    >
      {(data) => <BoothNumbers data={data} />}
    </RangedDashboard>
  );
}

function BoothNumbers({ data }: { data: BoothAnalytics }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { totals } = data;
  const charts = useMemo(() => {
    const days = data.daily.map((d) => dayLabel(fmt, d.date));
    return {
      days,
      daily: [
        { label: t('dashboard.visits'), data: data.daily.map((d) => d.visits), color: PALETTE.sky },
        { label: t('dashboard.requested'), data: data.daily.map((d) => d.requested), color: PALETTE.blue },
        { label: t('dashboard.held'), data: data.daily.map((d) => d.held), color: PALETTE.green },
        { label: t('dashboard.noShows'), data: data.daily.map((d) => d.noShows), color: PALETTE.vermillion },
        { label: t('dashboard.walkIns'), data: data.daily.map((d) => d.walkIns), color: PALETTE.gold },
      ],
      hourLabels: data.hours.map((h) => hourLabel(fmt.locale, h.hour)),
      hours: [
        { label: t('dashboard.held'), data: data.hours.map((h) => h.meetings), color: PALETTE.green },
        { label: t('dashboard.walkIns'), data: data.hours.map((h) => h.walkIns), color: PALETTE.gold },
      ],
      leadLabels: [t('leads.ratings.hot'), t('leads.ratings.warm'), t('leads.ratings.cold'), t('dashboard.unrated')],
      leads: [
        {
          label: t('dashboard.leads'),
          data: [totals.leads.hot, totals.leads.warm, totals.leads.cold, totals.leads.unrated],
          color: PALETTE.blue,
          colors: [PALETTE.vermillion, PALETTE.gold, PALETTE.blue, PALETTE.grey],
        },
      ],
      qualityLabels: [t('dashboard.good'), t('dashboard.fair'), t('dashboard.poor')],
      quality: [
        {
          label: t('dashboard.people'),
          data: [data.quality.good, data.quality.fair, data.quality.poor],
          color: PALETTE.green,
          colors: [PALETTE.green, PALETTE.gold, PALETTE.vermillion],
        },
      ],
    };
  }, [data, fmt, t, totals]);
  const q = data.quality;
  return (
    <>
      <p className="muted">{t('dashboard.boothIntro', { zone: fmt.zoneName(data.timeZone), days: fmt.calendarRange(data.from, data.to) })}</p>
      <Figures
        label={t('dashboard.totals')}
        items={[
          { label: t('dashboard.visits'), value: totals.visits },
          { label: t('dashboard.walkIns'), value: totals.walkIns },
          { label: t('dashboard.requested'), value: totals.requested },
          { label: t('dashboard.accepted'), value: totals.accepted },
          { label: t('dashboard.held'), value: totals.held },
          { label: t('dashboard.noShows'), value: totals.noShows },
          {
            label: t('dashboard.averageMeeting'),
            value: totals.averageMeetingMinutes === null ? '—' : minutesLabel(fmt.locale, totals.averageMeetingMinutes),
          },
          { label: t('dashboard.cardsShared'), value: totals.cardsShared },
        ]}
      />
      <div className="dashboard__charts">
        <ChartFigure title={t('dashboard.daily')} kind="line" labels={charts.days} series={charts.daily} categoryLabel={t('dashboard.day')} />
        <ChartFigure
          title={t('dashboard.hours', { zone: fmt.zoneName(data.timeZone) })}
          kind="bar"
          stacked
          labels={charts.hourLabels}
          series={charts.hours}
          categoryLabel={t('dashboard.hour')}
        />
        <ChartFigure
          title={t('dashboard.leads')}
          kind="doughnut"
          labels={charts.leadLabels}
          series={charts.leads}
          categoryLabel={t('dashboard.rating')}
        />
        <div>
          <ChartFigure
            title={t('dashboard.quality')}
            kind="bar"
            labels={charts.qualityLabels}
            series={charts.quality}
            categoryLabel={t('dashboard.connection')}
          />
          <p className="muted">
            {q.reports === 0
              ? t('dashboard.noReports')
              : t('dashboard.medians', {
                  rtt: q.rttMs === null ? '—' : msLabel(fmt.locale, q.rttMs),
                  loss: q.lossPct === null ? '—' : percentLabel(fmt.locale, q.lossPct),
                })}
          </p>
        </div>
      </div>
    </>
  );
}
