import type { EventAnalytics } from '@ca/signaling';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../../api/endpoints';
import { queries } from '../../api/queries';
import { useFormat } from '../../time/useFormat';
import { ChartFigure } from './ChartFigure';
import { Figures } from './Figures';
import { countryName, languageName } from '../../i18n/regions';
import { dayLabel } from './labels';
import { PALETTE } from './palette';
import { RangedDashboard } from './RangedDashboard';

/** Booths shown by name in the chart; the rest are in the CSV. */
const TOP_BOOTHS = 12;

/** The event's totals for organizers: headline numbers, days, halls, busiest booths, guests by country and language. */
export function EventDashboard({ eventId }: { eventId: string }) {
  const { t } = useTranslation();
  return (
    <RangedDashboard
      title={t('dashboard.eventTitle')}
      query={(range) => queries.eventAnalytics(eventId, range)}
      csvHref={(range) => endpoints.eventAnalyticsCsv(eventId, range)}
    >
      {(data) => <EventNumbers data={data} />}
    </RangedDashboard>
  );
}

function EventNumbers({ data }: { data: EventAnalytics }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const charts = useMemo(() => {
    const booths = [...data.booths].sort((a, b) => b.held + b.requested - (a.held + a.requested)).slice(0, TOP_BOOTHS);
    return {
      days: data.daily.map((d) => dayLabel(fmt, d.date)),
      daily: [
        { label: t('dashboard.visits'), data: data.daily.map((d) => d.visits), color: PALETTE.sky },
        { label: t('dashboard.requested'), data: data.daily.map((d) => d.requested), color: PALETTE.blue },
        { label: t('dashboard.held'), data: data.daily.map((d) => d.held), color: PALETTE.green },
        { label: t('dashboard.noShows'), data: data.daily.map((d) => d.noShows), color: PALETTE.vermillion },
      ],
      halls: data.halls.map((h) => h.name),
      hallSeries: [
        { label: t('dashboard.held'), data: data.halls.map((h) => h.held), color: PALETTE.green },
        { label: t('dashboard.walkIns'), data: data.halls.map((h) => h.walkIns), color: PALETTE.gold },
        { label: t('dashboard.stageViewers'), data: data.halls.map((h) => h.stageViewers), color: PALETTE.purple },
      ],
      booths: booths.map((b) => b.organisation),
      boothSeries: [
        { label: t('dashboard.held'), data: booths.map((b) => b.held), color: PALETTE.green },
        { label: t('dashboard.noShows'), data: booths.map((b) => b.noShows), color: PALETTE.vermillion },
        { label: t('dashboard.walkIns'), data: booths.map((b) => b.walkIns), color: PALETTE.gold },
      ],
      countries: data.countries.map((c) => countryName(c.key, fmt.locale)),
      countrySeries: [{ label: t('dashboard.guests'), data: data.countries.map((c) => c.guests), color: PALETTE.blue }],
      languages: data.languages.map((l) => languageName(l.key, fmt.locale)),
      languageSeries: [{ label: t('dashboard.guests'), data: data.languages.map((l) => l.guests), color: PALETTE.sky }],
    };
  }, [data, fmt, t]);
  const { totals } = data;
  return (
    <>
      <p className="muted">{t('dashboard.eventIntro', { zone: fmt.zoneName(data.timeZone), days: fmt.calendarRange(data.from, data.to) })}</p>
      <Figures
        label={t('dashboard.totals')}
        items={[
          { label: t('dashboard.visits'), value: totals.visits },
          { label: t('dashboard.walkIns'), value: totals.walkIns },
          { label: t('dashboard.requested'), value: totals.requested },
          { label: t('dashboard.held'), value: totals.held },
          { label: t('dashboard.noShows'), value: totals.noShows },
          { label: t('dashboard.stageViewers'), value: totals.stageViewers },
          { label: t('dashboard.cardsShared'), value: totals.cardsShared },
        ]}
      />
      <div className="dashboard__charts">
        <ChartFigure title={t('dashboard.daily')} kind="line" labels={charts.days} series={charts.daily} categoryLabel={t('dashboard.day')} />
        <ChartFigure title={t('dashboard.byHall')} kind="bar" labels={charts.halls} series={charts.hallSeries} categoryLabel={t('dashboard.hall')} />
        <ChartFigure
          title={t('dashboard.topBooths')}
          kind="bar"
          horizontal
          stacked
          labels={charts.booths}
          series={charts.boothSeries}
          categoryLabel={t('dashboard.booth')}
        />
        <ChartFigure
          title={t('dashboard.countries')}
          kind="bar"
          horizontal
          labels={charts.countries}
          series={charts.countrySeries}
          categoryLabel={t('dashboard.country')}
        />
        <ChartFigure
          title={t('dashboard.languages')}
          kind="bar"
          horizontal
          labels={charts.languages}
          series={charts.languageSeries}
          categoryLabel={t('dashboard.language')}
        />
      </div>
    </>
  );
}
