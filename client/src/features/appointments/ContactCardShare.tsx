import { ErrorCode, type ContactCard } from '@ca/signaling';
import { useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../api/auth';
import { ApiError } from '../../api/http';
import { useContactCard } from '../../api/mutations';
import { queries } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { countryName } from '../../i18n/regions';
import { useFormat } from '../../time/useFormat';

const FIELDS = ['name', 'email', 'company', 'jobTitle', 'phone', 'country'] as const;
type Field = (typeof FIELDS)[number];

/**
 * The guest's contact card for one appointment's booth: what they share (each field only if ticked,
 * name, e-mail and country filled from their profile), their explicit consent, and withdrawing it.
 * Shown to the guest only: for anyone else the server refuses (403) and nothing is shown.
 */
export function ContactCardShare({ appointmentId, boothName }: { appointmentId: string; boothName: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const headingId = useId();
  const card = useQuery(queries.contactCard(appointmentId));
  const { withdraw } = useContactCard(appointmentId);
  if (card.error instanceof ApiError && card.error.code === ErrorCode.Forbidden) return null;
  const shared = card.data?.card;
  return (
    <section className="contact-card" aria-labelledby={headingId}>
      <h4 id={headingId}>{t('contactCard.title', { booth: boothName })}</h4>
      <ErrorAlert error={card.error ?? withdraw.error} />
      {shared ? (
        <>
          <p>{t('contactCard.sharedOn', { time: fmt.dateTime(Date.parse(card.data!.consentedAt!)) })}</p>
          <ul className="contact-card__fields">
            {FIELDS.filter((f) => shared[f]).map((f) => (
              <li key={f}>
                <span className="muted">{t(`contactCard.fields.${f}`)}:</span>{' '}
                <bdi>{f === 'country' ? countryName(shared[f]!, fmt.locale) : shared[f]}</bdi>
              </li>
            ))}
          </ul>
          <button type="button" className="button button--quiet button--small" onClick={() => withdraw.mutate()} disabled={withdraw.isPending}>
            {t('contactCard.withdraw')}
          </button>
        </>
      ) : (
        card.data && (
          <>
            {card.data.revokedAt && <p className="muted">{t('contactCard.withdrawnOn', { time: fmt.dateTime(Date.parse(card.data.revokedAt)) })}</p>}
            <ShareForm appointmentId={appointmentId} boothName={boothName} />
          </>
        )
      )}
    </section>
  );
}

function ShareForm({ appointmentId, boothName }: { appointmentId: string; boothName: string }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const fmt = useFormat();
  const { share } = useContactCard(appointmentId);
  const [values, setValues] = useState<Record<Field, string>>({
    name: user?.name ?? '',
    email: user?.email ?? '',
    company: '',
    jobTitle: '',
    phone: '',
    country: user?.country ?? '',
  });
  const [chosen, setChosen] = useState<Record<Field, boolean>>({
    name: true,
    email: true,
    company: false,
    jobTitle: false,
    phone: false,
    country: false,
  });
  const [consent, setConsent] = useState(false);
  const picked = FIELDS.filter((f) => chosen[f] && values[f].trim() !== '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const card: ContactCard = Object.fromEntries(picked.map((f) => [f, values[f].trim()]));
    share.mutate(card);
  };
  return (
    <form className="contact-card__form" onSubmit={submit}>
      <p className="muted">{t('contactCard.intro', { booth: boothName })}</p>
      {FIELDS.map((f) => (
        <div key={f} className="contact-card__field">
          <input
            type="checkbox"
            id={`${appointmentId}-${f}-on`}
            checked={chosen[f]}
            onChange={(e) => setChosen({ ...chosen, [f]: e.target.checked })}
            aria-label={t('contactCard.include', { field: t(`contactCard.fields.${f}`) })}
          />
          <label htmlFor={`${appointmentId}-${f}`}>{t(`contactCard.fields.${f}`)}</label>
          {f === 'country' ? (
            <output id={`${appointmentId}-${f}`}>{values.country ? countryName(values.country, fmt.locale) : '—'}</output>
          ) : (
            <input
              id={`${appointmentId}-${f}`}
              type={f === 'email' ? 'email' : f === 'phone' ? 'tel' : 'text'}
              value={values[f]}
              dir="auto"
              maxLength={f === 'email' ? 254 : 120}
              onChange={(e) => {
                setValues({ ...values, [f]: e.target.value });
                setChosen({ ...chosen, [f]: e.target.value.trim() !== '' });
              }}
            />
          )}
        </div>
      ))}
      <label className="checkbox">
        <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} />
        {t('contactCard.consent', { booth: boothName })}
      </label>
      <ErrorAlert error={share.error} />
      <button type="submit" className="button button--primary button--small" disabled={!consent || picked.length === 0 || share.isPending}>
        {t('contactCard.share')}
      </button>
    </form>
  );
}
