import type { Lead, LeadRating, LeadsResponse } from '@ca/signaling';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/http';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormat } from '../../time/useFormat';

const RATINGS: LeadRating[] = ['hot', 'warm', 'cold'];
const leadsKey = (boothId: string) => ['leads', boothId] as const;

/** A booth's leads for its staff: who shared a contact card, when they met, the staff's rating; CSV download. */
export function LeadsSection({ boothId, boothName }: { boothId: string; boothName: string | undefined }) {
  const { t } = useTranslation();
  const headingId = useId();
  const leads = useQuery({ queryKey: leadsKey(boothId), queryFn: () => api.get<LeadsResponse>(`/api/booths/${encodeURIComponent(boothId)}/leads`) });
  const shared = (leads.data?.leads ?? []).filter((l) => l.card !== null);
  return (
    <section className="appointment-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('leads.title', { booth: boothName ?? '…' })}</h2>
      <p className="muted">{t('leads.intro')}</p>
      <p>
        <a className="button button--quiet button--small" href={`/api/booths/${encodeURIComponent(boothId)}/leads?format=csv`} download>
          {t('leads.download')}
        </a>
      </p>
      <ErrorAlert error={leads.error} />
      {leads.data && shared.length === 0 && <p className="empty">{t('leads.none')}</p>}
      {shared.length > 0 && (
        <ul className="leads">
          {shared.map((lead) => (
            <LeadRow key={lead.appointmentId} boothId={boothId} lead={lead} />
          ))}
        </ul>
      )}
    </section>
  );
}

function LeadRow({ boothId, lead }: { boothId: string; lead: Lead }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const client = useQueryClient();
  const rate = useMutation({
    mutationFn: (rating: LeadRating | null) =>
      api.put<Lead>(`/api/booths/${encodeURIComponent(boothId)}/leads/${encodeURIComponent(lead.appointmentId)}`, {
        rating,
        tags: lead.tags,
        note: lead.note,
        answers: lead.answers,
      }),
    onSettled: () => client.invalidateQueries({ queryKey: leadsKey(boothId) }),
  });
  const card = lead.card ?? {};
  return (
    <li className="lead card">
      <p className="lead__who">
        <bdi>{card.name ?? card.email ?? ''}</bdi>
        {card.company && (
          <>
            {' · '}
            <bdi>{card.company}</bdi>
          </>
        )}
      </p>
      <p className="muted">
        {[card.email, card.phone].filter(Boolean).map((v) => (
          <bdi key={v} className="lead__contact">
            {v}
          </bdi>
        ))}
      </p>
      <p className="muted">{t('leads.met', { when: fmt.dateTime(lead.start) })}</p>
      <label className="lead__rating">
        {t('leads.rating')}{' '}
        <select value={lead.rating ?? ''} onChange={(e) => rate.mutate(e.target.value === '' ? null : (e.target.value as LeadRating))}>
          <option value="">{t('leads.noRating')}</option>
          {RATINGS.map((r) => (
            <option key={r} value={r}>
              {t(`leads.ratings.${r}`)}
            </option>
          ))}
        </select>
      </label>
      <ErrorAlert error={rate.error} />
    </li>
  );
}
